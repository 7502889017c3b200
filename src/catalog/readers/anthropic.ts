import { z } from "zod";
import { joinUrl } from "./http.js";
import { getCursorPage, readAllPages } from "./paging.js";
import { toCatalogRead } from "./rows.js";
import type { CatalogReader, KeyedReaderConfig } from "./types.js";

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
const ANTHROPIC_VERSION = "2023-06-01";
/** The API's maximum; fewer pages means fewer chances for one to fail. */
const DEFAULT_PAGE_SIZE = 1000;

const pageSchema = z.looseObject({
  data: z.array(z.unknown()),
  has_more: z.boolean().optional(),
  last_id: z.string().nullable().optional(),
});

/**
 * Anthropic `GET /v1/models`: pages of `{data, has_more, first_id, last_id}`, followed with
 * `after_id=<last_id>` while `has_more` is true. The base URL is the host (the SDK's convention);
 * a base that already ends in `/v1` is accepted too.
 */
export function anthropicCatalogReader(config: KeyedReaderConfig): CatalogReader {
  const base = (config.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, "").replace(/\/v1$/, "");
  const headers = { "x-api-key": config.apiKey, "anthropic-version": ANTHROPIC_VERSION };
  return {
    provider: "anthropic",
    async read() {
      const paged = await readAllPages(
        async (cursor) => {
          const body = await getCursorPage({
            url: joinUrl(base, "v1/models"),
            sizeParam: "limit",
            size: config.pageSize ?? DEFAULT_PAGE_SIZE,
            cursorParam: "after_id",
            cursor,
            headers,
            config,
            schema: pageSchema,
            what: "anthropic /v1/models",
          });
          if (body.has_more !== true) return { rows: body.data, next: null };
          // has_more without a cursor cannot be followed; failing here keeps the read incomplete.
          if (!body.last_id) throw new Error("has_more is true but last_id is missing");
          return { rows: body.data, next: body.last_id };
        },
        { maxPages: config.maxPages, secrets: [config.apiKey] },
      );
      return toCatalogRead("anthropic", paged, { idField: "id", nameFields: ["display_name"] });
    },
  };
}
