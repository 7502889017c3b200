import { thinJob } from "./thin-job.js";

/** Probes candidates before promotion and retires models absent from complete reads (injected service). */
export const admissionRetirementJob = thinJob(
  "admission-retirement",
  "Probe new candidates before promotion, reject definitive failures with a recheck date, retire models missing from three complete reads.",
  "admission",
  30 * 60_000,
);
