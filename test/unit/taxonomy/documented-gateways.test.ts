import { describe, expect, it } from "vitest";
import { classifyError, ruleKind } from "../../../src/taxonomy/classify.js";
import type { ErrorKind } from "../../../src/taxonomy/kinds.js";

/**
 * Issue 17 item 11, third round, continued (documented.test.ts holds the providers' own error
 * pages): what gateways and client layers document around those errors, and the stop reasons the
 * APIs document for an answer that ended unusably. Sources are named per table; near misses last.
 */
interface Case {
  message: string;
  httpStatus?: number;
  model?: string;
  kind: ErrorKind;
}

const DOCUMENTED: Record<string, Case[]> = {
  // learn.microsoft.com/azure/ai-services/openai (REST reference, troubleshooting; error codes
  // DeploymentNotFound, OperationNotSupported, InvalidApiVersion).
  "Azure OpenAI": [
    {
      message:
        '{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}',
      httpStatus: 404,
      kind: "model_not_found",
    },
    {
      message:
        '{"error":{"code":"OperationNotSupported","message":"The chatCompletion operation does not work with the specified model, text-embedding-ada-002. Please choose different model and try again."}}',
      httpStatus: 400,
      kind: "bad_request",
    },
    { message: "Unsupported api-version", httpStatus: 404, kind: "bad_request" },
    {
      message: '{"error":{"code":"InvalidApiVersion","message":"Api version 2099-01-01 is not supported"}}',
      kind: "bad_request",
    },
    { message: "The model 'gpt-x' is not supported in API version 2023-05-15", kind: "bad_request" },
    {
      message: "The model gpt-35-turbo-0301 is in deprecating state and cannot be used",
      httpStatus: 400,
      kind: "model_retired",
    },
    {
      message:
        "Requests to the ChatCompletions_Create Operation have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.",
      httpStatus: 429,
      kind: "rate_limit",
    },
    {
      message: "Access denied due to invalid subscription key or wrong API endpoint.",
      httpStatus: 401,
      kind: "auth",
    },
  ],
  // docs.litellm.ai/docs/exception_mapping (litellm exception classes).
  "litellm exception mapping": [
    {
      message: "litellm.exceptions.ContextWindowExceededError: ContextWindowExceededError",
      kind: "context_length",
    },
    { message: "litellm.ContentPolicyViolationError: ContentPolicyViolationError", kind: "content_filter" },
    {
      message: "litellm.BudgetExceededError: Budget has been exceeded! Current cost: 1.2, Max budget: 1.0",
      kind: "billing",
    },
    {
      message: "litellm.ServiceUnavailableError: ServiceUnavailableError",
      httpStatus: 503,
      kind: "server_error",
    },
    { message: "litellm.Timeout: Connection timed out after 600.0 seconds.", kind: "timeout" },
    {
      message: "litellm.InternalServerError: AnthropicException - Overloaded",
      httpStatus: 529,
      kind: "overloaded",
    },
  ],
  // docs.claude.com (handling stop reasons); platform.openai.com (Responses API incomplete_details;
  // chat finish_reason length and content_filter).
  "stop reasons of an answer that ended unusably": [
    { message: "stop_reason: max_tokens", kind: "output_invalid" },
    { message: "stop_reason: refusal", kind: "content_filter" },
    { message: "stop_reason: model_context_window_exceeded", kind: "context_length" },
    { message: "finish_reason: length", kind: "output_invalid" },
    { message: "Incomplete response returned, reason: max_output_tokens", kind: "output_invalid" },
    {
      message: '{"type":"response.incomplete","response":{"incomplete_details":{"reason":"content_filter"}}}',
      kind: "content_filter",
    },
    {
      message:
        "The response was blocked because the input or output may contain content that violates the policy.",
      kind: "content_filter",
    },
  ],
  // Client layers' own words: Vercel AI SDK APICallError around undici's "terminated", the
  // Anthropic SDK's MessageStream, google-generativeai and openai-python's empty-answer errors.
  "client layers around a cut stream, an empty answer or a server failure": [
    { message: "AI_APICallError: terminated", kind: "network" },
    { message: "Error: stream ended without producing a Message with role=assistant", kind: "network" },
    { message: "Premature end of stream", kind: "network" },
    { message: "Response has no candidates", kind: "output_invalid" },
    { message: "No choices returned from the model", kind: "output_invalid" },
    {
      message: "Invalid response object from API: '{\"choices\": null}' (HTTP response code was 200)",
      kind: "output_invalid",
    },
    { message: "The model produced an empty response", kind: "output_invalid" },
    { message: "Request failed due to an internal error", kind: "server_error" },
  ],
  // openrouter.ai/docs/api-reference/errors (402, 403 key limit); docs.claude.com (workspace usage
  // limits, an invalid_request_error): spending caps pause the provider.
  "spending caps in words": [
    {
      message: "Key limit exceeded (total limit). Manage it using https://openrouter.ai/settings/keys",
      httpStatus: 403,
      kind: "billing",
    },
    {
      message:
        "This request requires more credits, or fewer max_tokens. You requested up to 8192 tokens, but can only afford 1000.",
      httpStatus: 402,
      kind: "billing",
    },
    {
      message:
        "You have reached your specified workspace API usage limits. You will regain access on 2025-08-01 at 00:00 UTC.",
      httpStatus: 400,
      kind: "billing",
    },
    { message: "Monthly usage limit reached", httpStatus: 429, kind: "billing" },
  ],
  // HTTP 410 Gone with no words (xAI answers a withdrawn API path so).
  "bare statuses": [
    { message: "Error: Gone", kind: "bad_request" },
    { message: "410 Gone", kind: "bad_request" },
  ],
  // Per-model access and serving: Hugging Face inference providers, Together/Fireworks serverless,
  // DeepInfra, Bedrock model access, OpenAI organization verification.
  "a model that exists but not for this account or route": [
    {
      message: "Model meta/x is not supported by provider hf-inference.",
      httpStatus: 400,
      kind: "model_unavailable",
    },
    {
      message: "The model x is not available for serverless inference",
      httpStatus: 400,
      kind: "model_unavailable",
    },
    {
      message: "Model acme/x-70b is not available for inference",
      httpStatus: 404,
      model: "acme/x-70b",
      kind: "model_unavailable",
    },
    {
      message: "Model qwen/qwen3-32b is not served by this provider",
      httpStatus: 404,
      kind: "model_unavailable",
    },
    {
      message: "Model grok-4-heavy is not available for your account",
      httpStatus: 403,
      kind: "model_unavailable",
    },
    {
      message: "The model `x` is not available on the free tier",
      httpStatus: 403,
      kind: "model_unavailable",
    },
    {
      message:
        "Access to model anthropic.claude-x-v1:0 is not enabled. Please enable access via the Bedrock console.",
      httpStatus: 403,
      kind: "model_unavailable",
    },
    {
      message:
        "Your organization must be verified to use the model `o3`. If you just verified, it can take up to 15 minutes for access to propagate.",
      httpStatus: 400,
      kind: "model_unavailable",
    },
  ],
};

const NEAR_MISSES: Array<Case & { why: string }> = [
  {
    why: "'models' as a noun for an API names no model",
    message: "The models endpoint is not available for your account",
    httpStatus: 403,
    kind: "auth",
  },
  {
    why: "a model's option refused by the endpoint is our request",
    message: "The model parameter logit_bias is not supported by this endpoint",
    httpStatus: 400,
    kind: "bad_request",
  },
  {
    why: "a daily request window is a rate, not a spending cap",
    message: "Usage limit reached: 1000 requests per day",
    httpStatus: 429,
    kind: "rate_limit",
  },
  {
    why: "a rate limit upstream is not a key's spending cap",
    message: "x:free is temporarily rate-limited upstream. Please retry shortly",
    httpStatus: 429,
    kind: "rate_limit",
  },
  {
    why: "an internal error naming a missing model is the model's story",
    message: "Internal error: model `x` does not exist",
    httpStatus: 404,
    kind: "model_not_found",
  },
  {
    why: "choices we sent (a parameter) are not the answer's choices",
    message: "Invalid 'n': choices must be between 1 and 8",
    httpStatus: 400,
    kind: "bad_request",
  },
  {
    why: "a stream terminated with a 5xx inside is the provider's state",
    message: "Error: terminated",
    httpStatus: 502,
    kind: "server_error",
  },
  {
    why: "a provider's fixed not-found sentence with a retry hint is not hard (the veto holds)",
    message:
      "An error occurred (ValidationException) when calling the Converse operation: The provided model identifier is invalid. Please try again later.",
    kind: "overloaded",
  },
  {
    why: "'gone' inside a sentence names no status",
    message: "Error: the stream is gone, connection reset",
    kind: "network",
  },
  {
    why: "a retired model answered with 410 says so in words",
    message: "The model x has been retired.",
    httpStatus: 410,
    kind: "model_retired",
  },
  {
    why: "Gemini's API version names where the model is unknown, not our version",
    message: "models/gemini-9 is not found for API version v1beta, or is not supported for generateContent.",
    httpStatus: 404,
    kind: "model_not_found",
  },
  {
    why: "a model unavailable in the caller's region is the account's, not the model's",
    message: "This model is not available in your region.",
    httpStatus: 403,
    kind: "auth",
  },
  {
    why: "a model that is only currently unavailable is transient",
    message: "Model x is currently not available. Please try again later.",
    httpStatus: 503,
    kind: "overloaded",
  },
  {
    why: "access to a whole provider family from a country is an account matter",
    message: "Access to Anthropic models is not allowed from unsupported countries, regions, or territories.",
    httpStatus: 403,
    kind: "auth",
  },
  {
    why: "a max_tokens parameter error is ours, not a stop reason",
    message: "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens",
    httpStatus: 400,
    kind: "bad_request",
  },
  {
    why: "a feature not supported by the endpoint is our request, not the model's hosting",
    message: "Tool calling is not supported by this endpoint",
    httpStatus: 400,
    kind: "bad_request",
  },
  {
    why: "IAM refusing the action is provider-wide auth, not the model",
    message:
      "User: arn:aws:iam::1:user/b is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/x",
    httpStatus: 403,
    kind: "auth",
  },
  {
    why: "a bare 'Resource not found' 404 does not say the model is gone",
    message: "Error code: 404 - {'error': {'code': '404', 'message': 'Resource not found'}}",
    httpStatus: 404,
    kind: "unknown",
  },
  {
    why: "a stop reason of end_turn with text is no failure",
    message: "stop_reason: end_turn",
    kind: "unknown",
  },
];

describe("documented gateway errors and stop reasons", () => {
  for (const [source, cases] of Object.entries(DOCUMENTED)) {
    it.each(cases)(`${source}: %j`, ({ message, httpStatus, model, kind }) => {
      expect(classifyError({ provider: "p", message, httpStatus, model }).kind).toBe(kind);
    });
  }

  it.each(NEAR_MISSES)("does not overreach: $why", ({ message, httpStatus, model, kind }) => {
    expect(ruleKind({ provider: "p", message, httpStatus, model })).toBe(kind);
  });
});
