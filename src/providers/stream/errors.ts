import type { ErrorKind } from "../../taxonomy/kinds.js";

/**
 * Where a streaming request failed:
 * - `setup`: before anything was sent (no API key, invalid model metadata);
 * - `http_status`: the provider answered with a non-2xx status;
 * - `error_event`: HTTP 200, then an error inside the stream (OpenAI `{"error": ...}`,
 *   Anthropic `event: error`, Responses `response.failed`, a Bedrock exception frame);
 * - `connection`: the transport failed (refused, reset, socket destroyed mid-stream);
 * - `truncated`: the body ended cleanly but before the protocol's end event;
 * - `protocol`: the provider sent something we cannot parse.
 */
export type FailurePoint = "setup" | "http_status" | "error_event" | "connection" | "truncated" | "protocol";

export interface ProviderStreamErrorDetails {
  point: FailurePoint;
  httpStatus?: number | null;
  /** The provider's error type or code (`overloaded_error`, `model_not_found`, `ThrottlingException`). */
  errorType?: string | null;
  retryAfterSeconds?: number | null;
  requestId?: string | null;
  /**
   * For an error inside a 200 stream: the HTTP status the provider documents for its error type
   * (Anthropic `api_error` is a 500, `overloaded_error` a 529). It informs classification only;
   * the stored `http_status` stays what the wire said.
   */
  statusEquivalent?: number | null;
  /**
   * Set only for failures we detect ourselves rather than read from provider text (a transport
   * failure is `network`, a missing key `auth`); provider errors are classified from their text.
   */
  kind?: ErrorKind;
  cause?: unknown;
}

/** The one error type adapters throw. Its message is provider text or ours; the core redacts it. */
export class ProviderStreamError extends Error {
  readonly point: FailurePoint;
  readonly httpStatus: number | null;
  readonly errorType: string | null;
  readonly retryAfterSeconds: number | null;
  readonly requestId: string | null;
  readonly statusEquivalent: number | null;
  readonly kind: ErrorKind | undefined;

  constructor(message: string, details: ProviderStreamErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "ProviderStreamError";
    this.point = details.point;
    this.httpStatus = details.httpStatus ?? null;
    this.errorType = details.errorType ?? null;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
    this.requestId = details.requestId ?? null;
    this.statusEquivalent = details.statusEquivalent ?? null;
    // Something we could not parse is described in our words ("invalid JSON in stream event"),
    // which say nothing of what failed: no reading of those words (the lexicon would take them
    // for an unusable answer) may decide its kind. It is left unknown for the LLM pass.
    this.kind = details.kind ?? (details.point === "protocol" ? "unknown" : undefined);
  }

  /** The same failure with another message (used to scrub secrets a provider echoed back). */
  withMessage(message: string): ProviderStreamError {
    return new ProviderStreamError(message, {
      point: this.point,
      httpStatus: this.httpStatus,
      errorType: this.errorType,
      retryAfterSeconds: this.retryAfterSeconds,
      requestId: this.requestId,
      statusEquivalent: this.statusEquivalent,
      kind: this.kind,
      cause: this.cause,
    });
  }
}

/**
 * Passes a stream through, replacing the literal secrets we sent (API keys) in any failure
 * message: a provider may echo a key back ("Incorrect API key provided: sk-..."), and a key of an
 * unusual shape would escape the pattern-based redaction the core applies afterwards.
 */
export async function* scrubSecrets<T>(
  source: AsyncIterable<T>,
  secrets: readonly (string | undefined)[],
): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    if (!(error instanceof ProviderStreamError)) throw error;
    let message = error.message;
    for (const secret of secrets)
      if (secret && secret.length >= 4) message = message.split(secret).join("[redacted]");
    throw message === error.message ? error : error.withMessage(message);
  }
}

/** Describes a transport failure with its cause chain (`terminated: other side closed`). */
export function transportMessage(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    parts.push(typeof code === "string" ? `${current.message} (${code})` : current.message);
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(": ") : String(error);
}

/** Reads a `retry-after` header given in seconds or as an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, nowMs = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - nowMs) / 1000));
}
