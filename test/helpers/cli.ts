import { randomBytes } from "node:crypto";
import { Command } from "commander";
import { afterAll, beforeAll, inject, vi } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { createCliContext } from "../../src/cli/context.js";
import { failureExitCode } from "../../src/cli/failure.js";
import { markRequiredOptions } from "../../src/cli/help.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { startFakeCatalogServer, type FakeCatalogServer } from "./fake-catalog-server.js";

type CommandGroup = (program: Command, ctx: CliContext) => void;

/**
 * A CLI runner for in-process tests: registers the given command groups over a context built
 * from `env` (as main.ts does with process.env) and returns what one command printed on stdout.
 * A command that fails rejects with its error (an `AppError` with its code and message).
 */
export function inProcessCli(
  env: () => Record<string, string>,
  groups: CommandGroup[],
): (...args: string[]) => Promise<string> {
  return async (...args) => {
    const program = programOf(env, groups);
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync(["node", "bench-operator", ...args]);
    } finally {
      spy.mockRestore();
    }
    return out.join("");
  };
}

/** What one command line did, as a person at a terminal sees it. */
export interface CliOutcome {
  stdout: string;
  stderr: string;
  /** The binary's exit code: a failure's through src/cli/failure.ts, else what the command set. */
  exitCode: number;
}

/**
 * The in-process CLI as the binary ends: a failure is not thrown but answered as main.ts answers
 * it (its stderr line and exit code, `failureExitCode`), and a command that sets
 * `process.exitCode` (a "not done" answer) has that code returned and the test process's reset.
 */
export function inProcessCliOutcome(
  env: () => Record<string, string>,
  groups: CommandGroup[],
): (...args: string[]) => Promise<CliOutcome> {
  return async (...args) => {
    const program = programOf(env, groups);
    const out: string[] = [];
    const err: string[] = [];
    const capture = (into: string[]) => (chunk: string | Uint8Array) => {
      into.push(String(chunk));
      return true;
    };
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(capture(out));
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(capture(err));
    const before = process.exitCode;
    process.exitCode = undefined;
    let exitCode: number;
    try {
      await program.parseAsync(["node", "bench-operator", ...args]);
      exitCode = Number(process.exitCode ?? 0);
    } catch (thrown) {
      exitCode = failureExitCode(thrown, (text) => void err.push(text));
    } finally {
      process.exitCode = before;
      stdout.mockRestore();
      stderr.mockRestore();
    }
    return { stdout: out.join(""), stderr: err.join(""), exitCode };
  };
}

/** The program as main.ts builds it (src/cli/program.ts), with the given groups registered. */
function programOf(env: () => Record<string, string>, groups: CommandGroup[]): Command {
  const program = markRequiredOptions(new Command("bench-operator")).exitOverride();
  const ctx = createCliContext(env());
  for (const register of groups) register(program, ctx);
  return program;
}

/**
 * The in-process CLI against the fake catalog server and a database of its own: the server's
 * settings plus MONGODB_URI/MONGODB_DB, set up before the file's tests and dropped after them.
 */
export function cliAgainstFakeCatalogs(
  label: string,
  groups: CommandGroup[],
): (...args: string[]) => Promise<string> {
  return inProcessCli(fakeCatalogsEnv(label), groups);
}

/**
 * The environment of `cliAgainstFakeCatalogs`, for a file that also runs `inProcessCliOutcome`
 * over the same server and database.
 */
export function fakeCatalogsEnv(label: string): () => Record<string, string> {
  let server: FakeCatalogServer | undefined;
  let env: Record<string, string> = {};
  beforeAll(async () => {
    server = await startFakeCatalogServer();
    env = {
      ...server.env(),
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: `t_${label}_${randomBytes(3).toString("hex")}`,
    };
  });
  afterAll(async () => {
    await server?.close();
    const client = await connectMongo(inject("mongoUri"));
    await client.db(env["MONGODB_DB"]).dropDatabase();
    await client.close();
  });
  return () => env;
}
