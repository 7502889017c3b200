import { thinJob } from "./thin-job.js";

/** Reads every provider catalog through the injected discovery service; one ledger row per read. */
export const discoveryJob = thinJob(
  "discovery",
  "Read every provider's /models catalog and the OpenRouter catalog; record one ledger row per read. Fails when no read completes.",
  "discovery",
  30 * 60_000,
);
