import { readOpenAiStyleList } from "./openai-style.js";
import type { CatalogReader, KeyedReaderConfig } from "./types.js";

export const DEEPINFRA_DEFAULT_BASE_URL = "https://api.deepinfra.com/v1/openai";

/** DeepInfra `GET /v1/openai/models`: `metadata` carries pricing and context, null for non-LLMs. */
export function deepInfraCatalogReader(config: KeyedReaderConfig): CatalogReader {
  return {
    provider: "deepinfra",
    read: () => readOpenAiStyleList("deepinfra", DEEPINFRA_DEFAULT_BASE_URL, config),
  };
}
