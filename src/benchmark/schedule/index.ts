export { claimDueWork, openClaimSession, ClaimSession, type WorkItem, type ClaimOptions } from "./claim.js";
export {
  recordRunResult,
  recordRunResultDetailed,
  releaseClaim,
  type RecordOutcome,
} from "./record-result.js";
export { planDueWork, type Candidate, type DuePlan, type Skipped, type SkipReason } from "./due.js";
export { BACKOFF_MS, backoffUntil } from "./backoff.js";
export { runCost, estimateRunUsd, type ModelPrice, type RunCost } from "./cost.js";
