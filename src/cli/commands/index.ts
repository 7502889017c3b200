import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { registerConfigCommands } from "./config.js";

/** Every command group, in the order `--help` lists them. Add one line per new group. */
export const COMMAND_GROUPS: ((program: Command, ctx: CliContext) => void)[] = [registerConfigCommands];
