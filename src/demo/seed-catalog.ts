import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { discoverProvider, type DiscoveryRepos } from "../catalog/discovery/run.js";
import { anthropicCatalogReader } from "../catalog/readers/anthropic.js";
import { combineBedrockLists } from "../catalog/readers/bedrock.js";
import { cerebrasCatalogReader } from "../catalog/readers/cerebras.js";
import { deepInfraCatalogReader } from "../catalog/readers/deepinfra.js";
import { groqCatalogReader } from "../catalog/readers/groq.js";
import { mistralCatalogReader } from "../catalog/readers/mistral.js";
import { openAiCatalogReader } from "../catalog/readers/openai.js";
import { openRouterCatalogReader } from "../catalog/readers/openrouter.js";
import type { CatalogReader, KeyedReaderConfig } from "../catalog/readers/types.js";
import { vertexCatalogReader } from "../catalog/readers/vertex.js";
import type { Repositories } from "../storage/repositories.js";
import { readManifest } from "./manifest.js";
import { goneVertexIds, vertexListingPage } from "./vertex-listing.js";

/**
 * The demo's catalog: real public `/models` snapshots shipped in data/catalog (see its README),
 * stored through the production readers and `discoverProvider`, so the rows, the derived facts
 * and the ledger are exactly what a live `discovery run` would have written from those answers.
 * Nothing leaves the machine: each reader's fetch answers from its file.
 */

/** src/demo and dist/demo both sit two levels below the package root. */
export const DEMO_CATALOG_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../data/catalog");

type KeyedReader = (c: KeyedReaderConfig) => CatalogReader;

const HTTP_SNAPSHOTS: { file: string; reader: KeyedReader | "openrouter" }[] = [
  { file: "openrouter-models-2026-06-06.json", reader: "openrouter" },
  { file: "openai-models-2025-05-23.json", reader: openAiCatalogReader },
  { file: "anthropic-models-2025-05-23.json", reader: anthropicCatalogReader },
  { file: "groq-models-2026-01-22.json", reader: groqCatalogReader },
  { file: "deepinfra-models-2026-02-23.json", reader: deepInfraCatalogReader },
  { file: "cerebras-models-2025-09-03.json", reader: cerebrasCatalogReader },
  { file: "mistral-models-2025-05-23.json", reader: mistralCatalogReader },
];
const BEDROCK_MODELS = "bedrock-foundation-models-us-east-1-2026-01-01.json";
const BEDROCK_PROFILES = "bedrock-inference-profiles-us-east-1-2026-01-01.json";

export interface DemoCatalogResult {
  /** Rows stored per provider. */
  providers: { provider: string; rows: number }[];
  rows: number;
  /** Providers whose listing is written by hand (no public raw listing exists), not a snapshot. */
  handWritten: string[];
}

export async function seedDemoCatalog(
  repos: DiscoveryRepos & Partial<Pick<Repositories, "demoManifest">>,
  now: Date,
  dir: string = DEMO_CATALOG_DIR,
): Promise<DemoCatalogResult> {
  const clock = (): Date => now;
  const providers: DemoCatalogResult["providers"] = [];
  for (const { file, reader } of HTTP_SNAPSHOTS) {
    const body = await readFile(join(dir, file), "utf8");
    // The reader builds its own URL and headers; whatever it asks for, the answer is the file.
    const fetchImpl = (() => Promise.resolve(new Response(body, { status: 200 }))) as typeof fetch;
    const config = { baseUrl: "http://snapshot.invalid", apiKey: "demo-snapshot", fetchImpl };
    const r = reader === "openrouter" ? openRouterCatalogReader(config) : reader(config);
    const run = await discoverProvider(repos, r, { clock });
    assertComplete(run);
    providers.push({ provider: run.provider, rows: run.accepted_count });
  }

  // Bedrock is read through the AWS SDK, not fetch: its two lists are assembled the way its reader
  // assembles them (the SDK would also turn date strings into Dates; the demo keeps the strings).
  const [models, profiles] = await Promise.all(
    [BEDROCK_MODELS, BEDROCK_PROFILES].map(
      async (f) => JSON.parse(await readFile(join(dir, f), "utf8")) as unknown,
    ),
  );
  const list = (body: unknown, key: string): unknown[] => {
    const rows = (body as Record<string, unknown>)[key];
    if (!Array.isArray(rows)) throw new Error(`the Bedrock snapshot has no ${key} list`);
    return rows;
  };
  const bedrock: CatalogReader = {
    provider: "bedrock",
    read: () =>
      Promise.resolve(
        combineBedrockLists(
          { rows: list(models, "modelSummaries"), pages: 1, complete: true, error: null },
          { rows: list(profiles, "inferenceProfileSummaries"), pages: 1, complete: true, error: null },
        ),
      ),
  };
  const run = await discoverProvider(repos, bedrock, { clock });
  assertComplete(run);
  providers.push({ provider: run.provider, rows: run.accepted_count });

  const manifest = repos.demoManifest ? await readManifest(repos.demoManifest) : null;
  const vertex = await discoverProvider(repos, demoVertexReader(goneVertexIds(manifest)), { clock });
  assertComplete(vertex);
  providers.push({ provider: vertex.provider, rows: vertex.accepted_count });
  return { providers, rows: providers.reduce((n, p) => n + p.rows, 0), handWritten: [vertex.provider] };
}

/**
 * Vertex has no public snapshot: the production reader reads the demo's hand-written Model Garden
 * listing (src/demo/vertex-listing.ts), one page per publisher, without the models the demo's
 * scenarios say Vertex removed or retired.
 */
function demoVertexReader(gone: ReadonlySet<string>): CatalogReader {
  const fetchImpl = ((url: string | URL | Request) => {
    const path = new URL(url instanceof Request ? url.url : url).pathname;
    const publisher = /\/publishers\/([^/]+)\/models$/.exec(path)?.[1] ?? "";
    return Promise.resolve(new Response(JSON.stringify(vertexListingPage(publisher, gone)), { status: 200 }));
  }) as typeof fetch;
  return vertexCatalogReader({
    baseUrl: "http://snapshot.invalid",
    project: "demo-project",
    token: () => Promise.resolve("demo-snapshot"),
    fetchImpl,
  });
}

/** The snapshots ship with the package: a read that fails is a broken install, not provider trouble. */
function assertComplete(run: { provider: string; complete: boolean; error: string | null }): void {
  if (!run.complete) {
    throw new Error(
      `the ${run.provider} catalog snapshot in ${DEMO_CATALOG_DIR} could not be read: ${run.error}`,
    );
  }
}
