import type { FailureType } from "../scenarios.js";
import type { HttpErrorResponse } from "./types.js";

/**
 * Error answers as OpenAI and the OpenAI-compatible hosts send them (status, body shape, the
 * `retry-after` header). The 401 message echoes the key, as OpenAI's does, so tests can check
 * that no stored message carries it. 402 is OpenRouter's out-of-credit answer.
 */
export function openAiHttpError(
  failure: FailureType,
  ctx: { model: string; apiKey: string | null },
): HttpErrorResponse {
  const json = (status: number, error: Record<string, unknown>, headers: Record<string, string> = {}) => ({
    status,
    headers: { "content-type": "application/json", "x-request-id": "req_fake_123", ...headers },
    body: JSON.stringify({ error }),
  });
  switch (failure) {
    case "not_found":
      return json(404, {
        message: `The model \`${ctx.model}\` does not exist or you do not have access to it.`,
        type: "invalid_request_error",
        param: null,
        code: "model_not_found",
      });
    case "auth":
      return json(401, {
        message: `Incorrect API key provided: ${ctx.apiKey ?? "none"}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      });
    case "billing":
      return json(402, {
        message: "Insufficient credits. Add more using https://openrouter.ai/settings/credits",
        code: 402,
      });
    case "rate_limit":
      return json(
        429,
        {
          message: `Rate limit reached for ${ctx.model} on tokens per min (TPM): Limit 30000, Used 29500, Requested 1200. Please try again in 7s.`,
          type: "tokens",
          param: null,
          code: "rate_limit_exceeded",
        },
        { "retry-after": "7" },
      );
    case "server_error":
      return json(500, {
        message: "The server had an error while processing your request. Sorry about that!",
        type: "server_error",
        param: null,
        code: null,
      });
    case "unavailable":
      return json(503, { message: "Service Unavailable", type: "service_unavailable", code: 503 });
    case "overloaded":
      return json(529, {
        message: "The engine is currently overloaded, please try again later",
        type: "server_error",
        code: 529,
      });
  }
}

/** A mid-stream error as OpenRouter and the compatible hosts send it: a data event with `error`. */
export function openAiStreamError(failure: FailureType): Record<string, unknown> {
  if (failure === "overloaded")
    return { code: 503, message: "The model is overloaded. Please try again later." };
  if (failure === "rate_limit")
    return { code: 429, message: "Rate limit exceeded: too many requests, retry shortly" };
  return { code: 500, message: "Internal server error: provider disconnected unexpectedly" };
}
