import { getJson, joinUrl } from "./http.js";
import { readAllPages } from "./paging.js";
import { listRows, toCatalogRead } from "./rows.js";
import type { CatalogRead, KeyedReaderConfig } from "./types.js";

/**
 * `GET {base}/models` with a bearer key, one page: the list shape OpenAI set and most hosts
 * copied (`{object:"list", data:[...]}`). Shared by the per-provider readers, which differ only
 * in their default base URL and display-name field.
 */
export async function readOpenAiStyleList(
  provider: string,
  defaultBaseUrl: string,
  config: KeyedReaderConfig,
  nameFields: string[] = [],
): Promise<CatalogRead> {
  const url = joinUrl(config.baseUrl ?? defaultBaseUrl, "models");
  const paged = await readAllPages(
    async () => {
      const body = await getJson(url, {
        headers: { authorization: `Bearer ${config.apiKey}` },
        timeoutMs: config.timeoutMs,
        fetchImpl: config.fetchImpl,
        secrets: [config.apiKey],
      });
      return { rows: listRows(body, `${provider} /models`), next: null };
    },
    { maxPages: config.maxPages, secrets: [config.apiKey] },
  );
  return toCatalogRead(provider, paged, { idField: "id", nameFields });
}
