import { randomBytes } from "node:crypto";
import { Command } from "commander";
import { afterAll, beforeAll, inject, vi } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { createCliContext } from "../../src/cli/context.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { startFakeCatalogServer, type FakeCatalogServer } from "./fake-catalog-server.js";

type CommandGroup = (program: Command, ctx: CliContext) => void;

/**
 * A CLI runner for in-process tests: registers the given command groups over a context built
 * from `env` (as main.ts does with process.env) and returns what one command printed on stdout.
 */
export function inProcessCli(
  env: () => Record<string, string>,
  groups: CommandGroup[],
): (...args: string[]) => Promise<string> {
  return async (...args) => {
    const program = new Command("bench-operator").exitOverride();
    const ctx = createCliContext(env());
    for (const register of groups) register(program, ctx);
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

/**
 * The in-process CLI against the fake catalog server and a database of its own: the server's
 * settings plus MONGODB_URI/MONGODB_DB, set up before the file's tests and dropped after them.
 */
export function cliAgainstFakeCatalogs(
  label: string,
  groups: CommandGroup[],
): (...args: string[]) => Promise<string> {
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
  return inProcessCli(() => env, groups);
}
