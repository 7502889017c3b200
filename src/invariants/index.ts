/** The invariants: every check, and the evaluation that records them. */
export { allChecks } from "./all-checks.js";
export { runInvariants, type Evaluation, type RunInvariantsOptions } from "./run.js";
export { DesiredSetRepository, type DesiredSetSnapshot } from "./desired-set.js";
export { CheckRunsRepository, type CheckRunDoc } from "./check-runs-repository.js";
export type { CheckStatus, InvariantCheck } from "./types.js";
