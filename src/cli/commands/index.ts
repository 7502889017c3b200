import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { registerAdmissionCommands } from "./admission.js";
import { registerBatchesCommands } from "./batches.js";
import { registerBenchmarkCommands } from "./benchmark.js";
import { registerCatalogCommands } from "./catalog.js";
import { registerConfigCommands } from "./config.js";
import { registerDbCommands } from "./db.js";
import { registerDecisionsCommands } from "./decisions.js";
import { registerDemoCommands } from "./demo.js";
import { registerDiscoveryCommands } from "./discovery.js";
import { registerErrorsCommands } from "./errors.js";
import { registerHealthCommands } from "./health.js";
import { registerInvariantsCommands } from "./invariants.js";
import { registerJobsCommands } from "./jobs.js";
import { registerMcpCommands } from "./mcp.js";
import { registerModelsCommands } from "./models.js";
import { registerOperatorCommands } from "./operator.js";
import { registerOverviewCommands } from "./overview.js";
import { registerPolicyCommands } from "./policy.js";
import { registerReportCommands } from "./report.js";
import { registerRunnerCommands } from "./runner.js";
import { registerServeCommands } from "./serve.js";
import { registerSignalsCommands } from "./signals.js";
import { registerSituationsCommands } from "./situations.js";
import { registerTokensCommands } from "./tokens.js";

/** Every command group, in the order `--help` lists them. Add one line per new group. */
export const COMMAND_GROUPS: ((program: Command, ctx: CliContext) => void)[] = [
  registerOverviewCommands,
  registerModelsCommands,
  registerSignalsCommands,
  registerErrorsCommands,
  registerSituationsCommands,
  registerOperatorCommands,
  registerDecisionsCommands,
  registerBatchesCommands,
  registerPolicyCommands,
  registerBenchmarkCommands,
  registerDiscoveryCommands,
  registerCatalogCommands,
  registerAdmissionCommands,
  registerJobsCommands,
  registerInvariantsCommands,
  registerReportCommands,
  registerHealthCommands,
  registerMcpCommands,
  registerDbCommands,
  registerServeCommands,
  registerRunnerCommands,
  registerTokensCommands,
  registerDemoCommands,
  registerConfigCommands,
];
