import { z } from "zod";
import { getJson, joinUrl, safeErrorText } from "./http.js";
import { parsePage, readAllPages, type PagedRead } from "./paging.js";
import type { CatalogRead, CatalogReader, CatalogRow, ReaderOptions } from "./types.js";

export interface VertexReaderConfig extends ReaderOptions {
  /** The aiplatform host (`https://us-central1-aiplatform.googleapis.com`) or a local fake. */
  baseUrl: string;
  /** Billed for the list calls (`x-goog-user-project`), as user credentials require. */
  project: string;
  /** An OAuth2 access token; fetched once per read. */
  token: () => Promise<string>;
  /** Publishers to list; default every publisher whose models Vertex serves as a managed API. */
  publishers?: readonly string[];
}

/**
 * Every Model Garden publisher whose models Vertex serves as a managed API (MaaS): Google's own,
 * the partner models (Anthropic, Mistral AI, AI21 Labs) and the open models Vertex hosts (Meta,
 * DeepSeek, Qwen, OpenAI's gpt-oss, Z.ai's GLM). A fleet model of a publisher not read here is
 * never judged gone (see `vertexPublisherOf` and catalog/discovery/absence.ts), so the list
 * decides which Vertex models retirement can act on, not which are measured.
 */
export const VERTEX_PUBLISHERS = [
  "google",
  "anthropic",
  "meta",
  "mistralai",
  "ai21",
  "deepseek-ai",
  "qwen",
  "openai",
  "zai-org",
] as const;
/** The API's maximum page size. */
const DEFAULT_PAGE_SIZE = 100;

const pageSchema = z.looseObject({
  publisherModels: z.array(z.unknown()).optional(),
  nextPageToken: z.string().optional(),
});

/**
 * Vertex AI's Model Garden list, `GET /v1beta1/publishers/{publisher}/models` with every version
 * (`listAllVersions=true`), one publisher after another, each followed by `pageToken` =
 * `nextPageToken` until it is empty. The read is complete only when every publisher's list is.
 *
 * Each row is named the way requests name its model, one id per row (two spellings of one
 * model would become two admission candidates): Gemini by its resource id (`gemini-2.5-flash`,
 * `gemini-2.0-flash-001`), a partner model by `id@version` (`claude-sonnet-4-5@20250929`, the
 * spelling Anthropic's Vertex docs use; the bare id without a version), and a MaaS model by
 * `publisher/id` (`meta/llama-3.3-70b-instruct-maas`, the OpenAI-compatible endpoint's spelling).
 * `raw` is the provider's row, untouched.
 */
export function vertexCatalogReader(config: VertexReaderConfig): CatalogReader {
  const publishers = config.publishers ?? VERTEX_PUBLISHERS;
  return {
    provider: "vertex",
    async read() {
      let token: string;
      try {
        token = await config.token();
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return failedRead(safeErrorText(`no list read without an access token (${message})`));
      }
      const headers = { authorization: `Bearer ${token}`, "x-goog-user-project": config.project };
      const reads: { publisher: string; paged: PagedRead }[] = [];
      for (const publisher of publishers) {
        const paged = await readAllPages(
          async (cursor) => {
            const params = new URLSearchParams({
              pageSize: String(config.pageSize ?? DEFAULT_PAGE_SIZE),
              listAllVersions: "true",
            });
            if (cursor) params.set("pageToken", cursor);
            const url = `${joinUrl(config.baseUrl, `v1beta1/publishers/${publisher}/models`)}?${params.toString()}`;
            const what = `vertex publishers/${publisher}/models`;
            const body = parsePage(
              pageSchema,
              await getJson(url, {
                headers,
                timeoutMs: config.timeoutMs,
                fetchImpl: config.fetchImpl,
                secrets: [token],
              }),
              what,
            );
            return { rows: body.publisherModels ?? [], next: body.nextPageToken ? body.nextPageToken : null };
          },
          { maxPages: config.maxPages, secrets: [token] },
        );
        reads.push({ publisher, paged });
      }
      return combine(reads);
    },
  };
}

/** Model ids by family, for ids that do not name their publisher (`publisher/id` does). */
const PUBLISHER_BY_FAMILY: readonly [RegExp, string][] = [
  [
    /^(gemini|gemma|imagen|veo|chirp|learnlm|medlm|text-|textembedding|multimodalembedding|chat-bison|code-|codechat-)/,
    "google",
  ],
  [/^claude/, "anthropic"],
  [/^(mistral|codestral|ministral|mixtral|pixtral)/, "mistralai"],
  [/^jamba/, "ai21"],
  [/^llama/, "meta"],
];

/**
 * The Model Garden publisher of a Vertex model id as requests spell it (`meta/llama-...-maas`,
 * `mistral-large-2411@001`, `gemini-2.5-pro`); null when the id names no publisher we know, which
 * no read covers.
 */
export function vertexPublisherOf(modelId: string): string | null {
  const id = modelId.trim().toLowerCase();
  const slash = id.indexOf("/");
  if (slash > 0) return id.slice(0, slash);
  const base = id.split("@")[0] ?? id;
  for (const [pattern, publisher] of PUBLISHER_BY_FAMILY) if (pattern.test(base)) return publisher;
  return null;
}

function combine(reads: { publisher: string; paged: PagedRead }[]): CatalogRead {
  const rows: CatalogRow[] = [];
  const seen = new Set<string>();
  for (const { paged } of reads) {
    for (const item of paged.rows) {
      const row = vertexRow(item);
      if (!row || seen.has(row.modelId)) continue;
      seen.add(row.modelId);
      rows.push(row);
    }
  }
  const errors = reads.filter((r) => r.paged.error !== null).map((r) => `${r.publisher}: ${r.paged.error}`);
  return {
    provider: "vertex",
    rows,
    rawCount: reads.reduce((n, r) => n + r.paged.rows.length, 0),
    pages: reads.reduce((n, r) => n + r.paged.pages, 0),
    complete: reads.every((r) => r.paged.complete),
    coverage: reads.filter((r) => r.paged.complete).map((r) => r.publisher),
    error: errors.length > 0 ? errors.join("; ") : null,
  };
}

const NAME = /^publishers\/([^/]+)\/models\/([^/@]+)$/;

/** The catalog row for one Model Garden row; null for a row without a parsable name. */
export function vertexRow(item: unknown): CatalogRow | null {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return null;
  const raw = item as Record<string, unknown>;
  const match = typeof raw["name"] === "string" ? NAME.exec(raw["name"].trim()) : null;
  if (!match) return null;
  const [, publisher, id] = match as unknown as [string, string, string];
  const version = typeof raw["versionId"] === "string" ? raw["versionId"].trim() : "";
  const modelId =
    publisher === "google"
      ? id
      : publisher === "meta" || id.endsWith("-maas")
        ? `${publisher}/${id}`
        : version !== ""
          ? `${id}@${version}`
          : id;
  return { modelId, name: id, raw };
}

function failedRead(error: string): CatalogRead {
  return { provider: "vertex", rows: [], rawCount: 0, pages: 0, complete: false, error };
}
