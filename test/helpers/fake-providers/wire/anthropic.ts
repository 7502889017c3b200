import type { FailureType } from "../scenarios.js";
import { sse, type Frame, type HttpErrorResponse, type Usage, type Wire, type WireEncoder } from "./types.js";

/**
 * Anthropic Messages streaming: `message_start` (input usage), a content block per kind
 * (`thinking` then `text`) with `content_block_start`/`_delta`/`_stop`, `message_delta` with the
 * stop reason and cumulative output tokens, `message_stop`; `ping` keep-alives; `event: error`.
 */
export const anthropicWire: Wire = {
  contentType: "text/event-stream; charset=utf-8",
  encoder: (model) => new AnthropicEncoder(model),
  httpError: anthropicHttpError,
};

const ERRORS: Record<FailureType, { status: number; type: string; message: string }> = {
  not_found: { status: 404, type: "not_found_error", message: "model: MODEL" },
  auth: { status: 401, type: "authentication_error", message: "invalid x-api-key" },
  billing: {
    status: 400,
    type: "invalid_request_error",
    message:
      "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
  },
  rate_limit: {
    status: 429,
    type: "rate_limit_error",
    message: "This request would exceed the rate limit for your organization of 50 requests per minute.",
  },
  server_error: { status: 500, type: "api_error", message: "Internal server error" },
  unavailable: { status: 503, type: "api_error", message: "Service unavailable" },
  overloaded: { status: 529, type: "overloaded_error", message: "Overloaded" },
};

function anthropicHttpError(failure: FailureType, ctx: { model: string }): HttpErrorResponse {
  const e = ERRORS[failure];
  return {
    status: e.status,
    headers: {
      "content-type": "application/json",
      "request-id": "req_fake_anthropic",
      ...(failure === "rate_limit" ? { "retry-after": "12" } : {}),
    },
    body: JSON.stringify({
      type: "error",
      error: { type: e.type, message: e.message.replace("MODEL", ctx.model) },
    }),
  };
}

class AnthropicEncoder implements WireEncoder {
  private block: { index: number; kind: "answer" | "reasoning" } | null = null;
  private nextIndex = 0;

  constructor(private readonly model: string) {}

  start(): Frame[] {
    return [
      sse(
        {
          type: "message_start",
          message: {
            id: "msg_fake",
            type: "message",
            role: "assistant",
            model: this.model,
            content: [],
            stop_reason: null,
            usage: { input_tokens: 25, output_tokens: 1 },
          },
        },
        "message_start",
      ),
    ];
  }
  keepalive(): Frame[] {
    return [sse({ type: "ping" }, "ping")];
  }
  empty(): Frame[] {
    return [...this.open("answer"), this.delta({ type: "text_delta", text: "" })];
  }
  text(kind: "answer" | "reasoning", text: string): Frame[] {
    const delta =
      kind === "answer" ? { type: "text_delta", text } : { type: "thinking_delta", thinking: text };
    return [...this.open(kind), this.delta(delta)];
  }
  end(finish: "stop" | "length", usage: Usage | null): Frame[] {
    return [
      ...this.close(),
      sse(
        {
          type: "message_delta",
          delta: { stop_reason: finish === "length" ? "max_tokens" : "end_turn", stop_sequence: null },
          ...(usage ? { usage: { output_tokens: usage.output } } : {}),
        },
        "message_delta",
      ),
      sse({ type: "message_stop" }, "message_stop"),
    ];
  }
  streamError(failure: FailureType): Frame[] {
    const e = ERRORS[failure];
    return [sse({ type: "error", error: { type: e.type, message: e.message } }, "error")];
  }
  badJson(): Frame[] {
    return ["event: content_block_delta\ndata: {oops\n\n"];
  }

  private delta(delta: Record<string, unknown>): string {
    return sse({ type: "content_block_delta", index: this.block?.index ?? 0, delta }, "content_block_delta");
  }

  private open(kind: "answer" | "reasoning"): Frame[] {
    if (this.block?.kind === kind) return [];
    const frames = this.close();
    this.block = { index: this.nextIndex++, kind };
    const contentBlock = kind === "answer" ? { type: "text", text: "" } : { type: "thinking", thinking: "" };
    frames.push(
      sse(
        { type: "content_block_start", index: this.block.index, content_block: contentBlock },
        "content_block_start",
      ),
    );
    return frames;
  }

  private close(): Frame[] {
    if (!this.block) return [];
    const frames: Frame[] = [];
    if (this.block.kind === "reasoning") {
      frames.push(
        sse(
          {
            type: "content_block_delta",
            index: this.block.index,
            delta: { type: "signature_delta", signature: "c2lnbmF0dXJl" },
          },
          "content_block_delta",
        ),
      );
    }
    frames.push(sse({ type: "content_block_stop", index: this.block.index }, "content_block_stop"));
    this.block = null;
    return frames;
  }
}
