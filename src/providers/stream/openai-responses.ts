import { ProviderStreamError, scrubSecrets } from "./errors.js";
import type { ModelMetadata } from "./model-metadata.js";
import { isRecord, parseEventData, postSse, readErrorBody } from "./sse.js";
import type {
  FinishReason,
  RequestMode,
  StreamAdapter,
  StreamContext,
  StreamEvent,
  StreamRequest,
} from "./types.js";
import { bearerKey, count, joinUrl } from "./util.js";

const TEXT_DELTA = "response.output_text.delta";
/** Status equivalents of the error codes a Responses stream reports in `response.failed`. */
const ERROR_STATUS: Record<string, number> = { server_error: 500, rate_limit_exceeded: 429 };

const REASONING_DELTAS = new Set(["response.reasoning_summary_text.delta", "response.reasoning_text.delta"]);

/**
 * The OpenAI Responses API, for models that only it serves (reasoning models). Lifecycle events
 * (`response.created`, `response.in_progress`, `output_item.added`, ...) carry no text and are
 * skipped; text comes from `response.output_text.delta`, visible reasoning from the summary and
 * reasoning-text deltas, usage (with `output_tokens_details.reasoning_tokens`) from the terminal
 * `response.completed` or `response.incomplete`, which is also the end of the stream.
 */
export class ResponsesAdapter implements StreamAdapter {
  constructor(
    readonly provider: string,
    private readonly baseUrl: string,
    private readonly apiKey: string | undefined,
    private readonly apiKeyEnv: string,
  ) {}

  requestMode(_metadata: ModelMetadata): RequestMode {
    return "responses";
  }

  stream(request: StreamRequest, ctx: StreamContext): AsyncIterable<StreamEvent> {
    return scrubSecrets(this.run(request, ctx), [this.apiKey]);
  }

  private async *run(request: StreamRequest, ctx: StreamContext): AsyncGenerator<StreamEvent> {
    const headers = bearerKey(this.apiKey, this.provider, this.apiKeyEnv);
    const messages = postSse({ url: joinUrl(this.baseUrl, "responses"), headers, body: body(request) }, ctx);
    for await (const message of messages) {
      const event = parseEventData(message);
      const type = typeof event["type"] === "string" ? event["type"] : (message.event ?? "");
      if (type === TEXT_DELTA || REASONING_DELTAS.has(type)) {
        const delta = event["delta"];
        if (typeof delta !== "string" || delta === "") continue;
        yield type === TEXT_DELTA
          ? { type: "text", text: delta, at: message.at }
          : { type: "reasoning", text: delta, at: message.at };
      } else if (type === "response.completed" || type === "response.incomplete") {
        yield* terminalEvents(event["response"]);
        return;
      } else if (type === "response.failed") {
        const response = isRecord(event["response"]) ? event["response"] : {};
        throw streamError(response["error"], message.data);
      } else if (type === "error") {
        throw streamError(event, message.data);
      }
    }
    throw new ProviderStreamError("premature close: the stream ended before response.completed", {
      point: "truncated",
      kind: "network",
    });
  }
}

function body(request: StreamRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {
    model: request.model,
    input: request.prompt,
    stream: true,
    store: false,
    max_output_tokens: request.maxOutputTokens,
  };
  if (request.temperature !== null) out["temperature"] = request.temperature;
  // A summary is the only reasoning text these models show; asking for it lets the time to
  // first token see the start of reasoning instead of the end.
  if (request.reasoning?.effort) out["reasoning"] = { effort: request.reasoning.effort, summary: "auto" };
  return { ...out, ...request.metadata.extra_body };
}

function* terminalEvents(response: unknown): Generator<StreamEvent> {
  const r = isRecord(response) ? response : {};
  const usage = isRecord(r["usage"]) ? r["usage"] : null;
  if (usage) {
    const details = isRecord(usage["output_tokens_details"]) ? usage["output_tokens_details"] : {};
    yield {
      type: "usage",
      outputTokens: count(usage["output_tokens"]),
      reasoningTokens: count(details["reasoning_tokens"]),
      inputTokens: count(usage["input_tokens"]),
    };
  }
  const incomplete = isRecord(r["incomplete_details"]) ? r["incomplete_details"] : null;
  const raw =
    typeof incomplete?.["reason"] === "string"
      ? incomplete["reason"]
      : typeof r["status"] === "string"
        ? r["status"]
        : "completed";
  yield { type: "finish", reason: responsesFinish(r["status"], raw), raw };
}

function responsesFinish(status: unknown, reason: string): FinishReason {
  if (status !== "incomplete") return "stop";
  if (reason === "max_output_tokens") return "length";
  if (reason === "content_filter") return "content_filter";
  return "other";
}

function streamError(error: unknown, raw: string): ProviderStreamError {
  const { message, errorType } = readErrorBody(JSON.stringify({ error }));
  return new ProviderStreamError(`stream error${errorType ? ` (${errorType})` : ""}: ${message || raw}`, {
    point: "error_event",
    errorType,
    statusEquivalent: errorType ? ERROR_STATUS[errorType] : null,
  });
}
