import type { ErrorKind } from "../taxonomy/kinds.js";
import {
  HEX,
  sdkError,
  openaiStyle,
  botocore,
  mistralSdk,
  timedOut,
  deadline,
  connectionError,
  openaiRequestId,
  anthropicRequestId,
  type Builder,
} from "./error-formats.js";
import type { Rng } from "./random.js";

/*
 * Error messages of the model makers' own APIs (OpenAI, Anthropic, AWS Bedrock, Google Vertex,
 * Mistral), in the shapes their APIs return and their Python SDKs print.
 */

export const OPENAI: Partial<Record<ErrorKind, Builder>> = {
  model_not_found: ({ model }) =>
    sdkError(
      404,
      openaiStyle(
        `The model \`${model}\` does not exist or you do not have access to it.`,
        "invalid_request_error",
        "model_not_found",
      ),
      "NotFoundError",
    ),
  model_retired: ({ model }) =>
    sdkError(
      404,
      openaiStyle(
        `The model \`${model}\` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations`,
        "invalid_request_error",
        "model_not_found",
      ),
      "NotFoundError",
    ),
  model_unavailable: ({ model, rng }) =>
    sdkError(
      403,
      openaiStyle(
        `Project \`proj_${rng.token(24)}\` does not have access to model \`${model}\``,
        "invalid_request_error",
        "model_not_found",
      ),
      "PermissionDeniedError",
    ),
  bad_request: ({ model }) =>
    // Responses-only models answer 404 on chat completions; other reasoning models reject max_tokens.
    /pro|codex|deep-research/.test(model)
      ? sdkError(
          404,
          openaiStyle(
            "This model is only supported in v1/responses and not in v1/chat/completions.",
            "invalid_request_error",
            null,
            "model",
          ),
          "NotFoundError",
        )
      : sdkError(
          400,
          openaiStyle(
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
            "invalid_request_error",
            "unsupported_parameter",
            "max_tokens",
          ),
          "BadRequestError",
        ),
  rate_limit: ({ model, rng }) => {
    const limit = rng.pick([30000, 200000, 450000]);
    return sdkError(
      429,
      openaiStyle(
        `Rate limit reached for ${model} in organization org-${rng.token(24)} on tokens per min (TPM): Limit ${limit}, Used ${limit - rng.int(10, 400)}, Requested ${rng.int(420, 900)}. Please try again in ${rng.int(120, 2400)}ms. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        "tokens",
        "rate_limit_exceeded",
      ),
      "RateLimitError",
    );
  },
  billing: () =>
    sdkError(
      429,
      openaiStyle(
        "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
        "insufficient_quota",
        "insufficient_quota",
      ),
      "RateLimitError",
    ),
  auth: ({ rng }) =>
    sdkError(
      401,
      openaiStyle(
        `Incorrect API key provided: sk-proj-************${rng.token(4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        "invalid_request_error",
        "invalid_api_key",
      ),
      "AuthenticationError",
    ),
  server_error: ({ rng }) =>
    rng.chance(0.7)
      ? sdkError(
          500,
          openaiStyle(
            `The server had an error while processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if the error persists. (Please include the request ID ${openaiRequestId(rng)} in your message.)`,
            "server_error",
            null,
          ),
          "InternalServerError",
        )
      : sdkError(
          502,
          { error: { code: 502, message: "Bad gateway.", param: null, type: "cf_bad_gateway" } },
          "InternalServerError",
        ),
  overloaded: () =>
    sdkError(
      503,
      openaiStyle("The engine is currently overloaded, please try again later", "server_error", null),
      "InternalServerError",
    ),
  timeout: timedOut,
  network: connectionError,
};

function anthropicBody(type: string, message: string, rng: Rng) {
  return { type: "error", error: { type, message }, request_id: anthropicRequestId(rng) };
}

export const ANTHROPIC: Partial<Record<ErrorKind, Builder>> = {
  model_not_found: ({ model, rng }) =>
    sdkError(404, anthropicBody("not_found_error", `model: ${model}`, rng), "NotFoundError"),
  overloaded: ({ rng }) =>
    // Mid-stream overloads arrive as an SSE error event with no HTTP status; the rest as HTTP 529.
    rng.chance(0.6)
      ? {
          message: JSON.stringify(anthropicBody("overloaded_error", "Overloaded", rng)),
          httpStatus: null,
          excType: "APIStatusError",
          stage: "generate",
        }
      : sdkError(529, anthropicBody("overloaded_error", "Overloaded", rng), "OverloadedError"),
  rate_limit: ({ rng }) =>
    sdkError(
      429,
      anthropicBody(
        "rate_limit_error",
        `This request would exceed the rate limit for your organization (${rng.token(8, HEX)}-${rng.token(4, HEX)}-${rng.token(4, HEX)}-${rng.token(4, HEX)}-${rng.token(12, HEX)}) of 50,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.`,
        rng,
      ),
      "RateLimitError",
    ),
  server_error: ({ rng }) =>
    sdkError(500, anthropicBody("api_error", "Internal server error", rng), "InternalServerError"),
  auth: ({ rng }) =>
    sdkError(401, anthropicBody("authentication_error", "invalid x-api-key", rng), "AuthenticationError"),
  billing: ({ rng }) =>
    sdkError(
      400,
      anthropicBody(
        "invalid_request_error",
        "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
        rng,
      ),
      "BadRequestError",
    ),
  bad_request: ({ rng }) =>
    sdkError(
      400,
      anthropicBody(
        "invalid_request_error",
        "`temperature` and `top_p` cannot both be specified for this model. Please use only one.",
        rng,
      ),
      "BadRequestError",
    ),
  timeout: timedOut,
  network: connectionError,
};

const bedrockUrl = (model: string): string =>
  `https://bedrock-runtime.us-east-1.amazonaws.com/model/${encodeURIComponent(model)}/converse-stream`;

export const BEDROCK: Partial<Record<ErrorKind, Builder>> = {
  model_not_found: () => botocore("ValidationException", 400, "The provided model identifier is invalid."),
  model_retired: () =>
    botocore(
      "ResourceNotFoundException",
      404,
      "This model version has reached the end of its life. Please refer to the AWS documentation for more details.",
    ),
  model_unavailable: ({ model, rng }) =>
    rng.chance(0.5)
      ? botocore(
          "AccessDeniedException",
          403,
          "You don't have access to the model with the specified model ID.",
        )
      : botocore(
          "ValidationException",
          400,
          `Invocation of model ID ${model} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
        ),
  rate_limit: () =>
    botocore("ThrottlingException", 429, "Too many requests, please wait before trying again.", true),
  server_error: ({ rng }) =>
    rng.chance(0.5)
      ? botocore("ServiceUnavailableException", 503, "Bedrock is unable to process your request.")
      : botocore(
          "InternalServerException",
          500,
          "The system encountered an unexpected error during processing. Try your request again.",
        ),
  overloaded: () =>
    botocore("ServiceUnavailableException", 503, "Too many connections, please wait before trying again."),
  auth: () =>
    botocore("UnrecognizedClientException", 403, "The security token included in the request is invalid."),
  bad_request: () =>
    botocore(
      "ValidationException",
      400,
      "The model returned the following errors: temperature and top_p cannot both be specified for this model. Please use only one.",
    ),
  timeout: ({ model }) => ({
    message: `Read timeout on endpoint URL: "${bedrockUrl(model)}"`,
    httpStatus: null,
    excType: "ReadTimeoutError",
    stage: "generate",
  }),
  network: ({ model }) => ({
    message: `Could not connect to the endpoint URL: "${bedrockUrl(model)}"`,
    httpStatus: null,
    excType: "EndpointConnectionError",
    stage: "generate",
  }),
};

function vertexResource(model: string): string {
  const [publisher, name] = model.includes("/")
    ? [model.split("/")[0]!, model.split("/").slice(1).join("/")]
    : [
        model.startsWith("claude")
          ? "anthropic"
          : model.startsWith("mistral") || model.startsWith("codestral")
            ? "mistralai"
            : "google",
        model,
      ];
  return `projects/bench-prod-3121/locations/us-central1/publishers/${publisher}/models/${name}`;
}

export const VERTEX: Partial<Record<ErrorKind, Builder>> = {
  model_not_found: ({ model }) => ({
    message: `404 Publisher Model \`${vertexResource(model)}\` was not found or your project does not have access to it. Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions`,
    httpStatus: 404,
    excType: "NotFound",
    stage: "generate",
  }),
  rate_limit: () => ({
    message:
      "429 Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.",
    httpStatus: 429,
    excType: "ResourceExhausted",
    stage: "generate",
  }),
  server_error: ({ rng }) =>
    rng.chance(0.5)
      ? {
          message: "500 Internal error encountered.",
          httpStatus: 500,
          excType: "InternalServerError",
          stage: "generate",
        }
      : {
          message: "503 The service is currently unavailable.",
          httpStatus: 503,
          excType: "ServiceUnavailable",
          stage: "generate",
        },
  auth: ({ model }) => ({
    message: `403 Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/${vertexResource(model)}' (or it may not exist).`,
    httpStatus: 403,
    excType: "PermissionDenied",
    stage: "generate",
  }),
  timeout: ({ rng }) =>
    rng.chance(0.5)
      ? { message: "504 Deadline Exceeded", httpStatus: 504, excType: "DeadlineExceeded", stage: "generate" }
      : deadline({ model: "", rng }),
  network: connectionError,
};

export const MISTRAL: Partial<Record<ErrorKind, Builder>> = {
  model_not_found: ({ model }) =>
    mistralSdk(400, {
      object: "error",
      message: `Invalid model: ${model}`,
      type: "invalid_model",
      param: null,
      code: "1500",
    }),
  model_retired: ({ model }) =>
    mistralSdk(400, {
      object: "error",
      message: `Model ${model} has been retired and is no longer available. Please use a newer model: https://docs.mistral.ai/getting-started/models/`,
      type: "invalid_request_error",
      param: null,
      code: "3051",
    }),
  rate_limit: () =>
    mistralSdk(429, {
      object: "error",
      message: "Requests rate limit exceeded",
      type: "rate_limited",
      param: null,
      code: "1300",
    }),
  server_error: () =>
    mistralSdk(503, {
      object: "error",
      message: "Service unavailable.",
      type: "internal_server_error",
      param: null,
      code: "1000",
    }),
  auth: () => mistralSdk(401, { detail: "Unauthorized" }),
  timeout: timedOut,
  network: connectionError,
};
