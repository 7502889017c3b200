import { getJson, joinUrl } from "./http.js";
import { readAllPages } from "./paging.js";
import { listRows, toCatalogRead } from "./rows.js";
import type { CatalogReader, ReaderOptions } from "./types.js";

export const OPENROUTER_DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";

/**
 * The OpenRouter catalog: `GET {base}/models`, public (no key is sent, so none can leak), one
 * page of `{data:[...]}` rows with pricing per token as decimal strings.
 */
export function openRouterCatalogReader(config: ReaderOptions & { baseUrl?: string } = {}): CatalogReader {
  return {
    provider: "openrouter",
    async read() {
      const url = joinUrl(config.baseUrl ?? OPENROUTER_DEFAULT_BASE_URL, "models");
      const paged = await readAllPages(
        async () => {
          const body = await getJson(url, { timeoutMs: config.timeoutMs, fetchImpl: config.fetchImpl });
          return { rows: listRows(body, "openrouter /models"), next: null };
        },
        { maxPages: config.maxPages },
      );
      return toCatalogRead("openrouter", paged, { idField: "id", nameFields: ["name"] });
    },
  };
}
