/**
 * What every catalog reader returns. A reader never throws for a provider-side problem (HTTP
 * error, timeout, truncated body, too many pages): it returns what it read with `complete:false`
 * and a redacted error, because a partial read is still evidence of presence, never of absence.
 */
export interface CatalogRow {
  modelId: string;
  name: string | null;
  /** The provider's row object, untouched (unknown fields kept). */
  raw: Record<string, unknown>;
  /** Only for sources that list more than one kind of thing (Bedrock models and inference profiles). */
  kind?: string;
}

export interface CatalogRead {
  provider: string;
  rows: CatalogRow[];
  /** Rows returned by the provider, before validation and de-duplication. */
  rawCount: number;
  pages: number;
  complete: boolean;
  /**
   * For a provider whose listing comes in parts (Vertex: one list per publisher), the parts read
   * to the end. A model of a part not here was not looked for, so the read says nothing about
   * its absence. Absent for providers with one listing.
   */
  coverage?: string[];
  error: string | null;
}

export interface CatalogReader {
  readonly provider: string;
  read(): Promise<CatalogRead>;
}

/** Knobs shared by every reader; the defaults suit a daily job against real providers. */
export interface ReaderOptions {
  /** Deadline for one page (request and body), in milliseconds. */
  timeoutMs?: number;
  /** Stop (incomplete) after this many pages: a cursor bug must not loop forever. */
  maxPages?: number;
  /** Page size asked for, where the provider lets us choose. */
  pageSize?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
}

export interface KeyedReaderConfig extends ReaderOptions {
  apiKey: string;
  baseUrl?: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_PAGES = 50;
