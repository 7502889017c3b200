import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "../../src/db/embedded.js";
import { freePort, type RunningDatabase } from "../../src/db/ferretdb.js";
import { silentLogger } from "../../src/logger.js";
import { launchersFor } from "../helpers/launchers.js";

/**
 * The embedded database a command starts when MONGODB_URI is unset (src/db/embedded.ts): a command
 * shares the FerretDB another process runs over the same data directory (`console --link` beside
 * `serve`) rather than start a second launcher over the same SQLite files; a long-lived process
 * starts its own.
 */
describe("the embedded database", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  function tempRoot(): string {
    const root = mkdtempSync(join(tmpdir(), "embedded-db-"));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    return root;
  }

  async function start(root: string, share = true): Promise<RunningDatabase> {
    const db = await startEmbeddedDatabase({ dataDir: root, logger: silentLogger, share });
    cleanups.push(() => db.stop());
    return db;
  }

  async function withClient<T>(uri: string, fn: (c: MongoClient) => Promise<T>): Promise<T> {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 3_000 });
    try {
      return await fn(client);
    } finally {
      await client.close();
    }
  }

  it("started twice over one directory, the second shares the first's FerretDB and leaves it running when done", async () => {
    const root = tempRoot();
    const first = await start(root);
    const second = await start(root);
    expect(second.uri).toBe(first.uri);
    expect(await launchersFor(join(root, "ferretdb"))).toHaveLength(1);

    // What the second writes into a new collection, the first reads: one catalogue, one server.
    await withClient(second.uri, (c) =>
      c
        .db("shared")
        .collection("notes")
        .insertOne({ _id: "n1" as never, by: 2 }),
    );
    await withClient(first.uri, async (c) =>
      expect(await c.db("shared").collection("notes").findOne({})).toEqual({ _id: "n1", by: 2 }),
    );

    await second.stop();
    await withClient(first.uri, async (c) =>
      expect((await c.db("admin").command({ ping: 1 }))["ok"]).toBe(1),
    );
    await first.stop();
    expect(await launchersFor(join(root, "ferretdb"))).toEqual([]);

    // With the first gone, the next start runs its own.
    const third = await start(root);
    expect(await launchersFor(join(root, "ferretdb"))).toHaveLength(1);
    await withClient(third.uri, async (c) =>
      expect(await c.db("shared").collection("notes").countDocuments()).toBe(1),
    );
  }, 120_000);

  it("started for a long-lived process (share: false), runs its own even beside a running one", async () => {
    // serve, mcp and a console server: sharing would tie their database to the other process's life.
    const root = tempRoot();
    const first = await start(root);
    const own = await start(root, false);
    expect(own.uri).not.toBe(first.uri);
    expect(await launchersFor(join(root, "ferretdb"))).toHaveLength(2);
    await first.stop();
    await withClient(own.uri, async (c) => expect((await c.db("admin").command({ ping: 1 }))["ok"]).toBe(1));
    // The file now names the long-lived one, so the next command shares it.
    const next = await start(root);
    expect(next.uri).toBe(own.uri);
  }, 120_000);

  it("starts its own when the file names a process that is gone", async () => {
    const root = tempRoot();
    const dir = join(root, "ferretdb");
    const first = await start(root);
    await first.stop();
    // A pid that has exited, and a port nothing listens on: what a killed serve leaves behind.
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    writeFileSync(join(dir, "launcher.json"), JSON.stringify({ pid: gone, port: await freePort() }));

    const db = await start(root);
    const [pid] = await launchersFor(dir);
    expect(pid).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(dir, "launcher.json"), "utf8"))).toMatchObject({ pid });
    await withClient(db.uri, async (c) => expect((await c.db("admin").command({ ping: 1 }))["ok"]).toBe(1));
  }, 120_000);
});
