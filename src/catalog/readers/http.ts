import { redactSecrets } from "../../logger.js";
import { DEFAULT_TIMEOUT_MS } from "./types.js";

/** An HTTP-level failure with a message that is safe to store (no key, bounded length). */
export class CatalogHttpError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "CatalogHttpError";
  }
}

const MAX_ERROR_LENGTH = 500;

/**
 * Makes provider text safe for a ledger row: the literal secrets we sent are removed first (a
 * provider may echo a key back), then anything key-shaped, then the text is cut to a bound.
 */
export function safeErrorText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  out = redactSecrets(out).replace(/\s+/g, " ").trim();
  return out.length > MAX_ERROR_LENGTH ? `${out.slice(0, MAX_ERROR_LENGTH)}…` : out;
}

export interface GetJsonOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** Values to scrub from any error text (the API key in the headers). */
  secrets?: readonly string[];
}

/**
 * GET a JSON document with one deadline covering headers and body. Throws CatalogHttpError for
 * every failure: unreachable host, deadline, non-2xx status, a body cut short, invalid JSON.
 */
export async function getJson(url: string, opts: GetJsonOptions = {}): Promise<unknown> {
  const doFetch = opts.fetchImpl ?? fetch;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const where = describeUrl(url);
  const fail = (message: string, status: number | null): CatalogHttpError =>
    new CatalogHttpError(safeErrorText(message, opts.secrets), status);

  let res: Response;
  let text: string;
  try {
    res = await doFetch(url, {
      headers: { accept: "application/json", ...opts.headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (e) {
    throw fail(`GET ${where} failed: ${describeFetchError(e, timeoutMs)}`, null);
  }
  if (!res.ok) {
    throw fail(`GET ${where} returned HTTP ${res.status}: ${text.slice(0, 200)}`, res.status);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fail(
      `GET ${where} returned a body that is not valid JSON (${text.length} bytes; cut short?)`,
      res.status,
    );
  }
}

/** Path and query only: the host is in config, and a query never carries a key here. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return "(invalid URL)";
  }
}

function describeFetchError(e: unknown, timeoutMs: number): string {
  if (e instanceof Error) {
    if (e.name === "TimeoutError" || e.name === "AbortError")
      return `no complete answer within ${timeoutMs} ms`;
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : "";
    return `${e.message}${cause}`;
  }
  return String(e);
}

/** `base` + `path` with exactly one slash between them; `base` may or may not end with one. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
