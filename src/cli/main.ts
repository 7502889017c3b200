#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { isAppError } from "../errors.js";
import { redactSecrets } from "../logger.js";
import { COMMAND_GROUPS } from "./commands/index.js";
import { createCliContext } from "./context.js";

/**
 * The `bench-operator` binary. This file is the composition root of the CLI: the only place
 * that reads process.env (handed to loadConfig once) and turns errors into exit codes.
 */
export function buildProgram(env: Record<string, string | undefined>): Command {
  const ctx = createCliContext(env);
  const program = new Command("bench-operator")
    .description("Operate a fleet of LLM benchmarks within a policy that humans set.")
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMAND_GROUPS) register(program, ctx);
  return program;
}

async function main(): Promise<void> {
  const program = buildProgram(process.env);
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    if (isAppError(e)) {
      process.stderr.write(`error (${e.code}): ${redactSecrets(e.message)}\n`);
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
