import type { Collection, Document } from "mongodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OpenRouterCatalogDoc, ProviderCatalogDoc } from "../../src/storage/documents.js";
import type { DiscoveryRunDoc } from "../../src/storage/discovery-runs-repository.js";
import {
  fleetModelsAbsent,
  idsAbsentFromCompleteReads,
  idsMissingFromReads,
} from "../../src/catalog/discovery/absence.js";
import { discoveryDiff } from "../../src/catalog/discovery/diff.js";
import { discoveryReport } from "../../src/catalog/discovery/report.js";
import { discoverProvider, runDiscovery } from "../../src/catalog/discovery/run.js";
import { anthropicCatalogReader } from "../../src/catalog/readers/anthropic.js";
import { openRouterCatalogReader } from "../../src/catalog/readers/openrouter.js";
import { loadConfig } from "../../src/config/config.js";
import { planCatalogReads } from "../../src/catalog/readers/registry.js";
import { upsertSeenByKey } from "../../src/storage/provider-catalog-repository.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  FAKE_API_KEY,
  FAKE_AWS_CREDENTIALS,
  SNAPSHOTS,
  snapshotRows,
  startFakeCatalogServer,
  type FakeCatalogServer,
} from "../helpers/fake-catalog-server.js";

let server: FakeCatalogServer;
let t: TestDatabase;
beforeAll(async () => {
  server = await startFakeCatalogServer();
  t = await openTestDatabase("discovery_ledger");
});
afterAll(async () => {
  await server.close();
});
async function resetAll(): Promise<void> {
  server.clearFaults();
  server.useSnapshot("openrouter", SNAPSHOTS.openrouterJun);
  server.useSnapshot("anthropic", SNAPSHOTS.anthropic);
  for (const c of ["discovery_runs", "provider_catalog", "openrouter_catalog", "models"]) {
    await t.db.collection(c).deleteMany({});
  }
}

/** A clock that moves one hour per call, so ledger rows are ordered and --since is testable. */
function steppingClock(start: string): () => Date {
  let at = new Date(start).getTime();
  return () => new Date((at += 3_600_000));
}

const openrouter = () => openRouterCatalogReader({ baseUrl: server.baseUrl("openrouter") });
const anthropic = () =>
  anthropicCatalogReader({ apiKey: FAKE_API_KEY, baseUrl: server.baseUrl("anthropic"), pageSize: 4 });

describe("discovery runs", () => {
  beforeEach(resetAll);

  it(
    "reads every provider, stores raw rows and writes one complete ledger row each",
    { timeout: 90_000 },
    async () => {
      const plan = planCatalogReads(loadConfig(server.env()), { bedrockCredentials: FAKE_AWS_CREDENTIALS });
      const outcomes = await runDiscovery(t.repos, plan, { clock: steppingClock("2026-06-07T00:00:00Z") });
      const summary = Object.fromEntries(
        outcomes.map((o) =>
          "run" in o
            ? [o.provider, [o.run.complete, o.run.accepted_count, o.run.new_count]]
            : [o.provider, o.skipped],
        ),
      );
      expect(summary).toEqual({
        openrouter: [true, 344, 344],
        openai: [true, 82, 82],
        anthropic: [true, 11, 11],
        bedrock: [true, 181, 181],
        groq: [true, 16, 16],
        together: [true, 142, 142],
        fireworks: [true, 142, 142],
        deepinfra: [true, 142, 142],
        cerebras: [true, 9, 9],
        mistral: [true, 53, 53],
        vertex: expect.stringMatching(/not configured: set VERTEX_PROJECT/) as string,
      });
      expect(await t.db.collection<OpenRouterCatalogDoc>("openrouter_catalog").countDocuments()).toBe(344);
      const sonnet = await t.db
        .collection<OpenRouterCatalogDoc>("openrouter_catalog")
        .findOne({ openrouter_id: "anthropic/claude-sonnet-4.5" });
      expect(sonnet?.pricing).toEqual({ prompt: 0.000003, completion: 0.000015 });
      expect(sonnet?.["raw"]).toMatchObject({
        id: "anthropic/claude-sonnet-4.5",
        supported_parameters: expect.any(Array),
      });
      const profile = await t.db
        .collection<ProviderCatalogDoc>("provider_catalog")
        .findOne({ provider: "bedrock", model_id: "us.anthropic.claude-sonnet-4-5-20250929-v1:0" });
      expect(profile?.["kind"]).toBe("inference_profile");
      expect(profile?.raw["inferenceProfileArn"]).toMatch(/^arn:aws:bedrock/);

      // A second complete read finds nothing new; the report shows the newest read per provider.
      const again = await discoverProvider(t.repos, openrouter(), {
        clock: steppingClock("2026-06-08T00:00:00Z"),
      });
      expect(again).toMatchObject({ complete: true, new_count: 0, accepted_count: 344, pages: 1 });
      const report = await discoveryReport(t.repos);
      // The clock steps an hour per reading: started 01:00, rows seen 02:00, finished 03:00.
      expect(report.find((r) => r.provider === "openrouter")?.latest?.finished_at.toISOString()).toBe(
        "2026-06-08T03:00:00.000Z",
      );
      expect(report.find((r) => r.provider === "openrouter")?.lastCompleteAt?.toISOString()).toBe(
        "2026-06-08T03:00:00.000Z",
      );
      expect(report.find((r) => r.provider === "mistral")?.latest).toMatchObject({
        complete: true,
        accepted_count: 53,
      });
      const seen = await t.db
        .collection<OpenRouterCatalogDoc>("openrouter_catalog")
        .findOne({ openrouter_id: "anthropic/claude-sonnet-4.5" });
      expect(seen?.first_seen_at.toISOString()).toBe("2026-06-07T02:00:00.000Z");
      expect(seen?.last_seen_at.toISOString()).toBe("2026-06-08T02:00:00.000Z");
    },
  );

  it("a failed or partial read is recorded as incomplete and is no evidence of absence", async () => {
    const clock = steppingClock("2026-06-01T00:00:00Z");
    for (let i = 0; i < 2; i++) await discoverProvider(t.repos, anthropic(), { clock });

    // Third read: page 2 fails, so 7 of 11 models are not seen.
    server.fault("anthropic", 2, { kind: "status", status: 500 });
    const partial = await discoverProvider(t.repos, anthropic(), { clock });
    expect(partial).toMatchObject({ complete: false, pages: 1, accepted_count: 4, raw_count: 4 });
    expect(partial.error).toMatch(/page 2: .*HTTP 500/);
    const ledger = await t.db.collection<DiscoveryRunDoc>("discovery_runs").findOne({ _id: partial._id! });
    expect(ledger?.model_ids).toHaveLength(4);

    // Only two complete reads: absence cannot be judged at all.
    const fleetIds = snapshotRows(SNAPSHOTS.anthropic).map((r) => String(r["id"]));
    const early = await idsAbsentFromCompleteReads(t.repos, "anthropic", fleetIds, 3);
    expect(early).toMatchObject({ evaluable: false, missing: [] });
    expect(early.reason).toMatch(/2 complete read\(s\) on record, 3 needed/);

    // A third complete read: every model present; the partial read in between changes nothing.
    server.clearFaults();
    await discoverProvider(t.repos, anthropic(), { clock });
    const now = await idsAbsentFromCompleteReads(
      t.repos,
      "anthropic",
      [...fleetIds, "claude-9-imaginary"],
      3,
    );
    expect(now.evaluable).toBe(true);
    expect(now.missing).toEqual(["claude-9-imaginary"]);
    expect(now.reads).toHaveLength(3);
    expect(now.reads.every((r) => r.model_count === 11)).toBe(true);
  });

  it("answers which fleet models were missing from the last 3 complete reads", async () => {
    await t.repos.models.insertMany([
      { provider: "anthropic", model_id: "claude-3-opus-20240229", enabled: true },
      { provider: "anthropic", model_id: "CLAUDE-3-HAIKU-20240307", enabled: true }, // case variant: present
      { provider: "anthropic", model_id: "claude-2.0", enabled: true },
      { provider: "anthropic", model_id: "claude-2.1", enabled: false },
    ]);
    const clock = steppingClock("2026-06-01T00:00:00Z");
    await discoverProvider(t.repos, anthropic(), { clock }); // still lists claude-2.0 and claude-2.1
    const without = snapshotRows(SNAPSHOTS.anthropic).filter((r) => !String(r["id"]).startsWith("claude-2"));
    server.setRows("anthropic", without);
    for (let i = 0; i < 2; i++) await discoverProvider(t.repos, anthropic(), { clock });
    // Two complete reads without claude-2.x are not enough: the read before them still listed it.
    expect((await fleetModelsAbsent(t.repos, "anthropic", { reads: 3 })).missing).toEqual([]);
    server.fault("anthropic", 1, { kind: "truncate" });
    await discoverProvider(t.repos, anthropic(), { clock }); // incomplete: does not count
    expect((await fleetModelsAbsent(t.repos, "anthropic", { reads: 3 })).missing).toEqual([]);
    server.clearFaults();
    await discoverProvider(t.repos, anthropic(), { clock });
    const report = await fleetModelsAbsent(t.repos, "anthropic", { reads: 3 });
    expect(report).toMatchObject({ evaluable: true, missing: ["claude-2.0"] });
    expect(report.present.sort()).toEqual(["CLAUDE-3-HAIKU-20240307", "claude-3-opus-20240229"]);
    const withDisabled = await fleetModelsAbsent(t.repos, "anthropic", { reads: 3, includeDisabled: true });
    expect(withDisabled.missing.sort()).toEqual(["claude-2.0", "claude-2.1"]);
    expect(idsMissingFromReads(["A", "b"], [{ model_ids: ["a"] }])).toEqual(["b"]);
  });

  it("a row another writer inserted meanwhile is updated, not duplicated or counted as new", async () => {
    const col = t.db.collection<ProviderCatalogDoc>("provider_catalog") as unknown as Collection<Document>;
    const then = new Date("2026-06-01T00:00:00Z");
    await upsertSeenByKey(
      col,
      { provider: "groq" },
      "model_id",
      [{ key: "m1", set: { name: "old", raw: {} } }],
      then,
    );
    // A view that still sees nothing, as a writer that read before the other one inserted would.
    const stale = Object.assign(Object.create(col) as Collection<Document>, {
      find: () => ({ toArray: () => Promise.resolve([]) }),
    });
    const now = new Date("2026-06-02T00:00:00Z");
    const fresh = await upsertSeenByKey(
      stale,
      { provider: "groq" },
      "model_id",
      [
        { key: "m1", set: { name: "new", raw: { a: 1 } } },
        { key: "m2", set: { name: "two", raw: {} } },
      ],
      now,
    );
    expect(fresh).toEqual(["m2"]);
    const m1 = await col.find({ provider: "groq", model_id: "m1" }).toArray();
    expect(m1).toHaveLength(1);
    expect(m1[0]).toMatchObject({ name: "new", raw: { a: 1 }, first_seen_at: then, last_seen_at: now });
  });

  it("keeps secrets out of ledger rows", async () => {
    const echo: typeof fetch = () =>
      Promise.resolve(new Response(`{"error":"bad key ${FAKE_API_KEY}"}`, { status: 401 }));
    const run = await discoverProvider(
      t.repos,
      anthropicCatalogReader({ apiKey: FAKE_API_KEY, fetchImpl: echo }),
    );
    expect(run.complete).toBe(false);
    const all = JSON.stringify(await t.db.collection<DiscoveryRunDoc>("discovery_runs").find().toArray());
    expect(all).toContain("HTTP 401");
    expect(all).not.toContain(FAKE_API_KEY);
  });
});

/** These tests build on each other: Feb and May reads, then a cut-off June read, then a whole one. */
describe("discovery diff", () => {
  beforeAll(resetAll);

  it(
    "reports the February → May OpenRouter change: 68 new and 41 gone, with prices",
    { timeout: 90_000 },
    async () => {
      const clock = steppingClock("2026-02-27T00:00:00Z");
      server.useSnapshot("openrouter", SNAPSHOTS.openrouterFeb);
      await discoverProvider(t.repos, openrouter(), { clock });
      server.useSnapshot("openrouter", SNAPSHOTS.openrouterMay);
      await discoverProvider(t.repos, openrouter(), { clock: steppingClock("2026-05-01T00:00:00Z") });

      const [diff] = await discoveryDiff(t.repos, { provider: "openrouter" });
      expect(diff).toMatchObject({ provider: "openrouter", comparable: true });
      expect(diff!.added).toHaveLength(68);
      expect(diff!.gone).toHaveLength(41);
      const added = diff!.added.map((i) => i.model_id);
      const gone = diff!.gone.map((i) => i.model_id);
      expect(added).toEqual(
        expect.arrayContaining([
          "anthropic/claude-opus-4.7",
          "openai/gpt-5.5",
          "deepseek/deepseek-v4-pro",
          "~openai/gpt-latest",
        ]),
      );
      expect(gone).toEqual(
        expect.arrayContaining(["anthropic/claude-3.5-sonnet", "qwen/qwq-32b", "openai/gpt-4o:extended"]),
      );
      expect(diff!.gone.find((i) => i.model_id === "anthropic/claude-3.5-sonnet")?.name).toMatch(
        /Claude 3\.5 Sonnet/,
      );
      expect(diff!.priceChanged.find((c) => c.model_id === "deepseek/deepseek-r1-0528")).toMatchObject({
        before: { input_per_million: 0.4, output_per_million: 1.75 },
        after: { input_per_million: 0.5, output_per_million: 2.15 },
      });
      expect(diff!.priceChanged).toHaveLength(52);
    },
  );

  it("never compares an incomplete read, and --since picks the baseline", { timeout: 90_000 }, async () => {
    server.fault("openrouter", 1, { kind: "truncate" });
    server.useSnapshot("openrouter", SNAPSHOTS.openrouterJun);
    const cut = await discoverProvider(t.repos, openrouter(), {
      clock: steppingClock("2026-06-06T00:00:00Z"),
    });
    expect(cut.complete).toBe(false);

    // The newest complete read is still May's; the default baseline is February's.
    const [byDefault] = await discoveryDiff(t.repos, { provider: "openrouter" });
    expect([byDefault!.added.length, byDefault!.gone.length]).toEqual([68, 41]);

    server.clearFaults();
    await discoverProvider(t.repos, openrouter(), { clock: steppingClock("2026-06-07T00:00:00Z") });
    const [mayToJun] = await discoveryDiff(t.repos, { provider: "openrouter" });
    expect([mayToJun!.added.length, mayToJun!.gone.length]).toEqual([22, 49]);
    const [febToJun] = await discoveryDiff(t.repos, {
      provider: "openrouter",
      since: new Date("2026-03-01T00:00:00Z"),
    });
    expect(febToJun!.from!.finished_at.toISOString().slice(0, 10)).toBe("2026-02-27");

    const [none] = await discoveryDiff(t.repos, { provider: "groq" });
    expect(none).toMatchObject({ comparable: false, reason: "no complete read on record" });
  });
});
