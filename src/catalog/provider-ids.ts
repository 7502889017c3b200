import { AppError } from "../errors.js";

/**
 * Every catalog source discovery reads, in report order. Apart from the readers (registry.ts), so
 * that checking a `provider` argument loads none of them.
 */
export const CATALOG_PROVIDERS = [
  "openrouter",
  "openai",
  "anthropic",
  "bedrock",
  "groq",
  "together",
  "fireworks",
  "deepinfra",
  "cerebras",
  "mistral",
  "vertex",
] as const;

export type CatalogProviderId = (typeof CATALOG_PROVIDERS)[number];

export function isCatalogProvider(id: string): id is CatalogProviderId {
  return (CATALOG_PROVIDERS as readonly string[]).includes(id);
}

/**
 * A catalog source as it is spelled (`OpenRouter` is `openrouter`), or invalid_input naming them:
 * `discovery fetch`, `catalog search` and search_catalog take a `provider` through this. An unknown
 * id (`aws`, a typo) answered an empty page that read as "that provider lists nothing".
 */
export function knownCatalogProvider(id: string): CatalogProviderId {
  const same = CATALOG_PROVIDERS.find((p) => p === id.toLowerCase());
  if (same) return same;
  throw new AppError(
    "invalid_input",
    `No provider "${id}" is read into the catalog. Its providers: ${[...CATALOG_PROVIDERS].sort().join(", ")}.`,
  );
}
