import { readOpenAiStyleList } from "./openai-style.js";
import type { CatalogReader, KeyedReaderConfig } from "./types.js";

export const CEREBRAS_DEFAULT_BASE_URL = "https://api.cerebras.ai/v1";

/** Cerebras `GET /v1/models`: ids only (`created` is 0). */
export function cerebrasCatalogReader(config: KeyedReaderConfig): CatalogReader {
  return {
    provider: "cerebras",
    read: () => readOpenAiStyleList("cerebras", CEREBRAS_DEFAULT_BASE_URL, config),
  };
}
