import { describe, expect, it } from "vitest";
import type { ProviderCatalogDoc } from "../../src/storage/documents.js";
import { POINTERS_COLLECTION, type PointerDoc } from "../../src/storage/counted-pointer.js";
import { openTestDatabase } from "../helpers/database.js";

const T0 = new Date("2026-11-20T00:00:00Z");
const at = (h: number): Date => new Date(T0.getTime() + h * 3_600_000);

/** The pointers the invariant checks read instead of scanning (issue 13 item 1). */
describe("invariant read pointers", () => {
  it("the discovery ledger's writer keeps the newest reads per provider, equal to the ledger's own answer", async () => {
    const { repos, db } = await openTestDatabase("inv-ptr-ledger");
    const pointer = () =>
      db.collection<PointerDoc>(POINTERS_COLLECTION).findOne({ _id: "discovery_runs:latest_per_provider" });
    const read = (provider: string, finished: Date, complete: boolean) =>
      repos.discoveryRuns.insert({
        provider,
        started_at: finished,
        finished_at: finished,
        complete,
        pages: 1,
        raw_count: 2,
        accepted_count: 2,
        new_count: 0,
        error: complete ? null : "page 2: 502",
        model_ids: ["a", "b"],
        prices: [],
      });
    await read("acme", at(1), true);
    const first = await pointer();
    expect(first?.count).toBe(1);
    await read("acme", at(5), false);
    await read("acme", at(3), true); // finished earlier than the newest: not the newest read
    await read("groq.eu", at(2), false); // a dot in the name: kept under an escaped key
    await read("groq.eu", at(4), true);

    const kept = await pointer();
    // Kept by the writer, not derived again: the derivation time is the first one.
    expect(kept?.built_at).toEqual(first?.built_at);
    expect(kept?.count).toBe(5);
    const raw = await repos.discoveryRuns.latestPerProvider();
    expect(raw.map((l) => [l.provider, l.latest.finished_at, l.latestComplete?.finished_at])).toEqual([
      ["acme", at(5), at(3)],
      ["groq.eu", at(4), at(4)],
    ]);
    expect(await repos.discoveryRuns.latestPerProviderKept()).toEqual(raw);
    expect((await pointer())?.built_at).toEqual(first?.built_at);
  });

  it("the catalog's upserts keep its provider list; another runner's rows are seen by deriving it again", async () => {
    const { repos, db } = await openTestDatabase("inv-ptr-catalog");
    const pointer = () =>
      db.collection<PointerDoc>(POINTERS_COLLECTION).findOne({ _id: "provider_catalog:providers" });
    const row = (id: string) => ({ modelId: id, name: id, raw: { id } });
    await repos.providerCatalog.upsertManySeen("mistral", [row("m1"), row("m2")], at(1));
    await repos.providerCatalog.upsertManySeen("groq", [row("g1")], at(1));
    await repos.providerCatalog.upsertManySeen("groq", [row("g1"), row("g2")], at(2)); // one new
    await repos.providerCatalog.upsertSeen("acme", "a1", "a1", { id: "a1" }, at(2));
    const kept = await pointer();
    expect(kept?.count).toBe(5);
    expect(kept?.value["providers"]).toEqual(expect.arrayContaining(["mistral", "groq", "acme"]));
    expect(await repos.providerCatalog.providersKept()).toEqual(
      (await repos.providerCatalog.providers()).sort(),
    );
    expect((await pointer())?.built_at).toEqual(kept?.built_at);

    // A row written by a runner that knows nothing of the pointer.
    await db.collection<ProviderCatalogDoc>("provider_catalog").insertOne({
      provider: "cerebras",
      model_id: "c1",
      first_seen_at: at(3),
      last_seen_at: at(3),
      raw: {},
    });
    expect(await repos.providerCatalog.providersKept()).toEqual(["acme", "cerebras", "groq", "mistral"]);
    const derived = await pointer();
    expect(derived?.count).toBe(6);
    expect(derived?.value["providers"]).toEqual(["acme", "cerebras", "groq", "mistral"]);
  });
});
