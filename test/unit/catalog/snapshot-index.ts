import { buildCatalogIndex, type CatalogIndex } from "../../../src/catalog/catalog-index.js";
import { openRouterEntry } from "../../../src/catalog/discovery/run.js";
import {
  BEDROCK_KIND_FOUNDATION_MODEL,
  BEDROCK_KIND_INFERENCE_PROFILE,
} from "../../../src/catalog/readers/bedrock.js";
import { toCatalogRows, type RowMapping } from "../../../src/catalog/readers/rows.js";
import type { ModelDoc, OpenRouterCatalogDoc, ProviderCatalogDoc } from "../../../src/storage/documents.js";
import {
  SNAPSHOTS,
  snapshotRows,
  syntheticFireworksRows,
  syntheticTogetherRows,
} from "../../helpers/fake-catalog-server.js";

/**
 * The catalog documents that discovery would store from the real snapshots, built in memory
 * with the readers' own row mapping, so unit tests of derivation and search run on real data
 * without a database or HTTP.
 */
const SEEN = new Date("2026-06-07T00:00:00Z");

const PROVIDER_SOURCES: { provider: string; rows: () => unknown[]; mapping: RowMapping }[] = [
  { provider: "openai", rows: () => snapshotRows(SNAPSHOTS.openai), mapping: { idField: "id" } },
  {
    provider: "anthropic",
    rows: () => snapshotRows(SNAPSHOTS.anthropic),
    mapping: { idField: "id", nameFields: ["display_name"] },
  },
  { provider: "groq", rows: () => snapshotRows(SNAPSHOTS.groq), mapping: { idField: "id" } },
  { provider: "deepinfra", rows: () => snapshotRows(SNAPSHOTS.deepinfra), mapping: { idField: "id" } },
  { provider: "cerebras", rows: () => snapshotRows(SNAPSHOTS.cerebras), mapping: { idField: "id" } },
  {
    provider: "mistral",
    rows: () => snapshotRows(SNAPSHOTS.mistral),
    mapping: { idField: "id", nameFields: ["name"] },
  },
  {
    provider: "together",
    rows: syntheticTogetherRows,
    mapping: { idField: "id", nameFields: ["display_name"] },
  },
  {
    provider: "fireworks",
    rows: syntheticFireworksRows,
    mapping: { idField: "name", nameFields: ["displayName"] },
  },
  {
    provider: "bedrock",
    rows: () => snapshotRows(SNAPSHOTS.bedrockModels),
    mapping: { idField: "modelId", nameFields: ["modelName"], kind: BEDROCK_KIND_FOUNDATION_MODEL },
  },
  {
    provider: "bedrock",
    rows: () => snapshotRows(SNAPSHOTS.bedrockProfiles),
    mapping: {
      idField: "inferenceProfileId",
      nameFields: ["inferenceProfileName"],
      kind: BEDROCK_KIND_INFERENCE_PROFILE,
    },
  },
];

export function openRouterDocs(
  file: string = SNAPSHOTS.openrouterJun,
  seenAt: Date = SEEN,
): OpenRouterCatalogDoc[] {
  return toCatalogRows(snapshotRows(file), { idField: "id", nameFields: ["name"] }).map((row) => ({
    ...openRouterEntry(row),
    first_seen_at: seenAt,
    last_seen_at: seenAt,
  }));
}

export function providerDocs(seenAt: Date = SEEN): ProviderCatalogDoc[] {
  return PROVIDER_SOURCES.flatMap(({ provider, rows, mapping }) =>
    toCatalogRows(rows(), mapping).map((r) => ({
      provider,
      model_id: r.modelId,
      name: r.name,
      raw: r.raw,
      first_seen_at: seenAt,
      last_seen_at: seenAt,
      ...(r.kind ? { kind: r.kind } : {}),
    })),
  );
}

/** A small fleet with known spellings, to exercise every matching rule. */
export const FLEET: ModelDoc[] = [
  { provider: "anthropic", model_id: "claude-3-5-sonnet-20241022", enabled: true },
  { provider: "anthropic", model_id: "claude-sonnet-4-5-20250929", enabled: true },
  { provider: "openai", model_id: "gpt-4o-mini", enabled: true },
  { provider: "openai", model_id: "GPT-4.1", enabled: false },
  { provider: "bedrock", model_id: "us.anthropic.claude-3-5-haiku-20241022-v1:0", enabled: true },
  { provider: "bedrock", model_id: "us.meta.llama3-3-70b-instruct-v1:0", enabled: true },
  { provider: "groq", model_id: "openai/gpt-oss-120b", enabled: true },
  { provider: "deepinfra", model_id: "deepseek-ai/DeepSeek-R1-0528", enabled: true },
  { provider: "openrouter", model_id: "deepseek/deepseek-r1", enabled: true },
];

export function snapshotIndex(opts: { openrouterFile?: string; fleet?: ModelDoc[] } = {}): CatalogIndex {
  return buildCatalogIndex({
    openrouter: openRouterDocs(opts.openrouterFile),
    providerRows: providerDocs(),
    fleet: opts.fleet ?? FLEET,
    lastCompleteReads: { openrouter: SEEN },
    now: SEEN,
  });
}
