import { ProviderStreamError, scrubSecrets } from "./errors.js";
import type { ModelMetadata } from "./model-metadata.js";
import { isRecord, parseEventData, postSse, readErrorBody, type TimedSseMessage } from "./sse.js";
import type {
  FinishReason,
  RequestMode,
  StreamAdapter,
  StreamContext,
  StreamEvent,
  StreamRequest,
} from "./types.js";
import { count, joinUrl, requireKey } from "./util.js";

const API_VERSION = "2023-06-01";

/** Anthropic's documented HTTP status for each error type (an `event: error` has none of its own). */
const ERROR_STATUS: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * Anthropic Messages streaming. `message_start` carries the input tokens; `text_delta` and
 * `thinking_delta` carry text; `message_delta` carries the stop reason and the *cumulative*
 * output tokens (thinking included), so the last one wins; `message_stop` ends the stream;
 * `ping` is a keep-alive; `event: error` is a failure after HTTP 200 (e.g. `overloaded_error`).
 */
export class AnthropicAdapter implements StreamAdapter {
  readonly provider = "anthropic";

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string | undefined,
  ) {}

  requestMode(_metadata: ModelMetadata): RequestMode {
    return "anthropic_messages";
  }

  stream(request: StreamRequest, ctx: StreamContext): AsyncIterable<StreamEvent> {
    return scrubSecrets(this.run(request, ctx), [this.apiKey]);
  }

  private async *run(request: StreamRequest, ctx: StreamContext): AsyncGenerator<StreamEvent> {
    const headers = {
      "x-api-key": requireKey(this.apiKey, this.provider, "ANTHROPIC_API_KEY"),
      "anthropic-version": API_VERSION,
    };
    const messages = postSse(
      { url: joinUrl(this.baseUrl, "messages"), headers, body: anthropicBody(request) },
      ctx,
    );
    yield* anthropicEvents(messages);
  }
}

/**
 * Translates Anthropic's event stream, wherever it is served (Anthropic's API, Vertex AI's
 * `streamRawPredict`). Returns only after `message_stop`; every other ending throws.
 */
export async function* anthropicEvents(
  messages: AsyncIterable<TimedSseMessage>,
): AsyncGenerator<StreamEvent> {
  for await (const message of messages) {
    const event = parseEventData(message);
    const type = typeof event["type"] === "string" ? event["type"] : (message.event ?? "");
    switch (type) {
      case "message_start": {
        const msg = isRecord(event["message"]) ? event["message"] : {};
        const usage = isRecord(msg["usage"]) ? msg["usage"] : {};
        yield { type: "usage", inputTokens: count(usage["input_tokens"]) };
        break;
      }
      case "content_block_start": {
        const block = isRecord(event["content_block"]) ? event["content_block"] : {};
        // Redacted thinking is reasoning without text: recorded, but it starts no clock.
        if (block["type"] === "redacted_thinking") yield { type: "reasoning", at: message.at };
        break;
      }
      case "content_block_delta": {
        const delta = isRecord(event["delta"]) ? event["delta"] : {};
        if (delta["type"] === "text_delta" && typeof delta["text"] === "string" && delta["text"] !== "") {
          yield { type: "text", text: delta["text"], at: message.at };
        } else if (
          delta["type"] === "thinking_delta" &&
          typeof delta["thinking"] === "string" &&
          delta["thinking"] !== ""
        ) {
          yield { type: "reasoning", text: delta["thinking"], at: message.at };
        }
        break;
      }
      case "message_delta": {
        const delta = isRecord(event["delta"]) ? event["delta"] : {};
        const usage = isRecord(event["usage"]) ? event["usage"] : {};
        if (count(usage["output_tokens"]) !== undefined) {
          yield { type: "usage", outputTokens: count(usage["output_tokens"]) };
        }
        if (typeof delta["stop_reason"] === "string") {
          yield {
            type: "finish",
            reason: anthropicFinish(delta["stop_reason"]),
            raw: delta["stop_reason"],
          };
        }
        break;
      }
      case "message_stop":
        return;
      case "error": {
        const { message: text, errorType } = readErrorBody(message.data);
        throw new ProviderStreamError(`stream error${errorType ? ` (${errorType})` : ""}: ${text}`, {
          point: "error_event",
          errorType,
          statusEquivalent: errorType ? ERROR_STATUS[errorType] : null,
        });
      }
      default:
        break; // ping, content_block_stop and event types added later
    }
  }
  throw new ProviderStreamError("premature close: the stream ended before message_stop", {
    point: "truncated",
    kind: "network",
  });
}

/** The Messages request body; `model` is left out where the URL names the model (Vertex). */
export function anthropicBody(request: StreamRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {
    model: request.model,
    max_tokens: request.maxOutputTokens,
    messages: [{ role: "user", content: request.prompt }],
    stream: true,
  };
  const budget = request.reasoning?.budgetTokens;
  if (budget) {
    out["thinking"] = { type: "enabled", budget_tokens: budget };
  } else if (request.temperature !== null) {
    // The API rejects a temperature other than 1 while thinking is on, so it is sent only without.
    out["temperature"] = request.temperature;
  }
  return { ...out, ...request.metadata.extra_body };
}

function anthropicFinish(reason: string): FinishReason {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
      return "length";
    case "refusal":
      return "content_filter";
    case "tool_use":
      return "tool_use";
    default:
      return "other";
  }
}
