import type { FailureType } from "../scenarios.js";
import { openAiHttpError, openAiStreamError } from "./openai-errors.js";
import { sse, type Frame, type Usage, type Wire, type WireEncoder } from "./types.js";

/**
 * Chat Completions streaming as OpenAI and the compatible hosts send it: a role-only first chunk
 * with empty content, content chunks, a finish chunk with an empty delta, the usage chunk with
 * `choices: []` (or Groq's `x_groq.usage` on the finish chunk), `[DONE]`. Reasoning goes in
 * `delta.reasoning` (OpenRouter); keep-alives are OpenRouter's `: OPENROUTER PROCESSING`.
 */
export const chatWire: Wire = {
  contentType: "text/event-stream",
  encoder: (model) => new ChatEncoder(model),
  httpError: openAiHttpError,
};

class ChatEncoder implements WireEncoder {
  constructor(private readonly model: string) {}

  private chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
    return sse({
      id: "chatcmpl-fake",
      object: "chat.completion.chunk",
      created: 1767225600,
      model: this.model,
      system_fingerprint: "fp_fake",
      choices: [{ index: 0, delta, logprobs: null, finish_reason: null }],
      usage: null,
      ...extra,
    });
  }

  start(): Frame[] {
    return [this.chunk({ role: "assistant", content: "" })];
  }
  keepalive(): Frame[] {
    return [": OPENROUTER PROCESSING\n\n"];
  }
  empty(): Frame[] {
    return [this.chunk({ content: "" })];
  }
  text(kind: "answer" | "reasoning", text: string): Frame[] {
    return [this.chunk(kind === "answer" ? { content: text } : { reasoning: text, content: "" })];
  }
  end(finish: "stop" | "length", usage: Usage | null, style: "end" | "x_groq"): Frame[] {
    const usageJson = usage && {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
      completion_tokens_details: { reasoning_tokens: usage.reasoning },
    };
    const finishChunk = sse({
      id: "chatcmpl-fake",
      object: "chat.completion.chunk",
      created: 1767225600,
      model: this.model,
      choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finish }],
      ...(style === "x_groq" && usageJson
        ? { x_groq: { id: "req_fake", usage: { ...usageJson, queue_time: 0.01, completion_time: 0.1 } } }
        : {}),
    });
    const frames: Frame[] = [finishChunk];
    if (style === "end" && usageJson) {
      frames.push(
        sse({
          id: "chatcmpl-fake",
          object: "chat.completion.chunk",
          model: this.model,
          choices: [],
          usage: usageJson,
        }),
      );
    }
    frames.push("data: [DONE]\n\n");
    return frames;
  }
  streamError(failure: FailureType): Frame[] {
    return [
      sse({
        id: "chatcmpl-fake",
        object: "chat.completion.chunk",
        error: openAiStreamError(failure),
        choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
      }),
    ];
  }
  badJson(): Frame[] {
    return ['data: {"id": "chatcmpl-fake", "choices": [\n\n'];
  }
}
