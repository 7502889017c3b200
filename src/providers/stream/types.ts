import type { ModelMetadata } from "./model-metadata.js";

/**
 * The normalized event stream every streaming adapter yields. Adapters only translate: they stamp
 * each generated-text event with the monotonic time its bytes arrived (`ctx.now()`, taken before
 * parsing) and leave every metric to the measurement core, so that all providers are measured by
 * one piece of code.
 */
export type StreamEvent =
  /** Visible answer text; never empty. */
  | { type: "text"; text: string; at: number }
  /**
   * Reasoning made visible by the provider (full or summarized thinking). `text` is absent for
   * reasoning activity without text (e.g. a redacted or encrypted block); such events never stop
   * the time-to-first-token clock.
   */
  | { type: "reasoning"; text?: string; at: number }
  /** Provider-reported usage. Later events replace earlier ones field by field (usage is cumulative). */
  | { type: "usage"; outputTokens?: number; reasoningTokens?: number; inputTokens?: number }
  /** Why generation stopped, normalized, with the provider's own wording kept in `raw`. */
  | { type: "finish"; reason: FinishReason; raw?: string };

/** `length` means the output budget ran out (max_tokens, max_output_tokens, ...). */
export type FinishReason = "stop" | "length" | "content_filter" | "tool_use" | "other";

/** The wire format of a request, recorded on every metric as `request_mode`. */
export type RequestMode =
  | "chat_completions"
  | "responses"
  | "anthropic_messages"
  | "bedrock_converse_stream"
  | "gemini_generate_content";

export interface ReasoningRequest {
  effort?: "minimal" | "low" | "medium" | "high";
  /** A thinking budget, for APIs that take one (Anthropic, Bedrock-hosted Claude). */
  budgetTokens?: number;
}

/** One benchmark request, already resolved against the profile and the model's metadata. */
export interface StreamRequest {
  /** The model id as the catalog knows it (adapters may substitute e.g. an inference profile id). */
  model: string;
  prompt: string;
  maxOutputTokens: number;
  /** null: do not send a temperature (the model rejects it, or the profile leaves it to the provider). */
  temperature: number | null;
  /** null: send no reasoning settings. */
  reasoning: ReasoningRequest | null;
  metadata: ModelMetadata;
}

export interface StreamContext {
  /** Aborted at the run's deadline or by the caller; adapters pass it to the transport. */
  signal: AbortSignal;
  /** The core's monotonic clock, in milliseconds. */
  now: () => number;
  /**
   * The adapter reports when its request left: the transport's dispatch stamp, on `now`'s clock.
   * The run's clock starts there, so what this thread did before the send (serialising, SigV4
   * signing, the SDK's middleware, turns of a busy event loop) is not counted as the provider's
   * time to first token. Called at most once, before the first event.
   */
  sent?: (at: number) => void;
}

/**
 * A streaming adapter for one provider. `stream` returns normally only after the protocol's end
 * event (`[DONE]`, `message_stop`, `response.completed`, `messageStop`); every other ending
 * throws a `ProviderStreamError`.
 */
export interface StreamAdapter {
  readonly provider: string;
  /** `model` is the catalog id: one provider may serve models over several wire formats (Vertex). */
  requestMode(metadata: ModelMetadata, model?: string): RequestMode;
  /**
   * Work the adapter must finish before it can send, which is no part of the provider's latency
   * (fetching an OAuth token): the core awaits it before its clock starts.
   */
  prepare?(signal: AbortSignal): Promise<void>;
  stream(request: StreamRequest, ctx: StreamContext): AsyncIterable<StreamEvent>;
}
