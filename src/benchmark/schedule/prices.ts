import { loadCatalogIndex } from "../../catalog/service.js";
import type { CatalogEntry } from "../../catalog/catalog-index.js";
import type { ModelDoc } from "../../storage/documents.js";
import type { Repositories } from "../../storage/repositories.js";
import type { ModelPrice } from "./cost.js";

/** Below this a cross-provider (OpenRouter) match is too uncertain to bill by. */
const MIN_OPENROUTER_CONFIDENCE = 0.85;

/**
 * The price of each fleet model, keyed `provider:model_id`, from (in order) the model's own
 * `model_metadata.price_per_million` ({input, output}: an operator's override), the provider's
 * catalog row for exactly this id, or the OpenRouter listing matched to it. A model with none of
 * these is absent: its price is unknown.
 */
export async function loadPrices(repos: Repositories, models: readonly ModelDoc[], now: Date) {
  const prices = new Map<string, ModelPrice>();
  const index = await loadCatalogIndex(repos, now);
  const fromOpenRouter = new Map<string, { price: ModelPrice; confidence: number }>();
  for (const entry of index.entries) {
    const price = entryPrice(entry);
    if (!price) continue;
    if (entry.origin === "provider_catalog") {
      prices.set(`${entry.provider}:${entry.modelId}`, { ...price, source: "provider_catalog" });
      continue;
    }
    for (const m of entry.fleet.matches) {
      if (m.confidence < MIN_OPENROUTER_CONFIDENCE) continue;
      const key = `${m.provider}:${m.modelId}`;
      const cur = fromOpenRouter.get(key);
      if (!cur || m.confidence > cur.confidence)
        fromOpenRouter.set(key, { price: { ...price, source: "openrouter" }, confidence: m.confidence });
    }
  }
  for (const [key, { price }] of fromOpenRouter) if (!prices.has(key)) prices.set(key, price);
  for (const m of models) {
    const own = metadataPrice(m.model_metadata);
    if (own) prices.set(`${m.provider}:${m.model_id}`, own);
  }
  return prices;
}

function entryPrice(entry: CatalogEntry): Omit<ModelPrice, "source"> | null {
  const input = entry.facts.inputPricePerMillion?.value;
  const output = entry.facts.outputPricePerMillion?.value;
  if (input === undefined || output === undefined) return null;
  return { input_per_million: input, output_per_million: output };
}

function metadataPrice(metadata: Record<string, unknown> | undefined): ModelPrice | null {
  const p = metadata?.["price_per_million"];
  if (!p || typeof p !== "object") return null;
  const { input, output } = p as { input?: unknown; output?: unknown };
  if (typeof input !== "number" || typeof output !== "number" || input < 0 || output < 0) return null;
  return { input_per_million: input, output_per_million: output, source: "model_metadata" };
}
