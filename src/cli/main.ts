#!/usr/bin/env node
import { failureExitCode } from "./failure.js";
import { buildProgram } from "./program.js";

/**
 * The `bench-operator` binary. This file is the composition root of the CLI: the only place
 * that reads process.env (handed to the program once) and turns errors into exit codes
 * (src/cli/failure.ts). Start-up time matters (an MCP client times `mcp` and `serve`, people
 * wait on `--help`), so src/cli/program.ts imports only the command group that runs.
 */
async function main(): Promise<void> {
  try {
    const program = await buildProgram(process.env, process.argv.slice(2));
    await program.parseAsync(process.argv);
  } catch (thrown) {
    process.exitCode = failureExitCode(thrown, (text) => process.stderr.write(text));
  }
}

await main();
