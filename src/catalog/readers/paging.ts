import type { z } from "zod";
import { CatalogHttpError, getJson, safeErrorText } from "./http.js";
import { DEFAULT_MAX_PAGES, type KeyedReaderConfig } from "./types.js";

/** Parses one page's envelope; the error names the first problem briefly (it ends up in the ledger). */
export function parsePage<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join(".") : "(top level)";
  throw new Error(`${what}: unexpected page shape at ${path}: ${issue?.message ?? "invalid"}`);
}

export interface Page {
  rows: unknown[];
  /** The cursor for the next page; null when the provider says this was the last one. */
  next: string | null;
}

export interface PagedRead {
  rows: unknown[];
  pages: number;
  complete: boolean;
  error: string | null;
}

/**
 * Follows a cursor to the end. Never throws: an error, a repeated cursor or the page cap ends
 * the read with `complete:false` and keeps the rows read so far (they prove presence only).
 */
export async function readAllPages(
  fetchPage: (cursor: string | null) => Promise<Page>,
  opts: { maxPages?: number; secrets?: readonly string[] } = {},
): Promise<PagedRead> {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const rows: unknown[] = [];
  const seenCursors = new Set<string>();
  let cursor: string | null = null;
  let pages = 0;
  for (;;) {
    if (pages >= maxPages) {
      return { rows, pages, complete: false, error: `stopped after the page cap of ${maxPages} pages` };
    }
    let page: Page;
    try {
      page = await fetchPage(cursor);
    } catch (e) {
      return { rows, pages, complete: false, error: describeError(e, pages, opts.secrets) };
    }
    pages += 1;
    rows.push(...page.rows);
    if (page.next === null) return { rows, pages, complete: true, error: null };
    if (seenCursors.has(page.next)) {
      return {
        rows,
        pages,
        complete: false,
        error: `the provider repeated a page cursor after page ${pages}`,
      };
    }
    seenCursors.add(page.next);
    cursor = page.next;
  }
}

function describeError(e: unknown, pagesRead: number, secrets?: readonly string[]): string {
  return safeErrorText(`page ${pagesRead + 1}: ${errorText(e)}`, secrets);
}

/** Our HTTP errors already say everything; SDK errors add a name and `$metadata.httpStatusCode`. */
function errorText(e: unknown): string {
  if (e instanceof CatalogHttpError) return e.message;
  if (!(e instanceof Error)) return String(e);
  const name = e.name && e.name !== "Error" ? `${e.name}: ` : "";
  const status = httpStatusOf(e);
  return `${name}${e.message}${status === null ? "" : ` (HTTP ${status})`}`;
}

function httpStatusOf(e: Error): number | null {
  const meta = (e as Error & { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  return typeof meta?.httpStatusCode === "number" ? meta.httpStatusCode : null;
}

export interface CursorPageRequest<T> {
  url: string;
  /** The query parameter that sets the page size, and its value. */
  sizeParam: string;
  size: number;
  /** The query parameter that carries the cursor (omitted on the first page). */
  cursorParam: string;
  cursor: string | null;
  headers: Record<string, string>;
  config: KeyedReaderConfig;
  schema: z.ZodType<T>;
  what: string;
}

/** One page of a cursor-paginated list: GET with size and cursor parameters, then the envelope parsed. */
export async function getCursorPage<T>(r: CursorPageRequest<T>): Promise<T> {
  const params = new URLSearchParams({ [r.sizeParam]: String(r.size) });
  if (r.cursor) params.set(r.cursorParam, r.cursor);
  const body = await getJson(`${r.url}?${params.toString()}`, {
    headers: r.headers,
    timeoutMs: r.config.timeoutMs,
    fetchImpl: r.config.fetchImpl,
    secrets: [r.config.apiKey],
  });
  return parsePage(r.schema, body, r.what);
}
