import { ProviderStreamError, scrubSecrets } from "./errors.js";
import type { ModelMetadata } from "./model-metadata.js";
import {
  isRecord,
  parseEventData,
  postSse,
  readErrorBody,
  statusFromCode,
  type TimedSseMessage,
} from "./sse.js";
import { ThinkTagSplitter } from "./think-tags.js";
import type {
  FinishReason,
  RequestMode,
  StreamAdapter,
  StreamContext,
  StreamEvent,
  StreamRequest,
} from "./types.js";
import { bearerKey, count, joinUrl } from "./util.js";

/** How one OpenAI-compatible host differs from OpenAI's own Chat Completions. */
export interface ChatHostOptions {
  provider: string;
  baseUrl: string;
  apiKey: string | undefined;
  /** The setting that holds the key, named in the error when it is missing. */
  apiKeyEnv: string;
  /** Default name of the output-budget parameter; a model's metadata may override it. */
  maxTokensParam: "max_tokens" | "max_completion_tokens";
  /** Send `stream_options: {include_usage: true}` (not every host accepts it). */
  streamOptions: boolean;
  /** How the host takes a reasoning effort. */
  reasoningStyle: "reasoning_effort" | "openrouter";
  /** The path under `baseUrl` (default `chat/completions`; Vertex's Mistral route names the model here). */
  path?: string;
}

/**
 * Chat Completions streaming, for OpenAI and the OpenAI-compatible hosts. Reads answer text from
 * `delta.content` (splitting a leading `<think>` block off as reasoning), reasoning from
 * `delta.reasoning` (OpenRouter, newer vLLM) or `delta.reasoning_content` (DeepSeek-style hosts),
 * usage from the final chunk's `usage` or Groq's `x_groq.usage`, and mid-stream errors from a
 * chunk's `error` field.
 */
export class ChatCompletionsAdapter implements StreamAdapter {
  readonly provider: string;

  constructor(private readonly host: ChatHostOptions) {
    this.provider = host.provider;
  }

  requestMode(_metadata: ModelMetadata): RequestMode {
    return "chat_completions";
  }

  stream(request: StreamRequest, ctx: StreamContext): AsyncIterable<StreamEvent> {
    return scrubSecrets(this.run(request, ctx), [this.host.apiKey]);
  }

  private async *run(request: StreamRequest, ctx: StreamContext): AsyncGenerator<StreamEvent> {
    const key = bearerKey(this.host.apiKey, this.provider, this.host.apiKeyEnv);
    const messages = postSse(
      {
        url: joinUrl(this.host.baseUrl, this.host.path ?? "chat/completions"),
        headers: key,
        body: this.body(request),
      },
      ctx,
    );
    const splitter = new ThinkTagSplitter();
    let lastAt = 0;
    let finished = false;
    for await (const message of messages) {
      lastAt = message.at;
      if (message.data.trim() === "[DONE]") {
        yield* splitEvents(splitter.flush(), lastAt);
        return;
      }
      for (const event of translateChunk(message, splitter)) {
        if (event.type === "finish") finished = true;
        yield event;
      }
    }
    // A clean close after the finish chunk has lost only the sentinel; before it, the answer.
    if (!finished) {
      throw new ProviderStreamError("premature close: the stream ended before [DONE]", {
        point: "truncated",
        kind: "network",
      });
    }
    yield* splitEvents(splitter.flush(), lastAt);
  }

  private body(request: StreamRequest): Record<string, unknown> {
    const body: Record<string, unknown> = {
      model: request.model,
      messages: [{ role: "user", content: request.prompt }],
      stream: true,
      [request.metadata.max_tokens_param ?? this.host.maxTokensParam]: request.maxOutputTokens,
    };
    if (this.host.streamOptions) body["stream_options"] = { include_usage: true };
    if (request.temperature !== null) body["temperature"] = request.temperature;
    const effort = request.reasoning?.effort;
    if (effort) {
      if (this.host.reasoningStyle === "openrouter") body["reasoning"] = { effort };
      else body["reasoning_effort"] = effort;
    }
    return { ...body, ...request.metadata.extra_body };
  }
}

function translateChunk(message: TimedSseMessage, splitter: ThinkTagSplitter): StreamEvent[] {
  const chunk = parseEventData(message);
  if (chunk["error"] !== undefined) throw chunkError(chunk["error"], message.data);
  const events: StreamEvent[] = [];
  const choices = Array.isArray(chunk["choices"]) ? (chunk["choices"] as unknown[]) : [];
  const choice = choices[0];
  if (isRecord(choice)) {
    const delta = isRecord(choice["delta"]) ? choice["delta"] : {};
    const reasoning = firstText(delta["reasoning"], delta["reasoning_content"]);
    if (reasoning) events.push({ type: "reasoning", text: reasoning, at: message.at });
    if (typeof delta["content"] === "string" && delta["content"] !== "") {
      events.push(...splitEvents(splitter.push(delta["content"]), message.at));
    }
    if (typeof choice["finish_reason"] === "string") {
      events.push({
        type: "finish",
        reason: chatFinish(choice["finish_reason"]),
        raw: choice["finish_reason"],
      });
    }
  }
  const xGroq = isRecord(chunk["x_groq"]) ? chunk["x_groq"] : {};
  for (const usage of [xGroq["usage"], chunk["usage"]]) {
    if (isRecord(usage)) events.push(usageEvent(usage));
  }
  return events;
}

function* splitEvents(parts: { reasoning: string; answer: string }, at: number): Generator<StreamEvent> {
  if (parts.reasoning !== "") yield { type: "reasoning", text: parts.reasoning, at };
  if (parts.answer !== "") yield { type: "text", text: parts.answer, at };
}

function usageEvent(usage: Record<string, unknown>): StreamEvent {
  const details = isRecord(usage["completion_tokens_details"]) ? usage["completion_tokens_details"] : {};
  return {
    type: "usage",
    outputTokens: count(usage["completion_tokens"]),
    reasoningTokens: count(details["reasoning_tokens"]),
    inputTokens: count(usage["prompt_tokens"]),
  };
}

function chunkError(error: unknown, raw: string): ProviderStreamError {
  const fields = isRecord(error) ? error : {};
  const { message, errorType } = readErrorBody(JSON.stringify({ error }));
  return new ProviderStreamError(`stream error${errorType ? ` (${errorType})` : ""}: ${message || raw}`, {
    point: "error_event",
    httpStatus: statusFromCode(fields["code"]) ?? statusFromCode(fields["status"]),
    errorType,
  });
}

export function chatFinish(reason: string): FinishReason {
  switch (reason) {
    case "stop":
    case "eos":
    case "end_turn":
      return "stop";
    case "length":
    case "max_tokens":
      return "length";
    case "content_filter":
      return "content_filter";
    case "tool_calls":
    case "function_call":
      return "tool_use";
    default:
      return "other";
  }
}

function firstText(...values: unknown[]): string | null {
  for (const value of values) if (typeof value === "string" && value !== "") return value;
  return null;
}
