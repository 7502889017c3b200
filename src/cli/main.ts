#!/usr/bin/env node
import { CommanderError } from "commander";
import { asDatabaseUnavailable, escapeControl, isAppError } from "../errors.js";
import { redactSecrets } from "../logger.js";
import { buildProgram } from "./program.js";

/**
 * The `bench-operator` binary. This file is the composition root of the CLI: the only place
 * that reads process.env (handed to the program once) and turns errors into exit codes.
 * Start-up time matters (an MCP client times `mcp` and `serve`, people wait on `--help`), so
 * src/cli/program.ts imports only the command group that runs.
 */
async function main(): Promise<void> {
  try {
    const program = await buildProgram(process.env, process.argv.slice(2));
    await program.parseAsync(process.argv);
  } catch (thrown) {
    // A database lost mid-command is an outage with its own one-line message, not a bug.
    const e = asDatabaseUnavailable(thrown);
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    if (isAppError(e)) {
      process.stderr.write(`error (${e.code}): ${escapeControl(redactSecrets(e.message))}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `unexpected error: ${redactSecrets(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`,
    );
    process.exitCode = 1;
  }
}

await main();
