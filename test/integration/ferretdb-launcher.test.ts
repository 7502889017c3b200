import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient, type Collection } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPatches } from "../../src/db/ferretdb-build.js";
import { ensureLauncher, freePort, startFerretDb, type RunningDatabase } from "../../src/db/ferretdb.js";
import { launchersFor } from "../helpers/launchers.js";

/**
 * The FerretDB we build is patched to use its `_id` index (src/db/ferretdb-build.ts). These tests
 * start that launcher directly, whatever MONGODB_URI says, and read SQLite's own query plan through
 * `explain`: an unpatched build answers `SCAN` for every one of them.
 */
describe("the patched FerretDB launcher", () => {
  let server: RunningDatabase;
  let client: MongoClient;
  let col: Collection<{ _id: string; a: number; tag?: string }>;
  const dataDir = mkdtempSync(join(tmpdir(), "ferretdb-launcher-test-"));

  beforeAll(async () => {
    server = await startFerretDb(dataDir);
    client = new MongoClient(server.uri);
    await client.connect();
    col = client.db("launcher").collection("docs");
    await col.insertMany(Array.from({ length: 200 }, (_, i) => ({ _id: `k${i}`, a: i % 3 })));
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function plan(filter: Record<string, unknown>): Promise<{ plan: string; pushdown: boolean }> {
    const r = await client
      .db("launcher")
      .command({ explain: { find: "docs", filter }, verbosity: "queryPlanner" });
    const planner = r["queryPlanner"] as { Plan: string[] };
    return { plan: planner.Plan.join("\n"), pushdown: r["filterPushdown"] === true };
  }

  it("looks up an _id through the index", async () => {
    const p = await plan({ _id: "k7" });
    expect(p.plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
    expect(p.pushdown).toBe(true);
    expect(await col.findOne({ _id: "k7" })).toEqual({ _id: "k7", a: 1 });
  });

  it("narrows a filter with _id and other conditions by the index, and still applies the rest", async () => {
    const p = await plan({ _id: "k7", a: { $gt: 5 } });
    expect(p.plan).toMatch(/USING INDEX/);
    expect(await col.findOne({ _id: "k7", a: { $gt: 5 } })).toBeNull();
    expect(await col.findOne({ _id: "k7", a: 1 })).toEqual({ _id: "k7", a: 1 });
  });

  it("updates and deletes by _id, conditionally or not, exactly as MongoDB does", async () => {
    const missed = await col.updateOne({ _id: "k8", a: { $ne: 2 } }, { $set: { tag: "x" } });
    expect(missed.matchedCount).toBe(0);
    const hit = await col.updateOne({ _id: "k8", a: 2 }, { $set: { tag: "y" } });
    expect(hit.modifiedCount).toBe(1);
    // A conditional upsert whose condition fails collides with the existing _id, as on MongoDB.
    await expect(
      col.updateOne({ _id: "k8", a: 0 }, { $set: { tag: "z" } }, { upsert: true }),
    ).rejects.toMatchObject({ code: 11000 });
    expect(await col.findOne({ _id: "k8" })).toEqual({ _id: "k8", a: 2, tag: "y" });
    expect((await col.deleteOne({ _id: "k9", a: 1 })).deletedCount).toBe(0);
    expect((await col.deleteOne({ _id: "k9", a: 0 })).deletedCount).toBe(1);
    expect(await col.countDocuments({})).toBe(199);
  });

  it("narrows _id $in by the index too, and returns exactly the matching documents", async () => {
    const p = await plan({ _id: { $in: ["k1", "k2", "nope"] } });
    expect(p.plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
    expect(p.pushdown).toBe(true);
    const found = await col.find({ _id: { $in: ["k1", "k2", "nope"] }, a: { $ne: 2 } }).toArray();
    expect(found.map((d) => d._id).sort()).toEqual(["k1"]);
  });

  it("scans, as before, for filters it cannot narrow by _id", async () => {
    expect((await plan({ a: 1 })).plan).toMatch(/SCAN/);
    expect((await plan({ _id: { $gt: "k5" } })).plan).toMatch(/SCAN/);
    expect((await plan({ _id: { $in: ["k1", /^k2/] } })).plan).toMatch(/SCAN/);
    expect(await col.countDocuments({ _id: { $in: ["k1", /^k2/] } })).toBe(12);
    expect(await col.countDocuments({ _id: { $nin: ["k1"] } })).toBe(198); // k9 was deleted above
  });

  it("makes a conditional write a compare-and-swap: of concurrent claims on one document, exactly one wins", async () => {
    // Our exactly-once claims (an approval's pending -> approved, a lease, a run's claim) are
    // conditional single-document writes, atomic in MongoDB. FerretDB 1.24 read the document and
    // wrote it back in separate steps, so two claims could both read `pending` and both win.
    const claims = client.db("launcher").collection<{ _id: string; status: string; by?: string }>("claims");
    for (let round = 0; round < 40; round++) {
      const _id = `c${round}`;
      await claims.insertOne({ _id, status: "pending" });
      const viaFindAndModify = await Promise.all(
        ["a", "b", "c"].map((by) =>
          claims.findOneAndUpdate({ _id, status: "pending" }, { $set: { status: "approved", by } }),
        ),
      );
      expect(
        viaFindAndModify.filter((d) => d !== null),
        `round ${round}`,
      ).toHaveLength(1);
      const viaUpdate = await Promise.all(
        ["a", "b", "c"].map((by) =>
          claims.updateOne({ _id, status: "approved" }, { $set: { status: "done", by } }),
        ),
      );
      expect(
        viaUpdate.filter((r) => r.modifiedCount === 1),
        `round ${round}`,
      ).toHaveLength(1);
      const viaDelete = await Promise.all([0, 1, 2].map(() => claims.deleteOne({ _id, status: "done" })));
      expect(
        viaDelete.filter((r) => r.deletedCount === 1),
        `round ${round}`,
      ).toHaveLength(1);
    }
  });

  it("answers commands that carry no filter at all (count, distinct), which the _id patch must not dereference", async () => {
    // A nil-pointer panic here closed the connection: mongosh's estimatedDocumentCount() and the
    // collection-stats fallback (src/storage/collection-stats.ts) both send `count` with no query.
    expect(await col.estimatedDocumentCount()).toBe(199);
    const db = client.db("launcher");
    expect(await db.command({ count: "docs" })).toMatchObject({ n: 199, ok: 1 });
    const distinct = await db.command({ distinct: "docs", key: "a" });
    expect((distinct["values"] as number[]).sort()).toEqual([0, 1, 2]);
  });
});

describe("a FerretDB whose parent is gone", () => {
  it("shuts down when the process that started it is killed before it could stop it", async () => {
    // SIGKILL, or a signal's default action before a handler is installed, runs no clean-up; the
    // launcher's stdin is the parent's pipe, closed by the kernel as the parent dies. The parent
    // here holds no connection, so nothing else (a log line to a closed stderr) ends the launcher.
    const dataDir = mkdtempSync(join(tmpdir(), "ferretdb-orphan-"));
    const script = [
      `import { startFerretDb } from ${JSON.stringify(new URL("../../src/db/ferretdb.ts", import.meta.url).href)};`,
      `await startFerretDb(${JSON.stringify(dataDir)});`,
      `process.stdout.write("ready\\n");`,
      "setInterval(() => {}, 60_000);",
    ].join("\n");
    const parent = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        parent.stdout.setEncoding("utf8").on("data", (d: string) => d.includes("ready") && resolve());
        parent.once("exit", (code) =>
          reject(new Error(`the parent exited (${code}) before FerretDB was up`)),
        );
      });
      expect(await launchersFor(dataDir)).toHaveLength(1);
      parent.kill("SIGKILL");
      const deadline = Date.now() + 15_000;
      while ((await launchersFor(dataDir)).length > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(await launchersFor(dataDir)).toEqual([]);
    } finally {
      parent.kill("SIGKILL");
      for (const pid of await launchersFor(dataDir)) process.kill(pid, "SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("a FerretDB launcher that cannot share", () => {
  it("serves its own process when its lifeline socket cannot be created, and says why", async () => {
    // A file system without Unix sockets, or a path too long for one: the launcher must still
    // serve, unshared, rather than fail the command that started it.
    const dataDir = mkdtempSync(join(tmpdir(), "ferretdb-unshared-"));
    const socket = join(dataDir, "x".repeat(150), "launcher.sock");
    const bin = await ensureLauncher();
    const child = spawn(
      bin,
      ["-listen", `127.0.0.1:${await freePort()}`, "-data", dataDir, "-lifeline", socket],
      {
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    try {
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      const first = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding("utf8").once("data", (d: string) => resolve(d.split("\n")[0]!));
        child.once("exit", (code) => reject(new Error(`exited (${code}): ${stderr}`)));
      });
      expect(first).toMatch(/^ready mongodb:\/\//);
      // Written before "ready", but through another pipe, which may be read later.
      const deadline = Date.now() + 5_000;
      while (!/not shared with other processes/.test(stderr) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(stderr).toMatch(/not shared with other processes/);
      // Its stdin is still its lifeline.
      child.stdin.end();
      const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
      expect(code).toBe(0);
    } finally {
      child.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("applying the FerretDB source patches", () => {
  it("fails loudly when the source no longer matches, so an upgrade cannot build an unpatched server", () => {
    const dir = mkdtempSync(join(tmpdir(), "ferretdb-patch-test-"));
    try {
      mkdirSync(join(dir, "pkg"));
      writeFileSync(join(dir, "pkg", "a.go"), "x := 1\nx := 1\n");
      const patch = { file: "pkg/a.go", find: "x := 1", replace: "x := 2", why: "test" };
      expect(() => applyPatches(dir, [{ ...patch, count: 1 }])).toThrow(/expected 1 match\(es\).*found 2/);
      applyPatches(dir, [{ ...patch, count: 2 }]);
      expect(() => applyPatches(dir, [{ ...patch, count: 2 }])).toThrow(/found 0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
