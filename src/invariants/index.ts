/** The invariants: every check, and the evaluation that records them. */
export { allChecks } from "./all-checks.js";
export { runInvariants, type Evaluation, type RunInvariantsOptions } from "./run.js";
export type { DesiredSetSnapshot } from "../storage/desired-set-repository.js";
export type { CheckRunDoc } from "../storage/check-runs-repository.js";
export type { CheckStatus, InvariantCheck } from "./types.js";
