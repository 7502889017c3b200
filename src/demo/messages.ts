import type { ErrorKind } from "../taxonomy/kinds.js";
import {
  budgetExhausted,
  deadline,
  type Builder,
  type MessageContext,
  type ProviderError,
} from "./error-formats.js";
import { ANTHROPIC, BEDROCK, MISTRAL, OPENAI, VERTEX } from "./provider-messages-first-party.js";
import { CEREBRAS, DEEPINFRA, FIREWORKS, GROQ, OPENROUTER, TOGETHER } from "./provider-messages-hosts.js";
import type { DemoProvider } from "./providers.js";

export type { MessageContext, ProviderError } from "./error-formats.js";

/**
 * Error messages in the formats each provider really produces, as the earlier Python runner
 * stored them: the OpenAI Python SDK's `Error code: 404 - {python dict}` for OpenAI-compatible
 * hosts, Anthropic's JSON error event, botocore's `An error occurred (Code) when calling the
 * ConverseStream operation: ...` for Bedrock, google-api-core's `404 Publisher Model ...` for
 * Vertex and the mistralai SDK's `API error occurred: Status 400` form. Request ids, organisation
 * ids and rate-limit figures vary between occurrences, as they do in production, so the
 * normalizer has something to mask.
 */
const BY_PROVIDER: Record<DemoProvider, Partial<Record<ErrorKind, Builder>>> = {
  openai: OPENAI,
  anthropic: ANTHROPIC,
  bedrock: BEDROCK,
  groq: GROQ,
  together: TOGETHER,
  fireworks: FIREWORKS,
  deepinfra: DEEPINFRA,
  cerebras: CEREBRAS,
  vertex: VERTEX,
  openrouter: OPENROUTER,
  mistral: MISTRAL,
};

/** Kinds every provider shares because we produce them, not the provider. */
const OURS: Partial<Record<ErrorKind, Builder>> = {
  output_invalid: budgetExhausted,
  timeout: deadline,
};

/**
 * The message a provider returns for an error of `kind` on `model`. Falls back to the OpenAI
 * format, which most hosts copy, when a provider has no format of its own for that kind.
 */
export function providerError(provider: DemoProvider, kind: ErrorKind, ctx: MessageContext): ProviderError {
  if (kind === "output_invalid") return budgetExhausted(ctx);
  // Timeouts: half are the SDK's own, half our benchmark deadline, as in the earlier runner's data.
  if (kind === "timeout" && ctx.rng.chance(0.4)) return deadline(ctx);
  const build = BY_PROVIDER[provider][kind] ?? OURS[kind] ?? OPENAI[kind];
  if (!build) throw new Error(`no ${kind} message for ${provider}`);
  return build(ctx);
}

/** The transient failures a healthy model of each provider sees now and then. */
export const NOISE_KINDS: Record<DemoProvider, readonly ErrorKind[]> = {
  openai: ["server_error", "server_error", "network"],
  anthropic: ["overloaded", "overloaded", "server_error"],
  bedrock: ["server_error", "rate_limit"],
  groq: ["overloaded", "server_error"],
  together: ["overloaded", "server_error"],
  fireworks: ["server_error"],
  deepinfra: ["server_error", "overloaded"],
  cerebras: ["overloaded", "server_error"],
  vertex: ["rate_limit", "server_error"],
  openrouter: ["server_error", "server_error", "timeout"],
  mistral: ["server_error"],
};
