import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "../../src/db/embedded.js";
import { lifelinePath, type RunningDatabase } from "../../src/db/ferretdb.js";
import { silentLogger } from "../../src/logger.js";
import { launchersFor } from "../helpers/launchers.js";

/**
 * The embedded database a process of ours starts when MONGODB_URI is unset (src/db/embedded.ts):
 * one FerretDB per data directory, shared by every process that uses it (Claude Desktop's `mcp`
 * beside a terminal's `serve`, `console --link` beside either) rather than a second launcher over
 * the same SQLite files, and running until the last of them lets go, however each ends.
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

  async function start(root: string): Promise<RunningDatabase> {
    const db = await startEmbeddedDatabase({ dataDir: root, logger: silentLogger });
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

  async function ping(uri: string): Promise<number> {
    return withClient(uri, async (c) => (await c.db("admin").command({ ping: 1 }))["ok"] as number);
  }

  /** The launchers serving `dir` once those shutting down have gone (they exit after the last release). */
  async function settled(dir: string, expected: number): Promise<number[]> {
    const deadline = Date.now() + 15_000;
    let pids = await launchersFor(dir);
    while (pids.length !== expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      pids = await launchersFor(dir);
    }
    return pids;
  }

  /** Another process of ours holding the embedded database over `root`, as `serve` or `mcp` would. */
  async function otherProcess(root: string): Promise<{ child: ChildProcess; uri: string }> {
    const script = [
      `import { startEmbeddedDatabase } from ${JSON.stringify(new URL("../../src/db/embedded.ts", import.meta.url).href)};`,
      `import { silentLogger } from ${JSON.stringify(new URL("../../src/logger.ts", import.meta.url).href)};`,
      `const db = await startEmbeddedDatabase({ dataDir: ${JSON.stringify(root)}, logger: silentLogger });`,
      `process.stdout.write("uri " + db.uri + "\\n");`,
      "setInterval(() => {}, 60_000);",
    ].join("\n");
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    cleanups.push(() => void child.kill("SIGKILL"));
    const uri = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        out += d;
        const m = /uri (\S+)\n/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once("exit", (code) =>
        reject(new Error(`the other process exited (${code}) before its database was up`)),
      );
    });
    return { child, uri };
  }

  it("started twice over one directory, runs one FerretDB, which outlives the process that started it", async () => {
    const root = tempRoot();
    const dir = join(root, "ferretdb");
    const first = await start(root);
    const second = await start(root);
    expect(second.uri).toBe(first.uri);
    expect(await launchersFor(dir)).toHaveLength(1);

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

    // The one that started it stops first (`serve` stopped while Claude Desktop's `mcp` runs on).
    await first.stop();
    expect(await ping(second.uri)).toBe(1);
    expect(await launchersFor(dir)).toHaveLength(1);
    await second.stop();
    expect(await settled(dir, 0)).toEqual([]);

    // With both gone, the next start runs its own over the same data.
    const third = await start(root);
    expect(await launchersFor(dir)).toHaveLength(1);
    await withClient(third.uri, async (c) =>
      expect(await c.db("shared").collection("notes").countDocuments()).toBe(1),
    );
  }, 120_000);

  it("started by several processes at once, runs one FerretDB", async () => {
    const root = tempRoot();
    const dbs = await Promise.all([start(root), start(root), start(root)]);
    expect(new Set(dbs.map((d) => d.uri)).size).toBe(1);
    expect(await launchersFor(join(root, "ferretdb"))).toHaveLength(1);
    for (const db of dbs) await db.stop();
    expect(await settled(join(root, "ferretdb"), 0)).toEqual([]);
  }, 120_000);

  it("keeps serving when the process that started it is killed, and ends with the last one", async () => {
    const root = tempRoot();
    const dir = join(root, "ferretdb");
    const other = await otherProcess(root);
    const mine = await start(root);
    expect(mine.uri).toBe(other.uri);

    other.child.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 500));
    // Connections opened and closed after its parent died make FerretDB log to a pipe nobody
    // reads; that must not end it.
    for (let i = 0; i < 3; i++) expect(await ping(mine.uri)).toBe(1);
    expect(await launchersFor(dir)).toHaveLength(1);

    await mine.stop();
    expect(await settled(dir, 0)).toEqual([]);
  }, 120_000);

  it("ends when the process that started it stops after the one sharing it was killed", async () => {
    const root = tempRoot();
    const dir = join(root, "ferretdb");
    const mine = await start(root);
    const other = await otherProcess(root);
    expect(other.uri).toBe(mine.uri);
    other.child.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 300));
    expect(await ping(mine.uri)).toBe(1);
    await mine.stop();
    expect(await settled(dir, 0)).toEqual([]);
  }, 120_000);

  it("starts a new one over what a killed launcher left behind", async () => {
    const root = tempRoot();
    const dir = join(root, "ferretdb");
    const first = await start(root);
    await withClient(first.uri, (c) =>
      c
        .db("kept")
        .collection("x")
        .insertOne({ _id: "a" as never }),
    );
    const [pid] = await launchersFor(dir);
    process.kill(pid!, "SIGKILL");
    await settled(dir, 0);
    // Its socket file is still there, with nobody behind it.
    expect(existsSync(lifelinePath(dir))).toBe(true);

    const db = await start(root);
    expect(await launchersFor(dir)).toHaveLength(1);
    await withClient(db.uri, async (c) =>
      expect(await c.db("kept").collection("x").countDocuments()).toBe(1),
    );
  }, 120_000);
});
