import { readOpenAiStyleList } from "./openai-style.js";
import type { CatalogReader, KeyedReaderConfig } from "./types.js";

export const TOGETHER_DEFAULT_BASE_URL = "https://api.together.xyz/v1";

/**
 * Together `GET /v1/models`: a bare JSON array (no `data` wrapper) with `type`, `display_name`,
 * `context_length` and `pricing` in USD per million tokens.
 */
export function togetherCatalogReader(config: KeyedReaderConfig): CatalogReader {
  return {
    provider: "together",
    read: () => readOpenAiStyleList("together", TOGETHER_DEFAULT_BASE_URL, config, ["display_name"]),
  };
}
