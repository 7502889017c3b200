import { readOpenAiStyleList } from "./openai-style.js";
import type { CatalogReader, KeyedReaderConfig } from "./types.js";

export const MISTRAL_DEFAULT_BASE_URL = "https://api.mistral.ai/v1";

/** Mistral `GET /v1/models`: adds `capabilities`, `max_context_length`, `aliases` and `deprecation`. */
export function mistralCatalogReader(config: KeyedReaderConfig): CatalogReader {
  return {
    provider: "mistral",
    read: () => readOpenAiStyleList("mistral", MISTRAL_DEFAULT_BASE_URL, config, ["name"]),
  };
}
