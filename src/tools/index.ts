import { approveDecision } from "./approve-decision.js";
import { getCosts } from "./get-costs.js";
import { getDecision } from "./get-decision.js";
import { getFleetHealth } from "./get-fleet-health.js";
import { getModelSignalsTool } from "./get-model-signals.js";
import { getPolicy } from "./get-policy.js";
import { listDecisions } from "./list-decisions.js";
import { listJobRuns } from "./list-job-runs.js";
import { listModels } from "./list-models.js";
import { listSituations } from "./list-situations.js";
import { proposeDisable } from "./propose-disable.js";
import { proposeEnable } from "./propose-enable.js";
import { probeModelTool } from "./probe-model.js";
import { rejectDecision } from "./reject-decision.js";
import { revertBatchTool } from "./revert-batch.js";
import { runOperatorTool } from "./run-operator.js";
import { searchCatalogTool } from "./search-catalog.js";
import type { Tool } from "./tool.js";

/** Every tool the server offers, in the order tools/list shows them: reads first, then writes. */
export const allTools: readonly Tool[] = [
  getFleetHealth,
  listSituations,
  getModelSignalsTool,
  listModels,
  searchCatalogTool,
  listDecisions,
  getDecision,
  getPolicy,
  getCosts,
  listJobRuns,
  proposeDisable,
  proposeEnable,
  approveDecision,
  rejectDecision,
  revertBatchTool,
  runOperatorTool,
  probeModelTool,
];
