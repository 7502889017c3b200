import type { Rng } from "./random.js";

/**
 * The shapes provider errors take once a Python SDK has printed them, and the failures we produce
 * ourselves (deadline, connection, validator). The per-provider messages are in
 * provider-messages-*.ts.
 */
export interface ProviderError {
  message: string;
  httpStatus: number | null;
  excType: string;
  stage: "generate" | "validate";
  /** The JSON body the provider answered with, when the message is an SDK's rendering of one. */
  body?: unknown;
}

export interface MessageContext {
  model: string;
  rng: Rng;
  /**
   * The provider no longer knows the id at all (a renamed model), as opposed to knowing it and
   * having nobody serve it: hosts that tell the two apart answer with their unknown-id wording.
   */
  unknownId?: boolean;
}

export type Builder = (ctx: MessageContext) => ProviderError;

export const HEX = "0123456789abcdef";
export const LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Python's repr() of a JSON-like value: what `str(APIStatusError)` prints for the body. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    // repr() prefers single quotes and switches to double quotes when the text has a single quote.
    if (value.includes("'") && !value.includes('"')) return `"${value.replaceAll("\\", "\\\\")}"`;
    return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  }
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(", ")}}`;
  }
  return pyRepr(JSON.stringify(value));
}

/** The OpenAI Python SDK's rendering of an HTTP error: `Error code: 404 - {...}`. */
export function sdkError(status: number, body: unknown, excType: string): ProviderError {
  return {
    message: `Error code: ${status} - ${pyRepr(body)}`,
    httpStatus: status,
    excType,
    stage: "generate",
    body,
  };
}

export function openaiStyle(message: string, type: string, code: string | null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

export function botocore(code: string, status: number, text: string, retries = false): ProviderError {
  const op = retries ? "ConverseStream operation (reached max retries: 0)" : "ConverseStream operation";
  return {
    message: `An error occurred (${code}) when calling the ${op}: ${text}`,
    httpStatus: status,
    excType: code,
    stage: "generate",
  };
}

export function mistralSdk(status: number, body: Record<string, unknown>): ProviderError {
  return {
    message: `API error occurred: Status ${status}\n${JSON.stringify(body)}`,
    httpStatus: status,
    excType: "SDKError",
    stage: "generate",
    body,
  };
}

export const timedOut = (): ProviderError => ({
  message: "Request timed out.",
  httpStatus: null,
  excType: "APITimeoutError",
  stage: "generate",
});

/** Our own deadline, which fires when a stream stalls after its first token. */
export const deadline = ({ rng }: MessageContext): ProviderError => ({
  message: `benchmark deadline exceeded: no completion within 120 s (first token after ${rng.between(20, 90).toFixed(1)} s)`,
  httpStatus: null,
  excType: "TimeoutError",
  stage: "generate",
});

export const connectionError = (): ProviderError => ({
  message: "Connection error.",
  httpStatus: null,
  excType: "APIConnectionError",
  stage: "generate",
});

/** Our validator's verdict on a reasoning model that spent the whole budget thinking. */
export const budgetExhausted = ({ rng }: MessageContext): ProviderError => ({
  message: rng.chance(0.8)
    ? `token budget exhausted by reasoning: ${rng.int(60, 64)} of 64 output tokens were reasoning and no visible text was returned (finish_reason=length)`
    : "empty visible text: the model returned 0 visible tokens (64 reasoning tokens, finish_reason=length)",
  httpStatus: null,
  excType: "OutputValidationError",
  stage: "validate",
});

export const openaiRequestId = (rng: Rng): string => `req_${rng.token(32, HEX)}`;
export const anthropicRequestId = (rng: Rng): string => `req_011C${rng.token(20)}`;
export const togetherId = (rng: Rng): string =>
  `${rng.token(16, HEX)}-${rng.pick(["SJC", "IAD", "ORD", "SEA", "DFW"])}`;
export const openrouterUser = (rng: Rng): string => `user_${rng.token(27)}`;
export const upstream = (rng: Rng): string =>
  rng.pick(["Chutes", "DeepInfra", "Together", "Novita", "Parasail"]);
