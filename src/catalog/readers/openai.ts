import { readOpenAiStyleList } from "./openai-style.js";
import type { CatalogReader, KeyedReaderConfig } from "./types.js";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** OpenAI `GET /v1/models`: ids and owners only, including the account's own `ft:` models. */
export function openAiCatalogReader(config: KeyedReaderConfig): CatalogReader {
  return {
    provider: "openai",
    read: () => readOpenAiStyleList("openai", OPENAI_DEFAULT_BASE_URL, config),
  };
}
