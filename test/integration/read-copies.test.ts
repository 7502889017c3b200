import { describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { fleetOverview } from "../../src/fleet/overview.js";
import { silentLogger } from "../../src/logger.js";
import { recordError, recordSuccess } from "../../src/signals/record.js";
import { createToolServices } from "../../src/tools/services.js";
import { startedRecord } from "../../src/operator/run-record.js";
import { rebuildRollups } from "../../src/signals/rollups.js";
import { DecisionRows } from "../../src/storage/decision-rows.js";
import {
  DecisionsRepository,
  type DecisionDoc,
  type DecisionQuery,
  type DecisionStatus,
} from "../../src/storage/decisions-repository.js";
import type { OperatorRunDoc } from "../../src/storage/operator-state-repository.js";
import { createRepositories } from "../../src/storage/repositories.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * Issue 13: the MCP server answers decision reads from a copy it re-reads only when the store's
 * change token moved. These tests write through the store (as every writer does, in this process
 * or another), and compare every answer of the copy with the same query on the store.
 */
const H = 3_600_000;
const NOW = new Date("2026-11-20T12:00:00Z");
const STATUSES: DecisionStatus[] = ["pending", "approved", "executed", "rejected", "expired"];

function decision(i: number): DecisionDoc {
  const created = new Date(NOW.getTime() - (40 - (i % 37)) * H);
  const status = STATUSES[i % STATUSES.length]!;
  const targets = [{ provider: i % 2 === 0 ? "openai" : "groq", model_id: `m${i % 7}` }];
  if (i % 5 === 0) targets.push({ provider: "together", model_id: `m${(i + 1) % 7}` });
  return {
    _id: `dec_${String(i).padStart(4, "0")}`,
    action: i % 4 === 0 ? "enable" : "disable",
    targets,
    situation_id: i % 3 === 0 ? `sit_${i % 6}` : null,
    evidence: { kind: "model_not_found" },
    confidence: 0.9,
    reasoning: `decision ${i}`,
    proposed_by: { kind: "classifier", name: "test" },
    status,
    created_at: created,
    updated_at: created,
    expires_at: new Date(created.getTime() + (i % 9) * 10 * H),
    policy_version: 0,
    policy_verdict: { outcome: "needs_approval", reasons: ["test"] },
    evidence_digest: `digest_${i % 4}`,
    history: [{ at: created, status, by: "test" }],
  };
}

const QUERIES: DecisionQuery[] = [
  {},
  { status: "pending" },
  { status: ["pending", "approved"] },
  { action: "enable" },
  { situation_id: "sit_3" },
  { provider: "together" },
  { provider: "openai", model_id: "m2" },
  { status: ["pending", "approved"], provider: "groq", model_id: "m3" },
  { expiresBefore: NOW },
  { status: "pending", expiresBefore: NOW },
  { statusOrDigest: { status: ["approved"], digests: ["digest_1"] } },
];

const ids = (docs: { _id: string }[]): string[] => docs.map((d) => d._id);

async function expectSameAsStore(rows: DecisionRows, store: DecisionsRepository): Promise<void> {
  for (const q of QUERIES) {
    for (const page of [{}, { limit: 5 }, { limit: 4, skip: 3 }]) {
      expect(ids(await rows.list(q, page)), JSON.stringify({ q, page })).toEqual(
        ids(await store.list(q, page)),
      );
    }
    expect(ids(await rows.oldestFirst(q)), JSON.stringify(q)).toEqual(
      ids(await store.find(q, { oldestFirst: true })),
    );
    expect(ids(await rows.oldestFirst(q, 3))).toEqual(
      ids(await store.find(q, { oldestFirst: true, limit: 3 })),
    );
  }
}

describe("decisions read from a copy kept under the store's change token", () => {
  it("answers every query as the store does, and sees writes made through another store object", async () => {
    const { db, repos } = await openTestDatabase("read-copies");
    // Created in an order unlike created_at, with ties on created_at (i and i + 37).
    await repos.decisions.insertMany(Array.from({ length: 60 }, (_, i) => decision((i * 13) % 60)));
    const rows = new DecisionRows(repos.decisions);
    await expectSameAsStore(rows, repos.decisions);
    const firstToken = await repos.decisions.changeToken();
    expect(firstToken).not.toBeNull();

    // Another process's writers: their own store object over the same database.
    const other = new DecisionsRepository(db);
    const pending = await other.find({ status: "pending" });
    await other.transition(
      pending[0]!._id,
      "pending",
      { status: "approved", updated_at: NOW, approved_by: "human:ann" },
      { at: NOW, status: "approved", by: "human:ann" },
    );
    await other.insertMany([decision(60), decision(61)]);
    expect(await repos.decisions.changeToken()).not.toBe(firstToken);
    await expectSameAsStore(rows, repos.decisions);
    const moved = (await rows.list({ status: "approved" })).find((d) => d._id === pending[0]!._id);
    expect(moved?.approved_by).toBe("human:ann");
  });

  it("keeps its copy while the token is unchanged, and bounds how long it trusts it", async () => {
    const { db, repos } = await openTestDatabase("read-copies-token");
    await repos.decisions.insertMany([decision(1), decision(2)]);
    let clock = NOW.getTime();
    const rows = new DecisionRows(repos.decisions, { clock: () => clock, maxAgeMs: 60_000 });
    expect(ids(await rows.list({ status: "pending" }))).toEqual([]);
    // A write that bypasses the store (no token) is not seen while the copy is trusted...
    await db
      .collection<DecisionDoc>("decisions")
      .updateOne({ _id: "dec_0001" }, { $set: { status: "pending" } });
    expect(ids(await rows.list({ status: "pending" }))).toEqual([]);
    // ...and is once the copy is older than maxAgeMs.
    clock += 60_000;
    expect(ids(await rows.list({ status: "pending" }))).toEqual(["dec_0001"]);
  });
});

describe("the newest operator run through its pointer", () => {
  it("is the run a sort of all runs finds, for runs written by the run's writes and by an earlier version", async () => {
    const { db, repos } = await openTestDatabase("read-copies-runs");
    const runs = db.collection<OperatorRunDoc>("operator_runs");
    const bySort = async (): Promise<string | undefined> =>
      (await runs.find().sort({ started_at: -1, _id: -1 }).limit(1).next())?._id;
    expect(await repos.operatorState.latestRun()).toBeNull();

    // Started out of order: a run that starts earlier but is written later never becomes the newest.
    const late = startedRecord("run_late", new Date(NOW.getTime() - H), null);
    const early = startedRecord("run_early", new Date(NOW.getTime() - 2 * H), null);
    await repos.operatorState.recordRun(late);
    await repos.operatorState.recordRun(early);
    await repos.operatorState.finishRun({ ...early, outcome: "ok" });
    expect((await repos.operatorState.latestRun())?._id).toBe(await bySort());
    await repos.operatorState.finishRun({ ...late, outcome: "degraded" });
    const latest = await repos.operatorState.latestRun();
    expect(latest?._id).toBe("run_late");
    expect(latest?.outcome).toBe("degraded");

    // An earlier version inserts runs without the pointer; the rebuild the backfill calls fixes it.
    await runs.insertOne({ ...startedRecord("run_raw", NOW, null), outcome: "ok" });
    expect((await repos.operatorState.latestRun())?._id).toBe("run_late");
    await rebuildRollups(repos);
    expect((await repos.operatorState.latestRun())?._id).toBe("run_late"); // a pointer exists: left alone
    await rebuildRollups(repos, { force: true });
    expect((await repos.operatorState.latestRun())?._id).toBe(await bySort());
    expect(await bySort()).toBe("run_raw");
  });

  it("is found by sorting when no pointer was ever written, and the rebuild writes one", async () => {
    const { db, repos } = await openTestDatabase("read-copies-runs-raw");
    const runs = db.collection<OperatorRunDoc>("operator_runs");
    await runs.insertMany(
      [1, 3, 2].map((h) => startedRecord(`run_${h}`, new Date(NOW.getTime() - h * H), null)),
    );
    expect((await repos.operatorState.latestRun())?._id).toBe("run_1");
    expect(await repos.operatorState.rebuildLatestRunPointer()).toBe(true);
    expect(await repos.operatorState.rebuildLatestRunPointer()).toBe(false);
    await runs.deleteOne({ _id: "run_1" });
    // The pointer names a run that is gone: the sort answers.
    expect((await repos.operatorState.latestRun())?._id).toBe("run_2");
  });
});

describe("the MCP server's overview, counting models from its fleet picture", () => {
  it("equals the overview read from the store", async () => {
    const t = await openTestDatabase("read-copies-overview");
    await t.repos.models.insertMany(
      Array.from({ length: 12 }, (_, i) => ({
        provider: ["openai", "groq", "together"][i % 3]!,
        model_id: `m${i}`,
        enabled: i % 4 !== 0,
        ...(i % 5 === 0 ? { deprecated: true } : {}),
        ...(i % 4 === 0 && i % 8 !== 0 ? { status: "probing" as const } : {}),
      })),
    );
    for (let i = 0; i < 6; i++) {
      const provider = ["openai", "groq", "together"][i % 3]!;
      const ts = new Date(NOW.getTime() - (i + 1) * H);
      await recordSuccess(
        t.repos,
        {
          ...{ provider, model_name: `m${i}`, run_ts: ts, gen_ts: ts, requested_tokens: 8, output_tokens: 8 },
          ...{
            generate_time: 0.1,
            tokens_per_second: 80,
            time_to_first_token: 0.2,
            times_between_tokens: [],
          },
        },
        NOW,
      );
      await recordError(
        t.repos,
        {
          provider,
          model_name: `m${i + 6}`,
          ts,
          stage: "generate",
          message: "429 Too Many Requests",
          http_status: 429,
        },
        NOW,
      );
    }
    const deps: Deps = { config: t.config, logger: silentLogger, repos: t.repos, clock: () => NOW };
    const { data } = await createToolServices(deps).overview.get();
    const fromStore = await fleetOverview(t.repos, NOW);
    expect(data).toEqual(fromStore);
    expect(fromStore.totals).toMatchObject({
      models: 12,
      enabled: 9,
      candidates: 1,
      successes_24h: 6,
      errors_24h: 6,
    });
    expect(fromStore.totals.deprecated_enabled).toBeGreaterThan(0);
  });
});

describe("the MCP server's fleet picture, after another process changed a model", () => {
  it("is read again at the next call, not after its freshness window", async () => {
    // A person approves a disable in `serve`'s console (or with the CLI) while Claude Desktop's stdio
    // server holds its picture: the next read must show it. Another process is another set of
    // repositories over the same database; nothing calls this server's invalidate().
    const t = await openTestDatabase("read-copies-other-process");
    await t.repos.models.insertMany(
      ["a", "b", "c"].map((m) => ({ provider: "openai", model_id: m, enabled: true })),
    );
    const deps: Deps = { config: t.config, logger: silentLogger, repos: t.repos, clock: () => NOW };
    const services = createToolServices(deps);
    const enabled = async () =>
      (await services.fleet.get()).data.signals
        .filter((s) => s.catalog.enabled)
        .map((s) => s.model_id)
        .sort();
    expect(await enabled()).toEqual(["a", "b", "c"]);
    expect((await services.overview.get()).data.totals.enabled).toBe(3);

    const other = createRepositories(t.client.db(t.db.databaseName), t.config.collections);
    expect(
      await other.models.compareAndSet(
        { provider: "openai", model_id: "b", expect: { enabled: true }, absent: [] },
        { enabled: false },
        [],
      ),
    ).toBe(true);
    // The same instant: well inside the 15 s in which a picture is served as is.
    expect(await enabled()).toEqual(["a", "c"]);
    expect((await services.overview.get()).data.totals.enabled).toBe(2);

    // With nothing changed, the picture is kept: one token read, no reload.
    const before = await services.fleet.get();
    expect(await services.fleet.get()).toBe(before);
  });
});
