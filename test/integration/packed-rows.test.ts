import { ObjectId, type Db, type Document } from "mongodb";
import { describe, expect, it } from "vitest";
import { backfillSignals } from "../../src/signals/backfill.js";
import { recordError, recordSuccess } from "../../src/signals/record.js";
import { getFleetSignals } from "../../src/signals/read.js";
import type { MetricDoc, ModelDoc } from "../../src/storage/documents.js";
import { PACK_MARKS_COLLECTION, PACKS_COLLECTION } from "../../src/storage/packed-rows.js";
import { decodeRows, encodeRows } from "../../src/storage/packed-text.js";
import { rebuildPackedCopies } from "../../src/storage/packed-copies.js";
import type { ModelSignalDoc } from "../../src/storage/signals-repository.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * Issue 13: the MCP server's fleet picture reads the models and their status documents from
 * packed copies (src/storage/packed-rows.ts). Each test writes through the real writers (or
 * around them, as another runner would) and compares the packed read with the raw read.
 */
const H = 3_600_000;
const NOW = new Date("2026-11-20T12:00:00Z");

function model(i: number, provider = "openai"): ModelDoc {
  return {
    provider,
    model_id: `m-${String(i).padStart(3, "0")}`,
    enabled: i % 3 !== 0,
    created_at: new Date(NOW.getTime() - i * H),
    ...(i % 4 === 0 ? { deprecated: true } : {}),
  };
}

function metric(provider: string, model: string, ts: Date): MetricDoc {
  return {
    ...{ provider, model_name: model, run_ts: ts, gen_ts: ts, requested_tokens: 64, output_tokens: 64 },
    ...{ generate_time: 0.8, tokens_per_second: 80, time_to_first_token: 0.4, times_between_tokens: [] },
  };
}

const packsOf = (db: Db) => db.collection<{ _id: string } & Document>(PACKS_COLLECTION);

const byId = <T extends { _id?: unknown }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => String(a._id).localeCompare(String(b._id)));

describe("packed rows", () => {
  it("round-trips dates (also nested) and ObjectIds through the chunk text", () => {
    const id = new ObjectId();
    const rows = [
      { _id: id, at: NOW, nested: { last_ts: new Date(5), list: [new Date(7), "x", 3, true] }, n: null },
      { _id: "k", text: "\u0000d5 is a string, not a date", invalid: new Date(Number.NaN), empty: {} },
    ];
    expect(decodeRows(encodeRows(rows), (hex) => new ObjectId(hex))).toEqual(rows);
  });

  it("the models' packed copy equals the raw read after every writer's change, patched without a whole read", async () => {
    const { repos, db } = await openTestDatabase("packed-models");
    await repos.models.insertMany(Array.from({ length: 60 }, (_, i) => model(i, i % 2 ? "groq" : "openai")));
    const head = () => packsOf(db).findOne({ _id: "models:head" });
    const marks = () => db.collection(PACK_MARKS_COLLECTION).countDocuments({ pack: "models" });
    expect(await repos.models.allRows()).toEqual(await repos.models.find({}));
    const built = await head();
    expect(built?.["rows"]).toBe(60);

    // Each writer of `models`: insert, compare-and-set (a toggle, a rename), compare-and-delete.
    expect(await repos.models.insertIfAbsent(model(100, "together"))).toBe(true);
    expect(
      await repos.models.compareAndSet(
        { provider: "openai", model_id: "m-002", expect: { enabled: true }, absent: [] },
        { enabled: false, disabled_at: NOW },
        [],
      ),
    ).toBe(true);
    expect(
      await repos.models.compareAndSet(
        { provider: "groq", model_id: "m-001", expect: {}, absent: [] },
        { model_id: "m-001-renamed" },
        [],
      ),
    ).toBe(true);
    expect(
      await repos.models.compareAndDelete({ provider: "openai", model_id: "m-004", expect: {}, absent: [] }),
    ).toBe(true);
    expect(await marks()).toBe(4);

    const packed = await repos.models.allRows();
    expect(packed).toEqual(await repos.models.find({}));
    expect(packed.map((m) => m.model_id)).toContain("m-001-renamed");
    expect(packed.map((m) => m.model_id)).not.toContain("m-004");
    expect(packed.find((m) => m.model_id === "m-002")?.enabled).toBe(false);
    expect(await repos.models.allRows({ provider: "groq" })).toEqual(
      await repos.models.find({ provider: "groq" }),
    );
    // Patched from the four marked rows: the pack itself was not written again.
    expect((await head())?.["version"]).toBe(built?.["version"]);
  });

  it("a row inserted around the writers (another runner) is caught by the count and the pack rewritten", async () => {
    const { repos, db } = await openTestDatabase("packed-models-raw");
    await repos.models.insertMany([model(1), model(2)]);
    await repos.models.allRows();
    const before = await packsOf(db).findOne({ _id: "models:head" });
    await db.collection<ModelDoc>("models").insertOne(model(3));
    const packed = await repos.models.allRows();
    expect(packed.map((m) => m.model_id)).toEqual(["m-001", "m-002", "m-003"]);
    expect(packed).toEqual(await repos.models.find({}));
    const after = await packsOf(db).findOne({ _id: "models:head" });
    expect(after?.["version"]).not.toBe(before?.["version"]);
    expect(after?.["rows"]).toBe(3);
    // The old version's chunks are gone: one head and one chunk remain.
    expect(await packsOf(db).countDocuments({ _id: /^models:/ })).toBe(2);
  });

  it("the statuses' packed copy equals the raw read after successes and errors, and folds its marks", async () => {
    const { repos, db } = await openTestDatabase("packed-statuses");
    await recordSuccess(repos, metric("openai", "a", new Date(NOW.getTime() - 2 * H)), NOW);
    expect(byId(await repos.signals.allStatuses())).toEqual(byId(await repos.signals.statuses()));
    const notFound = "Error code: 404 - The model `a` does not exist or you do not have access to it.";
    for (let i = 0; i < 3; i++) {
      const ts = new Date(NOW.getTime() - H + i * 60_000);
      await recordError(
        repos,
        { provider: "openai", model_name: "a", ts, stage: "generate", message: notFound },
        NOW,
      );
    }
    // Updates in place (no new document to count): seen through the marks alone.
    const version = async () =>
      (await packsOf(db).findOne({ _id: "model_signals:head" }))?.["version"] as unknown;
    const built = await version();
    expect(byId(await repos.signals.allStatuses())).toEqual(byId(await repos.signals.statuses()));
    expect(await version()).toBe(built);
    await recordSuccess(repos, metric("groq", "b", new Date(NOW.getTime() - H)), NOW);
    const packed = byId(await repos.signals.allStatuses());
    expect(packed).toEqual(byId(await repos.signals.statuses()));
    expect(packed.find((s) => s._id === "openai:a")?.consecutive_failures).toBe(3);
    expect(await repos.signals.allStatuses({ provider: "groq" })).toEqual(
      await repos.signals.statuses({ provider: "groq" }),
    );

    // Past 100 marks a read writes a new pack and removes the marks it folded.
    for (let i = 0; i < 101; i++) {
      await recordSuccess(repos, metric("together", `t${i}`, new Date(NOW.getTime() - H)), NOW);
    }
    const folded = byId(await repos.signals.allStatuses());
    expect(folded).toEqual(byId(await repos.signals.statuses()));
    expect(folded).toHaveLength(103);
    expect(await db.collection(PACK_MARKS_COLLECTION).countDocuments({ pack: "model_signals" })).toBe(0);
    expect((await packsOf(db).findOne({ _id: "model_signals:head" }))?.["rows"]).toBe(103);
  });

  it("a status written around the writers is caught; the backfill's status writes mark or drop the pack", async () => {
    const { repos, db } = await openTestDatabase("packed-statuses-raw");
    await recordSuccess(repos, metric("openai", "a", new Date(NOW.getTime() - H)), NOW);
    await repos.signals.allStatuses();
    const raw: ModelSignalDoc = {
      ...{ _id: "groq:b", provider: "groq", model_id: "b", successes_total: 1, consecutive_failures: 0 },
      ...{ last_success_at: NOW, updated_at: NOW },
    };
    await db.collection<ModelSignalDoc>("model_signals").insertOne(raw);
    expect(byId(await repos.signals.allStatuses())).toEqual(byId(await repos.signals.statuses()));

    // The backfill's updates of a few statuses mark them; the next read patches them in.
    await repos.signals.backfill.updateEach("status", [
      { filter: { _id: "groq:b" }, update: { $inc: { successes_total: 5 } } },
    ]);
    expect((await repos.signals.allStatuses()).find((s) => s._id === "groq:b")?.successes_total).toBe(6);
    // Many at once drop the pack; the next read reads the source whole.
    const many = Array.from({ length: 51 }, (_, i) => ({
      ...raw,
      _id: `groq:x${i}`,
      model_id: `x${i}`,
    }));
    await repos.signals.backfill.insertOrUpdate("status", many, () => []);
    expect(await packsOf(db).findOne({ _id: "model_signals:head" })).toBeNull();
    expect(byId(await repos.signals.allStatuses())).toEqual(byId(await repos.signals.statuses()));
  });

  it("a backfill of many models writes the statuses' pack again, equal to the raw read", async () => {
    const { repos, db } = await openTestDatabase("packed-statuses-backfill");
    await repos.signals.allStatuses();
    expect(await packsOf(db).findOne({ _id: "model_signals:head" })).not.toBeNull();
    // Raw documents of 60 models another runner wrote: the backfill's status writes drop the pack.
    await repos.metrics.insertMany(
      Array.from({ length: 60 }, (_, i) => metric("together", `t-${i}`, new Date(NOW.getTime() - H))),
    );
    const report = await backfillSignals(repos, { now: NOW });
    expect(report.modelsTouched).toBe(60);
    const head = await packsOf(db).findOne({ _id: "model_signals:head" });
    expect(head).toMatchObject({ rows: 60 });
    expect(byId(await repos.signals.allStatuses())).toEqual(byId(await repos.signals.statuses()));
  });

  it("the fleet signals from the packed copies equal those from the raw reads", async () => {
    const { repos } = await openTestDatabase("packed-fleet-signals");
    await repos.models.insertMany([model(1), model(2), model(3, "groq")]);
    await recordSuccess(repos, metric("openai", "m-001", new Date(NOW.getTime() - H)), NOW);
    const msg = "429 Too Many Requests: rate limit reached for requests per minute";
    const ts = new Date(NOW.getTime() - H / 2);
    await recordError(
      repos,
      { provider: "groq", model_name: "m-003", ts, stage: "generate", message: msg },
      NOW,
    );
    const packed = await getFleetSignals(repos, NOW, { packed: true });
    expect(packed).toEqual(await getFleetSignals(repos, NOW));
    expect(packed.map((s) => s.model_id)).toEqual(["m-003", "m-001", "m-002"]);
  });
});

describe("the OpenRouter catalog's packed copy", () => {
  it("equals the raw read after a whole read, one row's upsert, matches and a raw insert", async () => {
    const { repos, db } = await openTestDatabase("packed-openrouter");
    const entry = (id: string, name: string) => ({ openrouter_id: id, name, context_length: 8192 });
    await repos.openrouterCatalog.upsertManySeen([entry("a/one", "One"), entry("b/two", "Two")], NOW);
    expect(await repos.openrouterCatalog.allRows()).toEqual(await repos.openrouterCatalog.find());
    await repos.openrouterCatalog.upsertSeen(entry("a/one", "One, renamed"), new Date(NOW.getTime() + H));
    const [one] = await repos.openrouterCatalog.allRows();
    expect(one?.name).toBe("One, renamed");
    await repos.openrouterCatalog.setMatches([
      { _id: one!._id!, set: { matched_provider: "openai", matched_model_id: "one" } },
    ]);
    await db.collection("openrouter_catalog").insertOne(entry("c/three", "Three"));
    const packed = await repos.openrouterCatalog.allRows();
    expect(packed).toEqual(await repos.openrouterCatalog.find());
    expect(packed.map((d) => [d.openrouter_id, d.matched_provider ?? null])).toEqual([
      ["a/one", "openai"],
      ["b/two", null],
      ["c/three", null],
    ]);
  });
});

describe("changes no mark or count shows", () => {
  it("an in-place update around the stores is seen after a rebuild, or once the pack is an hour old", async () => {
    const { repos, db } = await openTestDatabase("packed-age");
    await repos.models.insertMany([model(1), model(2)]);
    await repos.models.allRows();
    const raw = db.collection<ModelDoc>("models");
    await raw.updateOne({ model_id: "m-001" }, { $set: { enabled: false } });
    // The documented limit: an in-place update by another runner is not seen from the pack ...
    expect((await repos.models.allRows()).find((m) => m.model_id === "m-001")?.enabled).toBe(true);
    // ... until the pack is written again: by the rebuild the backfill calls,
    await rebuildPackedCopies(repos);
    expect((await repos.models.allRows()).find((m) => m.model_id === "m-001")?.enabled).toBe(false);

    // or by a read that finds the pack older than an hour (served as is, rewritten behind it).
    await raw.updateOne({ model_id: "m-002" }, { $set: { enabled: false } });
    const head = await packsOf(db).findOne({ _id: "models:head" });
    await packsOf(db).updateOne({ _id: "models:head" }, { $set: { built_at: new Date(Date.now() - 2 * H) } });
    expect((await repos.models.allRows()).find((m) => m.model_id === "m-002")?.enabled).toBe(true);
    for (let i = 0; i < 100; i++) {
      const now = await packsOf(db).findOne({ _id: "models:head" });
      if (now?.["version"] !== head?.["version"]) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await repos.models.allRows()).toEqual(await repos.models.find({}));
  });
});

describe("chunks no head points to", () => {
  const chunkIdsOf = async (db: Db, pack: string) =>
    (
      await packsOf(db)
        .find({ _id: { $regex: `^${pack}:` } }, { projection: { _id: 1 } })
        .toArray()
    )
      .map((d) => d._id)
      .filter((id) => id !== `${pack}:head`)
      .sort();
  const versionAt = (ms: number) => `${ms.toString(36)}crashed1`;

  it("invalidate drops the pack's chunks with its head", async () => {
    const { repos, db } = await openTestDatabase("packed-invalidate");
    await repos.models.insertMany(Array.from({ length: 5 }, (_, i) => model(i)));
    await repos.models.allRows();
    expect(await chunkIdsOf(db, "models")).toHaveLength(1);
    await repos.models.packed.invalidate();
    expect(await packsOf(db).findOne({ _id: "models:head" })).toBeNull();
    expect(await chunkIdsOf(db, "models")).toEqual([]);
    expect(await repos.models.allRows()).toEqual(await repos.models.find({}));
  });

  it("the next stored pack removes a crash's leftover chunks once they are ten minutes old, no younger ones and no other pack's", async () => {
    const { repos, db } = await openTestDatabase("packed-orphans");
    await repos.models.insertMany(Array.from({ length: 5 }, (_, i) => model(i)));
    await repos.signals.packedStatuses.rebuild();
    const statusChunks = await chunkIdsOf(db, "model_signals");
    await repos.models.allRows();
    // What a process killed between inserting a new version's chunks and moving the head leaves.
    const old = versionAt(Date.now() - 20 * 60_000);
    const young = versionAt(Date.now() - 60_000);
    await packsOf(db).insertMany([
      { _id: `models:${old}:0`, rows: "[]" },
      { _id: `models:${old}:1`, rows: "[]" },
      { _id: `models:${young}:0`, rows: "[]" },
    ]);
    await repos.models.packed.rebuild();
    const head = await packsOf(db).findOne({ _id: "models:head" });
    expect(await chunkIdsOf(db, "models")).toEqual(
      [`models:${head?.["version"]}:0`, `models:${young}:0`].sort(),
    );
    expect(await chunkIdsOf(db, "model_signals")).toEqual(statusChunks);
    expect(await repos.models.allRows()).toEqual(await repos.models.find({}));
  });
});
