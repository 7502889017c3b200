import { createParser, type EventSourceMessage } from "eventsource-parser";
import { parseRetryAfter, ProviderStreamError, transportMessage } from "./errors.js";
import { arrivalRequest, type ArrivalResponse } from "./arrival.js";
import { clockBridge } from "./clock-bridge.js";
import type { StreamContext } from "./types.js";

/** One server-sent event with the monotonic time its bytes were read off the socket. */
export interface TimedSseMessage {
  event: string | undefined;
  data: string;
  at: number;
}

export interface SseRequest {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-generation-id", "x-amzn-requestid"];

/**
 * POSTs a JSON body and yields the response's server-sent events. Each event carries the time
 * its bytes were read off the socket, taken by the arrival worker (arrival.ts) before any
 * decoding or parsing, so neither parse cost nor a busy event loop inflates a measurement; every
 * event parsed from one chunk shares that chunk's time; the worker's dispatch time goes to
 * `ctx.sent`, where the run's clock starts. SSE comments (keep-alives such as
 * `: OPENROUTER PROCESSING`) are consumed by the parser and never surface.
 *
 * There is no retry anywhere on this path: a retried request would hide a failure and inflate
 * the time to first token.
 */
export async function* postSse(request: SseRequest, ctx: StreamContext): AsyncGenerator<TimedSseMessage> {
  const toCtx = clockBridge(ctx.now);
  const response = await send(request, ctx);
  ctx.sent?.(toCtx(response.sentAt));
  if (!ok(response)) throw await httpError(response, ctx);
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.includes("text/event-stream")) throw await unexpectedBody(response, contentType);

  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => pending.push(message) });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body) {
      const at = toCtx(chunk.at);
      parser.feed(decoder.decode(chunk.bytes, { stream: true }));
      if (pending.length === 0) continue;
      const batch = pending.splice(0, pending.length);
      for (const message of batch) yield { event: message.event, data: message.data, at };
    }
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new ProviderStreamError(`stream interrupted: ${transportMessage(error)}`, {
      point: "connection",
      kind: "network",
      cause: error,
    });
  }
}

const ok = (response: ArrivalResponse): boolean => response.status >= 200 && response.status < 300;

async function send(request: SseRequest, ctx: StreamContext): Promise<ArrivalResponse> {
  try {
    return await arrivalRequest(
      {
        url: request.url,
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream", ...request.headers },
        body: JSON.stringify(request.body),
      },
      ctx.signal,
    );
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new ProviderStreamError(`request failed: ${transportMessage(error)}`, {
      point: "connection",
      kind: "network",
      cause: error,
    });
  }
}

/** Turns a non-2xx answer into an error carrying the status, the provider's type and message. */
async function httpError(response: ArrivalResponse, ctx: StreamContext): Promise<ProviderStreamError> {
  let text = "";
  try {
    text = await response.text();
  } catch (error) {
    if (ctx.signal.aborted) throw error;
  }
  const { message, errorType } = readErrorBody(text);
  const typePart = errorType ? ` (${errorType})` : "";
  return new ProviderStreamError(`HTTP ${response.status}${typePart}: ${message || response.statusText}`, {
    point: "http_status",
    httpStatus: response.status,
    errorType,
    retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
    requestId: requestId(response.headers),
  });
}

/** A 200 that is not an event stream: some hosts answer errors as JSON with a success status. */
async function unexpectedBody(response: ArrivalResponse, contentType: string): Promise<ProviderStreamError> {
  const text = await response.text().catch(() => "");
  const { message, errorType } = readErrorBody(text);
  if (errorType || message) {
    return new ProviderStreamError(`${errorType ? `${errorType}: ` : ""}${message}`, {
      point: "error_event",
      errorType,
      requestId: requestId(response.headers),
    });
  }
  return new ProviderStreamError(`expected an event stream, got ${contentType || "no content type"}`, {
    point: "protocol",
  });
}

export function requestId(headers: Headers): string | null {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return null;
}

/**
 * Reads the error shapes the providers use: `{error: {message, type, code}}` (OpenAI and the
 * compatible hosts, OpenRouter with a numeric code), `{type: "error", error: {type, message}}`
 * (Anthropic), `{error: {code, message, status}}` (Google), `{message, type|code}` and `{detail}`
 * (Mistral and others). Falls back to the raw text, so nothing the provider said is lost.
 */
export function readErrorBody(text: string): { message: string; errorType: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { message: text.trim(), errorType: null };
  }
  // Google answers some errors as a one-element array (`[{"error": {...}}]`).
  if (Array.isArray(parsed) && parsed.length === 1) parsed = parsed[0];
  if (!isRecord(parsed)) return { message: text.trim(), errorType: null };
  const inner = isRecord(parsed["error"]) ? parsed["error"] : parsed;
  const message = firstString(inner["message"], parsed["message"], parsed["detail"], parsed["error"]) ?? text;
  // `type: "error"` only says that this is an error (Anthropic's envelope, a Responses `error` event).
  const typeOf = (r: Record<string, unknown>): unknown => (r["type"] === "error" ? null : r["type"]);
  // A numeric code is a status (OpenRouter's `code: 402`), not a type; the caller reads it as one.
  // Google's `status` (`RESOURCE_EXHAUSTED`) comes last: its numeric `code` is the HTTP status.
  const googleStatus =
    typeof inner["status"] === "string" && /^[A-Z][A-Z_]+$/.test(inner["status"]) ? inner["status"] : null;
  const errorType = firstText(typeOf(inner), inner["code"], typeOf(parsed), parsed["code"], googleStatus);
  return { message: message.trim(), errorType };
}

/** The numeric status an in-stream error carries, when it carries one (OpenRouter: `code: 502`). */
export function statusFromCode(code: unknown): number | null {
  return typeof code === "number" && Number.isInteger(code) && code >= 400 && code <= 599 ? code : null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function firstText(...values: unknown[]): string | null {
  for (const value of values) if (typeof value === "string" && value.trim() !== "") return value;
  return null;
}

function firstString(...values: unknown[]): string | null {
  for (const value of values) {
    if (typeof value === "string" && value.trim() !== "") return value;
    if (typeof value === "number") return String(value);
  }
  return null;
}

/** Parses one event's JSON data; a malformed event is a protocol failure, never a crash. */
export function parseEventData(message: TimedSseMessage): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.data);
  } catch {
    throw new ProviderStreamError(`invalid JSON in stream event: ${message.data.slice(0, 200)}`, {
      point: "protocol",
    });
  }
  if (!isRecord(parsed)) {
    throw new ProviderStreamError(`unexpected stream event: ${message.data.slice(0, 200)}`, {
      point: "protocol",
    });
  }
  return parsed;
}
