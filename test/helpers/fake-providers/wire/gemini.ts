import type { FailureType } from "../scenarios.js";
import { sse, type Frame, type HttpErrorResponse, type Usage, type Wire, type WireEncoder } from "./types.js";

/**
 * Gemini on Vertex AI, `streamGenerateContent?alt=sse`: every event is a whole
 * `GenerateContentResponse` (`candidates[0].content.parts[].text`, `thought: true` on reasoning
 * parts, cumulative `usageMetadata`), the last one carries `finishReason` and the full usage with
 * the thinking tokens apart (`thoughtsTokenCount`), and the stream ends by closing: no sentinel,
 * no keep-alives. Errors are Google's `{error: {code, message, status}}`, as a one-element array
 * when they come before the stream.
 */
export const geminiWire: Wire = {
  contentType: "text/event-stream",
  encoder: (model) => new GeminiEncoder(model),
  httpError: geminiHttpError,
};

const ERRORS: Record<FailureType, { code: number; status: string; message: string }> = {
  not_found: {
    code: 404,
    status: "NOT_FOUND",
    message:
      "Publisher Model `projects/fake-project/locations/us-central1/publishers/google/models/MODEL` was not found or your project does not have access to it. Please ensure you are using a valid model version.",
  },
  auth: {
    code: 401,
    status: "UNAUTHENTICATED",
    message:
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
  },
  billing: {
    code: 403,
    status: "PERMISSION_DENIED",
    message:
      "This API method requires billing to be enabled. Please enable billing on project #fake-project.",
  },
  rate_limit: {
    code: 429,
    status: "RESOURCE_EXHAUSTED",
    message:
      "Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.",
  },
  server_error: { code: 500, status: "INTERNAL", message: "Internal error encountered." },
  unavailable: { code: 503, status: "UNAVAILABLE", message: "The service is currently unavailable." },
  overloaded: {
    code: 503,
    status: "UNAVAILABLE",
    message: "The model is overloaded. Please try again later.",
  },
};

export function googleError(
  failure: FailureType,
  model: string,
): { code: number; message: string; status: string } {
  const e = ERRORS[failure];
  return { code: e.code, message: e.message.replace("MODEL", model), status: e.status };
}

function geminiHttpError(failure: FailureType, ctx: { model: string }): HttpErrorResponse {
  const error = googleError(failure, ctx.model);
  return {
    status: error.code,
    headers: { "content-type": "application/json; charset=UTF-8" },
    body: JSON.stringify([{ error }]),
  };
}

class GeminiEncoder implements WireEncoder {
  private readonly responseId = "fakeResponseId";

  constructor(private readonly model: string) {}

  private chunk(parts: Record<string, unknown>[], extra: Record<string, unknown> = {}): string {
    const { finishReason, ...rest } = extra;
    return sse({
      candidates: [
        { content: { role: "model", parts }, ...(finishReason === undefined ? {} : { finishReason }) },
      ],
      usageMetadata: { trafficType: "ON_DEMAND" },
      modelVersion: this.model,
      createTime: "2026-12-03T07:00:00.000000Z",
      responseId: this.responseId,
      ...rest,
    });
  }

  start(): Frame[] {
    return [];
  }
  keepalive(): Frame[] {
    return [];
  }
  empty(): Frame[] {
    return [this.chunk([{ text: "" }])];
  }
  text(kind: "answer" | "reasoning", text: string): Frame[] {
    return [this.chunk([kind === "answer" ? { text } : { text, thought: true }])];
  }
  end(finish: "stop" | "length", usage: Usage | null): Frame[] {
    const usageMetadata = usage && {
      promptTokenCount: usage.input,
      candidatesTokenCount: usage.output - usage.reasoning,
      ...(usage.reasoning > 0 ? { thoughtsTokenCount: usage.reasoning } : {}),
      totalTokenCount: usage.input + usage.output,
      trafficType: "ON_DEMAND",
    };
    return [
      this.chunk([{ text: "" }], {
        finishReason: finish === "length" ? "MAX_TOKENS" : "STOP",
        ...(usageMetadata ? { usageMetadata } : {}),
      }),
    ];
  }
  streamError(failure: FailureType): Frame[] {
    return [sse({ error: googleError(failure, this.model) })];
  }
  badJson(): Frame[] {
    return ['data: {"candidates": [{"content": \n\n'];
  }
}
