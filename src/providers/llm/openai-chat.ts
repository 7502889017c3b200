import type OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import {
  toOperatorLlmError,
  type OperatorLlmBackend,
  type OperatorLlmRequest,
  type OperatorLlmResponse,
} from "./backend.js";

export interface OpenAiChatBackendOptions {
  /** Backend id as configured: `openai`, or the keyed provider id of an OpenAI-compatible host. */
  backend: string;
  model: string;
  /** Built with `maxRetries: 0`: retries and fallback are the caller's decision. */
  client: OpenAI;
  /**
   * How the answer is constrained. `json_schema` (strict structured outputs) where the host has it;
   * `json_object` (valid JSON, shape given in the prompt) for hosts that only promise that.
   */
  responseFormat: "json_schema" | "json_object";
  /**
   * OpenAI's reasoning models accept only `max_completion_tokens`; most compatible hosts still
   * document `max_tokens`.
   */
  tokenLimitParameter: "max_completion_tokens" | "max_tokens";
}

/** Chat Completions, non-streaming: OpenAI itself and any host that speaks its wire format. */
export class OpenAiChatBackend implements OperatorLlmBackend {
  readonly backend: string;
  readonly model: string;

  constructor(private readonly options: OpenAiChatBackendOptions) {
    this.backend = options.backend;
    this.model = options.model;
  }

  async complete(request: OperatorLlmRequest): Promise<OperatorLlmResponse> {
    const body = this.buildBody(request);
    try {
      const completion = await this.options.client.chat.completions.create(body, {
        signal: request.signal,
        maxRetries: 0,
      });
      const choice = completion.choices[0];
      const refusal = choice?.message.refusal;
      return {
        // A refusal is an answer with no usable JSON: the caller's validation calls it garbage.
        text: choice?.message.content ?? refusal ?? "",
        usage: {
          inputTokens: completion.usage?.prompt_tokens ?? 0,
          outputTokens: completion.usage?.completion_tokens ?? 0,
        },
        finishReason: refusal ? "refusal" : (choice?.finish_reason ?? "unknown"),
      };
    } catch (error) {
      const status = httpStatusOf(error);
      throw toOperatorLlmError(error, {
        backend: this.backend,
        model: this.model,
        signal: request.signal,
        status,
      });
    }
  }

  private buildBody(request: OperatorLlmRequest): ChatCompletionCreateParamsNonStreaming {
    const body: ChatCompletionCreateParamsNonStreaming = {
      model: this.model,
      messages: [
        { role: "system", content: request.system },
        { role: "user", content: request.user },
      ],
      response_format:
        this.options.responseFormat === "json_schema"
          ? {
              type: "json_schema",
              json_schema: { name: "operator_verdicts", strict: true, schema: { ...request.jsonSchema } },
            }
          : { type: "json_object" },
    };
    body[this.options.tokenLimitParameter] = request.maxOutputTokens;
    return body;
  }
}

/** The HTTP status of an `openai` SDK `APIError` (undefined for connection errors and aborts). */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("status" in error)) return undefined;
  return typeof error.status === "number" ? error.status : undefined;
}
