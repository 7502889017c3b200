import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerConsoleCommands } from "../../src/cli/commands/console.js";
import type { ConsoleShared } from "../../src/console/context.js";
import { consoleEndpoint } from "../../src/console/endpoint.js";
import { startConsoleServer, type RunningConsole } from "../../src/console/mount.js";
import { startFerretDb, type RunningDatabase } from "../../src/db/ferretdb.js";
import type { Deps } from "../../src/deps.js";
import { silentLogger } from "../../src/logger.js";
import { principalFor } from "../../src/policy/principal.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { createRepositories, ensureIndexes, type Repositories } from "../../src/storage/repositories.js";
import { createToolServices } from "../../src/tools/services.js";
import { CONSOLE_LINKS_COLLECTION } from "../../src/storage/console-links-repository.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * Which console a stdio server's approval link goes to: one whose ping names this database. Two
 * installations usually share the database's name (`llm-bench`), so here database A is on the
 * test server and database B has the very same name on a FerretDB of its own (another data
 * directory: another user, another checkout). A link minted in A and opened on B's console is
 * "not valid"; the endpoint must tell them apart.
 */
let a: TestDatabase;
let other: RunningDatabase;
let otherDir: string;
let bClient: MongoClient;
let b: Repositories;
const consoles: RunningConsole[] = [];
const clients: MongoClient[] = [];
const now = new Date("2026-01-05T10:00:00Z");
const alice = principalFor("alice", "operator");

const shared = (repos: Repositories, t: TestDatabase): ConsoleShared => {
  const deps: Deps = { config: t.config, logger: silentLogger, repos, clock: () => now };
  return { deps, services: createToolServices(deps) };
};

beforeAll(async () => {
  a = await openTestDatabase("console-identity");
  otherDir = mkdtempSync(join(tmpdir(), "bench-operator-other-db-"));
  other = await startFerretDb(otherDir);
  bClient = await connectMongo(other.uri);
  b = createRepositories(bClient.db(a.db.databaseName), a.config.collections);
  await ensureIndexes(b);
}, 120_000);

afterAll(async () => {
  for (const c of consoles) await c.close();
  for (const c of clients) await c.close();
  await bClient?.close();
  await other?.stop();
  if (otherDir) rmSync(otherDir, { recursive: true, force: true });
});

/** Another process on the test server's database `name`. */
async function processOn(name: string): Promise<Repositories> {
  const client = await connectMongo(inject("mongoUri"));
  clients.push(client);
  return createRepositories(client.db(name), a.config.collections);
}

describe("a database's identity", () => {
  it("differs between two databases of the same name and is the same for every process on one", async () => {
    expect(b.databaseName).toBe(a.repos.databaseName);
    const [idA, idB] = [await a.repos.database.identity(), await b.database.identity()];
    expect(idA).toMatch(/^[0-9a-f]{32}$/);
    expect(idB).not.toBe(idA);
    expect(await a.repos.database.identity()).toBe(idA);
    expect(await (await processOn(a.db.databaseName)).database.identity()).toBe(idA);
  });

  it("is one id when several processes create it at once", async () => {
    const name = `${a.db.databaseName}_race`;
    const processes = await Promise.all(Array.from({ length: 4 }, () => processOn(name)));
    try {
      const ids = await Promise.all(processes.flatMap((p) => [p.database.identity(), p.database.identity()]));
      expect(new Set(ids).size).toBe(1);
    } finally {
      await processes[0]!.database.dropCollection("database_identity").catch(() => {});
    }
  });
});

describe("the console a stdio server's link goes to", () => {
  const offer = async (candidates: string[]): Promise<string> => {
    const endpoint = consoleEndpoint(shared(a.repos, a), {
      candidates,
      openBrowser: () => Promise.resolve(true),
      logger: silentLogger,
    });
    consoles.push({ origin: "", close: () => endpoint.close() });
    const { url } = await endpoint.offer(
      { principal: alice, scope: { kind: "all" }, purpose: "sign-in" },
      now,
    );
    return url;
  };

  it("is not another database's console of the same name, and is a console on our own database", async () => {
    const onB = await startConsoleServer(shared(b, a), { host: "127.0.0.1", port: 0 });
    const onA = await startConsoleServer(shared(await processOn(a.db.databaseName), a), {
      host: "127.0.0.1",
      port: 0,
    });
    consoles.push(onB, onA);
    // B's console answers the ping but for another database: the endpoint starts its own console.
    const refused = await offer([onB.origin]);
    expect(new URL(refused).origin).not.toBe(onB.origin);
    expect((await fetch(refused, { redirect: "manual" })).status).toBe(200);
    // A console of another process on A is used, and the link minted in A opens there.
    const accepted = await offer([onB.origin, onA.origin]);
    expect(new URL(accepted).origin).toBe(onA.origin);
    expect((await fetch(accepted, { redirect: "manual" })).status).toBe(200);
    // The same link on B's console is what the user used to get: not valid.
    const minted = await offer([onA.origin]);
    expect((await fetch(`${onB.origin}${new URL(minted).pathname}`, { redirect: "manual" })).status).toBe(
      410,
    );
  });
});

describe("`console --link --url`", () => {
  const cli = inProcessCli(
    () => ({
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: a.db.databaseName,
      BENCH_OPERATOR_PRINCIPAL: "alice:operator",
    }),
    [registerConsoleCommands],
  );
  const links = (): Promise<number> => a.db.collection(CONSOLE_LINKS_COLLECTION).countDocuments({});

  it("mints no link where nothing listens, nor for a console on another database, and says which", async () => {
    const closed = await startConsoleServer(shared(a.repos, a), { host: "127.0.0.1", port: 0 });
    await closed.close(); // its port now refuses connections
    const onB = await startConsoleServer(shared(b, a), { host: "127.0.0.1", port: 0 });
    consoles.push(onB);
    const before = await links();

    await expect(cli("console", "--link", "--url", closed.origin)).rejects.toThrow(
      new RegExp(`^No link was minted: nothing answers at ${closed.origin} \\(ECONNREFUSED\\)`),
    );
    await expect(cli("console", "--link", "--url", `${onB.origin}/console`)).rejects.toThrow(
      new RegExp(
        `^No link was minted: the console at ${onB.origin} serves another database than this command`,
      ),
    );
    expect(await links()).toBe(before);
  });

  it("prints a link that opens on a console serving this command's database", async () => {
    const onA = await startConsoleServer(shared(await processOn(a.db.databaseName), a), {
      host: "127.0.0.1",
      port: 0,
    });
    consoles.push(onA);
    const before = await links();
    const out = (await cli("console", "--link", "--url", onA.origin)).trim();
    expect(out).toMatch(new RegExp(`^${onA.origin}/console/link/[A-Za-z0-9_-]+$`));
    expect(await links()).toBe(before + 1);
    expect((await fetch(out, { redirect: "manual" })).status).toBe(200);
  });

  it("on a port taken by a console on this database, --link mints for that console; otherwise says the port is taken", async () => {
    const onA = await startConsoleServer(shared(await processOn(a.db.databaseName), a), {
      host: "127.0.0.1",
      port: 0,
    });
    const onB = await startConsoleServer(shared(b, a), { host: "127.0.0.1", port: 0 });
    consoles.push(onA, onB);
    const portOf = (origin: string): string => new URL(origin).port;
    const before = await links();
    const out = (await cli("console", "--link", "--port", portOf(onA.origin))).trim();
    expect(out).toMatch(new RegExp(`^${onA.origin}/console/link/[A-Za-z0-9_-]+$`));
    expect((await fetch(out, { redirect: "manual" })).status).toBe(200);
    // Held by another database's console, or asked without --link: the refusal, not a stack trace.
    for (const args of [
      ["--link", "--port", portOf(onB.origin)],
      ["--port", portOf(onA.origin)],
    ])
      await expect(cli("console", ...args)).rejects.toThrow(
        /^Could not listen on 127\.0\.0\.1:\d+: something already listens there \(another `serve` or `console`\?\)\. Nothing was started\./,
      );
    expect(await links()).toBe(before + 1);
  });
});
