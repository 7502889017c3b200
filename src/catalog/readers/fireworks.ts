import { z } from "zod";
import { joinUrl } from "./http.js";
import { getCursorPage, readAllPages } from "./paging.js";
import { toCatalogRead } from "./rows.js";
import type { CatalogReader, KeyedReaderConfig } from "./types.js";

/** The inference base the chat adapters use; the model list lives beside it, not under it. */
export const FIREWORKS_DEFAULT_BASE_URL = "https://api.fireworks.ai/inference/v1";
const DEFAULT_PAGE_SIZE = 200;

const pageSchema = z.looseObject({
  models: z.array(z.unknown()).optional(),
  nextPageToken: z.string().nullable().optional(),
});

/**
 * Fireworks `GET /v1/accounts/fireworks/models`: pages of `{models, nextPageToken, totalSize}`,
 * followed with `pageToken` until the token is empty. Ids are resource names
 * (`accounts/fireworks/models/<slug>`), the form the inference API accepts as a model id.
 */
export function fireworksCatalogReader(config: KeyedReaderConfig): CatalogReader {
  const url = joinUrl(
    fireworksApiRoot(config.baseUrl ?? FIREWORKS_DEFAULT_BASE_URL),
    "v1/accounts/fireworks/models",
  );
  return {
    provider: "fireworks",
    async read() {
      const paged = await readAllPages(
        async (cursor) => {
          const body = await getCursorPage({
            url,
            sizeParam: "pageSize",
            size: config.pageSize ?? DEFAULT_PAGE_SIZE,
            cursorParam: "pageToken",
            cursor,
            headers: { authorization: `Bearer ${config.apiKey}` },
            config,
            schema: pageSchema,
            what: "fireworks models",
          });
          const next = body.nextPageToken ? body.nextPageToken : null;
          return { rows: body.models ?? [], next };
        },
        { maxPages: config.maxPages, secrets: [config.apiKey] },
      );
      return toCatalogRead("fireworks", paged, { idField: "name", nameFields: ["displayName"] });
    },
  };
}

/** `https://api.fireworks.ai/inference/v1` → `https://api.fireworks.ai`: the control API's root. */
export function fireworksApiRoot(baseUrl: string): string {
  return baseUrl
    .replace(/\/+$/, "")
    .replace(/\/inference\/v1$/, "")
    .replace(/\/v1$/, "");
}
