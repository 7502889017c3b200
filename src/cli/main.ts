#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { isAppError } from "../errors.js";
import { redactSecrets } from "../logger.js";
import { createCliContext, type CliContext } from "./context.js";

type RegisterGroup = (program: Command, ctx: CliContext) => void;

/**
 * Commands whose start-up time matters (an MCP client times the server's start), loaded alone
 * when they are the command asked for. Every other invocation, `--help` included, loads all the
 * groups: importing them all costs over a second (the AWS SDK, nodemailer, the tokenizer).
 */
const FAST_START: Record<string, () => Promise<RegisterGroup>> = {
  mcp: async () => (await import("./commands/mcp.js")).registerMcpCommands,
  serve: async () => (await import("./commands/serve.js")).registerServeCommands,
};

async function commandGroups(argv: readonly string[]): Promise<readonly RegisterGroup[]> {
  const load = FAST_START[argv[2] ?? ""];
  if (load) return [await load()];
  return (await import("./commands/index.js")).COMMAND_GROUPS;
}

/**
 * The `bench-operator` binary. This file is the composition root of the CLI: the only place
 * that reads process.env (handed to loadConfig once) and turns errors into exit codes.
 */
export function buildProgram(
  env: Record<string, string | undefined>,
  groups: readonly RegisterGroup[],
): Command {
  const ctx = createCliContext(env);
  const program = new Command("bench-operator")
    .description("Operate a fleet of LLM benchmarks within a policy that humans set.")
    .showHelpAfterError()
    .exitOverride();
  for (const register of groups) register(program, ctx);
  return program;
}

async function main(): Promise<void> {
  const program = buildProgram(process.env, await commandGroups(process.argv));
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
