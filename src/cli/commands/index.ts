import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { registerBatchesCommands } from "./batches.js";
import { registerConfigCommands } from "./config.js";
import { registerDecisionsCommands } from "./decisions.js";
import { registerErrorsCommands } from "./errors.js";
import { registerModelsCommands } from "./models.js";
import { registerOperatorCommands } from "./operator.js";
import { registerPolicyCommands } from "./policy.js";
import { registerSignalsCommands } from "./signals.js";
import { registerSituationsCommands } from "./situations.js";

/** Every command group, in the order `--help` lists them. Add one line per new group. */
export const COMMAND_GROUPS: ((program: Command, ctx: CliContext) => void)[] = [
  registerModelsCommands,
  registerSignalsCommands,
  registerErrorsCommands,
  registerSituationsCommands,
  registerOperatorCommands,
  registerDecisionsCommands,
  registerBatchesCommands,
  registerPolicyCommands,
  registerConfigCommands,
];
