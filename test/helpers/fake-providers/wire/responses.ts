import type { FailureType } from "../scenarios.js";
import { openAiHttpError } from "./openai-errors.js";
import { sse, type Frame, type Usage, type Wire, type WireEncoder } from "./types.js";

/**
 * The Responses API stream: `response.created` and `response.in_progress` first (no text),
 * `response.reasoning_summary_text.delta` and `response.output_text.delta` with a growing
 * `sequence_number`, then `response.completed` (or `response.incomplete` with
 * `max_output_tokens` when the budget ran out) carrying usage; failures as `response.failed`.
 */
export const responsesWire: Wire = {
  contentType: "text/event-stream",
  encoder: (model) => new ResponsesEncoder(model),
  httpError: openAiHttpError,
};

class ResponsesEncoder implements WireEncoder {
  private seq = 0;

  constructor(private readonly model: string) {}

  private event(type: string, fields: Record<string, unknown>): string {
    return sse({ type, sequence_number: this.seq++, ...fields }, type);
  }

  private response(status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { id: "resp_fake", object: "response", model: this.model, status, output: [], ...extra };
  }

  start(): Frame[] {
    return [
      this.event("response.created", { response: this.response("in_progress") }),
      this.event("response.in_progress", { response: this.response("in_progress") }),
    ];
  }
  keepalive(): Frame[] {
    return [": keep-alive\n\n"];
  }
  empty(): Frame[] {
    return [
      this.event("response.output_text.delta", {
        item_id: "msg_fake",
        output_index: 1,
        content_index: 0,
        delta: "",
      }),
    ];
  }
  text(kind: "answer" | "reasoning", text: string): Frame[] {
    return kind === "answer"
      ? [
          this.event("response.output_text.delta", {
            item_id: "msg_fake",
            output_index: 1,
            content_index: 0,
            delta: text,
            logprobs: [],
          }),
        ]
      : [
          this.event("response.reasoning_summary_text.delta", {
            item_id: "rs_fake",
            output_index: 0,
            summary_index: 0,
            delta: text,
          }),
        ];
  }
  end(finish: "stop" | "length", usage: Usage | null): Frame[] {
    const usageJson = usage && {
      input_tokens: usage.input,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: usage.output,
      output_tokens_details: { reasoning_tokens: usage.reasoning },
      total_tokens: usage.input + usage.output,
    };
    return finish === "length"
      ? [
          this.event("response.incomplete", {
            response: this.response("incomplete", {
              incomplete_details: { reason: "max_output_tokens" },
              usage: usageJson,
            }),
          }),
        ]
      : [this.event("response.completed", { response: this.response("completed", { usage: usageJson }) })];
  }
  streamError(failure: FailureType): Frame[] {
    const error =
      failure === "rate_limit"
        ? { code: "rate_limit_exceeded", message: "Rate limit reached. Please try again in 7s." }
        : failure === "overloaded"
          ? {
              code: "server_error",
              message: "The model is currently overloaded with other requests. Please try again later.",
            }
          : { code: "server_error", message: "The server had an error while processing your request." };
    return [this.event("response.failed", { response: this.response("failed", { error }) })];
  }
  badJson(): Frame[] {
    return ["event: response.output_text.delta\ndata: {not json\n\n"];
  }
}
