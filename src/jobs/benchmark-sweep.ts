import { thinJob } from "./thin-job.js";

/** Measures the models that are due, through the injected benchmark sweep service. */
export const benchmarkSweepJob = thinJob(
  "benchmark-sweep",
  "Select the models due for measurement and benchmark them (per-provider concurrency, backoff by error kind).",
  "benchmarkSweep",
  14 * 60_000,
);
