import type { HttpErrorResponse } from "./wire/types.js";

/**
 * Models that refuse a request whose shape is wrong for them, with the provider's own wording,
 * and answer like `basic` once the request is right: what per-model settings exist for (issue 17
 * item 3). The model id is the one the request named (a Bedrock profile id keeps its prefix).
 */
export function refusalFor(wire: string, model: string, request: unknown): HttpErrorResponse | null {
  const body = typeof request === "object" && request !== null ? (request as Record<string, unknown>) : {};
  const name = model.replace(/~.*$/, "");
  if (name === "responses-only" && wire === "chat")
    return openAi(
      404,
      "This model is only supported in v1/responses and not in v1/chat/completions.",
      "model",
    );
  if (name === "no-temperature" && hasTemperature(body))
    return wire === "bedrock"
      ? bedrock("`temperature` is not supported for this model.")
      : openAi(400, "Unsupported parameter: 'temperature' is not supported with this model.", "temperature");
  if (name === "completion-tokens-only" && "max_tokens" in body)
    return openAi(
      400,
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      "max_tokens",
    );
  if (name === "profile-only" && wire === "bedrock")
    return bedrock(
      "Invocation of model ID profile-only with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
    );
  return null;
}

function hasTemperature(body: Record<string, unknown>): boolean {
  const config = body["inferenceConfig"];
  return (
    "temperature" in body ||
    (typeof config === "object" && config !== null && "temperature" in (config as Record<string, unknown>))
  );
}

function openAi(status: number, message: string, param: string): HttpErrorResponse {
  return {
    status,
    headers: { "content-type": "application/json", "x-request-id": "req_fake_456" },
    body: JSON.stringify({ error: { message, type: "invalid_request_error", param, code: null } }),
  };
}

function bedrock(message: string): HttpErrorResponse {
  return {
    status: 400,
    headers: {
      "content-type": "application/json",
      "x-amzn-errortype": "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/",
      "x-amzn-requestid": "fake-request-id",
    },
    body: JSON.stringify({ message }),
  };
}
