import { readOpenAiStyleList } from "./openai-style.js";
import type { CatalogReader, KeyedReaderConfig } from "./types.js";

export const GROQ_DEFAULT_BASE_URL = "https://api.groq.com/openai/v1";

/** Groq `GET /openai/v1/models`: adds `active`, `context_window` and (newer) `max_completion_tokens`. */
export function groqCatalogReader(config: KeyedReaderConfig): CatalogReader {
  return {
    provider: "groq",
    read: () => readOpenAiStyleList("groq", GROQ_DEFAULT_BASE_URL, config),
  };
}
