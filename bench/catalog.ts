/**
 * Catalog search benchmark: loads the real catalog snapshots (three OpenRouter snapshots in
 * date order, then every provider list) through the real discovery path (the fake catalog
 * server speaks each provider's wire format), seeds a fleet, builds the in-memory index and
 * times a fixed mix of ~200 searches. Target: p95 at most 20 ms over the full catalog.
 *
 *   npm run bench:catalog [-- --json]
 *
 * Uses MONGODB_URI when set (a throw-away database on it), else a temporary FerretDB.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { table } from "../src/cli/output.js";
import { searchCatalog, type CatalogQuery } from "../src/catalog/search.js";
import { loadCatalogIndex } from "../src/catalog/service.js";
import { loadConfig } from "../src/config/config.js";
import { runDiscovery } from "../src/catalog/discovery/run.js";
import { openRouterCatalogReader } from "../src/catalog/readers/openrouter.js";
import { planCatalogReads } from "../src/catalog/readers/registry.js";
import type { ModelDoc } from "../src/storage/documents.js";
import { connectMongo } from "../src/storage/mongo.js";
import { createRepositories, ensureIndexes, type Repositories } from "../src/storage/repositories.js";
import {
  FAKE_AWS_CREDENTIALS,
  SNAPSHOTS,
  startFakeCatalogServer,
  type FakeCatalogServer,
} from "../test/helpers/fake-catalog-server.js";
import { benchArgs, openBenchDatabase } from "./support.js";

const { json, log } = benchArgs({ quietWithJson: true });

/** The question the catalog exists to answer quickly. */
const QUESTION: CatalogQuery = {
  reasoning: true,
  tools: true,
  maxOutputPrice: 1,
  newSince: new Date("2026-01-01T00:00:00Z"),
};

/** A fixed mix: exact ids, words, capability and price filters, fleet filters, later pages. */
function searchMix(): CatalogQuery[] {
  const texts = [
    "gpt-4o",
    "claude-3-5-sonnet-20241022",
    "anthropic/claude-sonnet-4.5",
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "llama",
    "qwen coder",
    "gemini flash",
    "deepseek r1",
    "mistral small",
    "kimi",
    "reasoning",
    "multimodal vision",
    "gpt-oss",
    "claude-4.x",
    "embedding",
    "no-such-model-anywhere",
  ];
  const providers = [
    "openrouter",
    "bedrock",
    "deepinfra",
    "together",
    "fireworks",
    "groq",
    "openai",
    "anthropic",
  ];
  const prices = [0.2, 0.5, 1, 2, 5, 15];
  const mix: CatalogQuery[] = [];
  for (let i = 0; mix.length < 200; i++) {
    switch (i % 8) {
      case 0:
        mix.push(QUESTION);
        break;
      case 1:
        mix.push({ text: texts[i % texts.length] });
        break;
      case 2:
        mix.push({ text: texts[(i * 3) % texts.length], provider: providers[i % providers.length] });
        break;
      case 3:
        mix.push({ tools: true, vision: true, maxInputPrice: prices[i % prices.length], limit: 50 });
        break;
      case 4:
        mix.push({ reasoning: true, minContext: 128_000, inFleet: i % 16 === 4 });
        break;
      case 5:
        mix.push({ structuredOutputs: true, maxOutputPrice: prices[(i + 2) % prices.length], offset: 20 });
        break;
      case 6:
        mix.push({ benchmarkable: true, provider: providers[(i * 5) % providers.length], limit: 100 });
        break;
      default:
        mix.push({ ...QUESTION, text: texts[i % texts.length], newSince: new Date("2025-01-01T00:00:00Z") });
    }
  }
  return mix;
}

/** Most direct-provider rows, enabled or not, so fleet matching has realistic work to do. */
async function seedFleet(repos: Repositories): Promise<number> {
  const rows = await repos.providerCatalog.find();
  const fleet: ModelDoc[] = rows
    .filter((r, i) => i % 3 !== 0)
    .map((r, i) => ({
      provider: r.provider,
      model_id: r.model_id,
      enabled: i % 4 !== 0,
      created_at: new Date(),
    }));
  fleet.push(
    { provider: "openrouter", model_id: "deepseek/deepseek-r1", enabled: true },
    { provider: "openrouter", model_id: "openai/gpt-oss-120b", enabled: true },
  );
  return repos.models.insertMany(fleet);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const database = await openBenchDatabase("bench-catalog-", config.mongodb.uri);
  const dbName = `bench_catalog_${randomBytes(3).toString("hex")}`;
  const client = await connectMongo(database.uri);
  const server: FakeCatalogServer = await startFakeCatalogServer();
  try {
    const db = client.db(dbName);
    const repos = createRepositories(db, config.collections);
    await ensureIndexes(repos);

    // Ingest through the real discovery path: OpenRouter Feb → May → Jun, then every provider.
    const ingestStart = performance.now();
    const openrouter = openRouterCatalogReader({ baseUrl: server.baseUrl("openrouter") });
    for (const file of [SNAPSHOTS.openrouterFeb, SNAPSHOTS.openrouterMay, SNAPSHOTS.openrouterJun]) {
      server.useSnapshot("openrouter", file);
      log(`reading OpenRouter ${file}`);
      await runDiscovery(repos, [{ provider: "openrouter", reader: openrouter }]);
    }
    const providers = planCatalogReads(loadConfig(server.env()), {
      bedrockCredentials: FAKE_AWS_CREDENTIALS,
    }).filter((p) => p.provider !== "openrouter");
    log(`reading ${providers.length} provider lists`);
    await runDiscovery(repos, providers);
    const ingestMs = performance.now() - ingestStart;
    const fleetSize = await seedFleet(repos);

    const loadStart = performance.now();
    const index = await loadCatalogIndex(repos);
    const loadMs = performance.now() - loadStart;

    const mix = searchMix();
    for (const q of mix.slice(0, 20)) searchCatalog(index, q); // warm-up: JIT, not the steady state
    const times: number[] = [];
    for (const q of mix) {
      const t0 = performance.now();
      searchCatalog(index, q);
      times.push(performance.now() - t0);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const answer = searchCatalog(index, { ...QUESTION, limit: 100 });
    const figures = {
      catalog_entries: index.entries.length,
      openrouter_entries: index.entries.filter((e) => e.origin === "openrouter").length,
      provider_entries: index.entries.filter((e) => e.origin === "provider_catalog").length,
      fleet_models: fleetSize,
      ingest_ms: round(ingestMs),
      index_load_ms: round(loadMs),
      index_build_ms: round(index.buildMs),
      searches: times.length,
      p50_ms: round(percentile(sorted, 50)),
      p95_ms: round(percentile(sorted, 95)),
      max_ms: round(sorted[sorted.length - 1]!),
      mean_ms: round(times.reduce((a, b) => a + b, 0) / times.length),
      target_p95_ms: 20,
      question_matches: answer.total,
      question_benchmarked: answer.hits.filter((h) => h.fleet.benchmarked).length,
    };
    if (json) {
      process.stdout.write(JSON.stringify(figures) + "\n");
      return;
    }
    const rows = Object.entries(figures).map(([figure, value]) => ({ figure, value }));
    const sample = answer.hits.slice(0, 8).map((h) => ({
      model: `${h.provider}:${h.modelId}`,
      out$: h.facts.outputPricePerMillion?.value,
      added: (h.facts.createdAt?.value ?? h.firstSeenAt)?.toISOString().slice(0, 10),
      benchmarked: h.fleet.benchmarked
        ? `yes (${h.fleet.matches[0]!.provider}:${h.fleet.matches[0]!.modelId})`
        : "no",
    }));
    process.stdout.write(
      [
        table(rows),
        "",
        "New (2026+) reasoning models with tools at most $1 per million output tokens (first 8):",
        table(sample),
        "",
      ].join("\n"),
    );
  } finally {
    await server.close();
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => {});
    await client.close();
    await database.stop();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

await main();
