import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchCatalog } from "../../src/catalog/search.js";
import { CatalogSearchService, loadCatalogIndex } from "../../src/catalog/service.js";
import { catalogStats } from "../../src/catalog/stats.js";
import { discoverProvider } from "../../src/catalog/discovery/run.js";
import { anthropicCatalogReader } from "../../src/catalog/readers/anthropic.js";
import { bedrockCatalogReader } from "../../src/catalog/readers/bedrock.js";
import { groqCatalogReader } from "../../src/catalog/readers/groq.js";
import { openRouterCatalogReader } from "../../src/catalog/readers/openrouter.js";
import type { Deps } from "../../src/deps.js";
import { silentLogger } from "../../src/logger.js";
import { createToolServices } from "../../src/tools/services.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  FAKE_API_KEY,
  FAKE_AWS_CREDENTIALS,
  startFakeCatalogServer,
  type FakeCatalogServer,
} from "../helpers/fake-catalog-server.js";

let server: FakeCatalogServer;
let t: TestDatabase;
const SEEN = new Date("2026-06-07T12:00:00Z");
const at = (d: Date) => () => d;

beforeAll(async () => {
  server = await startFakeCatalogServer();
  t = await openTestDatabase("catalog_search");
  await t.repos.models.insertMany([
    { provider: "anthropic", model_id: "claude-sonnet-4-20250514", enabled: true },
    { provider: "bedrock", model_id: "us.anthropic.claude-3-5-haiku-20241022-v1:0", enabled: true },
    { provider: "groq", model_id: "openai/gpt-oss-120b", enabled: false },
  ]);
  await discoverProvider(t.repos, openRouterCatalogReader({ baseUrl: server.baseUrl("openrouter") }), {
    clock: at(SEEN),
  });
  await discoverProvider(
    t.repos,
    anthropicCatalogReader({ apiKey: FAKE_API_KEY, baseUrl: server.baseUrl("anthropic") }),
    {
      clock: at(SEEN),
    },
  );
  await discoverProvider(
    t.repos,
    bedrockCatalogReader({ region: "us-east-1", endpointUrl: server.url, credentials: FAKE_AWS_CREDENTIALS }),
    { clock: at(SEEN) },
  );
}, 120_000);
afterAll(async () => {
  await server.close();
});

describe("the catalog index over the database", () => {
  it("loads both catalog collections, the fleet and the ledger's freshness", async () => {
    const index = await loadCatalogIndex(t.repos, SEEN);
    expect(index.entries.filter((e) => e.origin === "openrouter")).toHaveLength(344);
    expect(index.entries.filter((e) => e.provider === "bedrock")).toHaveLength(181);
    expect(index.lastCompleteReads).toEqual({ openrouter: SEEN, anthropic: SEEN, bedrock: SEEN });
    expect(index.ledgerMark).toEqual(SEEN);

    const res = searchCatalog(index, { text: "claude-sonnet-4", inFleet: true, limit: 50 });
    const keys = res.hits.map((h) => h.key);
    expect(keys).toContain("anthropic:claude-sonnet-4-20250514");
    expect(keys).toContain("openrouter:anthropic/claude-sonnet-4");
    const hit = res.hits.find((h) => h.key === "openrouter:anthropic/claude-sonnet-4")!;
    expect(hit.fleet.matches[0]).toMatchObject({
      provider: "anthropic",
      modelId: "claude-sonnet-4-20250514",
      verified: false,
    });
    expect(hit.lastSeenAt).toEqual(SEEN);
    expect(hit.lastCompleteReadAt).toEqual(SEEN);

    const profile = searchCatalog(index, {
      text: "anthropic.claude-3-5-haiku-20241022-v1:0",
      provider: "bedrock",
    }).hits[0]!;
    expect(profile.key).toBe("bedrock:anthropic.claude-3-5-haiku-20241022-v1:0");
    expect(profile.fleet.matches[0]).toMatchObject({ rule: "bedrock-inference-profile", enabled: true });

    const stats = catalogStats(index);
    expect(stats.map((s) => s.provider)).toEqual(["openrouter", "anthropic", "bedrock"]);
    expect(stats.find((s) => s.provider === "openrouter")).toMatchObject({
      entries: 344,
      lastCompleteReadAt: SEEN,
    });
  });

  it("the service keeps one index and rebuilds it after a newer complete read, not after an incomplete one", async () => {
    let now = SEEN.getTime() + 60_000;
    const service = new CatalogSearchService(t.repos, {
      ledgerCheckMs: 1_000,
      ttlMs: 3_600_000,
      clock: () => now,
    });
    const first = await service.getIndex();
    expect(await service.getIndex()).toBe(first);
    expect((await service.search({ provider: "groq" })).total).toBe(0);

    // An incomplete read does not invalidate the index.
    server.fault("groq", 1, { kind: "status", status: 503 });
    const groq = groqCatalogReader({ apiKey: FAKE_API_KEY, baseUrl: server.baseUrl("groq") });
    await discoverProvider(t.repos, groq, { clock: at(new Date(now)) });
    now += 2_000;
    expect(await service.getIndex()).toBe(first);

    // A complete one does, at the next ledger check.
    server.clearFaults();
    await discoverProvider(t.repos, groq, { clock: at(new Date(now)) });
    now += 500;
    expect(await service.getIndex()).toBe(first); // ledger not asked again yet
    now += 1_000;
    const second = await service.getIndex();
    expect(second).not.toBe(first);
    const groqHits = await service.search({ provider: "groq", limit: 100 });
    expect(groqHits.total).toBe(16);
    expect(groqHits.hits.find((h) => h.modelId === "openai/gpt-oss-120b")?.fleet).toMatchObject({
      inFleet: true,
      benchmarked: false,
    });

    // The TTL rebuilds even when nothing new was read.
    now += 3_600_000;
    expect(await service.getIndex()).not.toBe(second);
  });

  it("the MCP server's index, whose fleet rows come from its fleet picture, matches the fleet as the store's does", async () => {
    const deps: Deps = { config: t.config, logger: silentLogger, repos: t.repos, clock: () => SEEN };
    const fromPicture = await createToolServices(deps).catalog.getIndex();
    const fromStore = await loadCatalogIndex(t.repos, SEEN);
    const fleetOf = (ix: typeof fromStore) => ix.entries.map((e) => [e.key, e.fleet]);
    expect(fleetOf(fromPicture)).toEqual(fleetOf(fromStore));
    // Not vacuous: entries match enabled and disabled fleet models.
    expect(JSON.stringify(fleetOf(fromStore))).toContain("claude-sonnet-4-20250514");
    expect(new Set(fromStore.entries.map((e) => `${e.fleet.inFleet}${e.fleet.benchmarked}`)).size).toBe(3);
  });
});
