import { desiredModelsAreMeasured } from "./checks/desired-models-are-measured.js";
import { desiredSetNotShrinking } from "./checks/desired-set-not-shrinking.js";
import { discoveryCompletedRecently } from "./checks/discovery-completed-recently.js";
import { everyProviderIsProgressing } from "./checks/every-provider-is-progressing.js";
import { jobLanesSucceeding } from "./checks/job-lanes-succeeding.js";
import { nothingHalfApplied } from "./checks/nothing-half-applied.js";
import { noWorkForDisabledModels } from "./checks/no-work-for-disabled-models.js";
import { pendingDecisionsNotStale } from "./checks/pending-decisions-not-stale.js";
import { recheckDatesAreHonoured } from "./checks/recheck-dates-are-honoured.js";
import { scheduledJobsRan } from "./checks/scheduled-jobs-ran.js";
import { spendWithinBudget } from "./checks/spend-within-budget.js";
import type { InvariantCheck } from "./types.js";

/** Every invariant, in report order. Add one line per new check. */
export const allChecks: readonly InvariantCheck[] = [
  noWorkForDisabledModels,
  everyProviderIsProgressing,
  desiredModelsAreMeasured,
  desiredSetNotShrinking,
  discoveryCompletedRecently,
  recheckDatesAreHonoured,
  pendingDecisionsNotStale,
  spendWithinBudget,
  scheduledJobsRan,
  jobLanesSucceeding,
  nothingHalfApplied,
];
