import { describe, expect, it } from "vitest";
import { classifyError, ruleKind } from "../../../src/taxonomy/classify.js";
import type { ErrorKind } from "../../../src/taxonomy/kinds.js";

/**
 * The families of wording the classifier reads when no specific rule decided (src/taxonomy/families.ts,
 * issue 17 item 11: it abstained on real messages whose words said enough). Each family in wordings
 * the corpus does not hold, so the family has to carry the meaning; then the near misses each must
 * not swallow (a hard verdict still needs the model named as the thing gone, and transient context
 * still vetoes it).
 */
interface Case {
  message: string;
  httpStatus?: number;
  kind: ErrorKind;
}

const FAMILIES: Record<string, Case[]> = {
  "money in other words": [
    { message: "You have run out of credits. Add funds to continue.", kind: "billing" },
    { message: "Your prepaid credits have been exhausted", httpStatus: 429, kind: "billing" },
    { message: "Request denied: your account is in arrears", kind: "billing" },
    { message: "Your account is on hold due to an outstanding invoice.", kind: "billing" },
    {
      message:
        '{"code":"Arrearage","message":"Access denied, please make sure your account is in good standing."}',
      kind: "billing",
    },
    { message: "Your free trial has ended. Please add a payment method.", kind: "billing" },
    { message: "Your team doesn't have any credits yet", kind: "billing" },
    { message: "ExceededBudget: the team exceeded its monthly budget", kind: "billing" },
  ],
  "credentials in other words": [
    { message: "The caller does not have permission", kind: "auth" },
    { message: "PermissionDenied: request had insufficient authentication scopes", kind: "auth" },
    { message: '{"code":"InvalidApiKey","message":"The API key provided is incorrect"}', kind: "auth" },
    { message: "Bad credentials", kind: "auth" },
    { message: "User not found.", kind: "auth" },
    { message: "Could not automatically determine credentials", kind: "auth" },
    { message: "AADSTS7000215: Invalid client secret provided", kind: "auth" },
    { message: "The OPENAI_API_KEY environment variable is missing or empty", kind: "auth" },
    { message: "You are not authorized to access this resource", kind: "auth" },
  ],
  "an unusable answer in other words": [
    { message: "json_validate_failed: the model output did not match the schema", kind: "output_invalid" },
    {
      message: "OutputParserException: Could not parse LLM output: `Thought: I should`",
      kind: "output_invalid",
    },
    { message: "1 validation error for Answer\nscore\n  Field required", kind: "output_invalid" },
    { message: "The model did not return any tool call", kind: "output_invalid" },
    { message: "Reached max output tokens", kind: "output_invalid" },
    { message: "The model returned an invalid JSON", kind: "output_invalid" },
    { message: "The model did not contain a tool call", kind: "output_invalid" },
  ],
  "our malformed request in other words": [
    { message: "messages.4.content.1.image_url: invalid image", kind: "bad_request" },
    {
      message: '{"code":"InvalidParameter","message":"temperature must be between 0 and 2"}',
      kind: "bad_request",
    },
    { message: "Reasoning mode does not support this response_format", kind: "bad_request" },
    { message: "Conversation must end with a user message", kind: "bad_request" },
    { message: "Unsupported content type: input_audio", kind: "bad_request" },
    { message: "Error: top_k is out of range", kind: "bad_request" },
    { message: "None is not of type 'string' - 'messages.1.content'", kind: "bad_request" },
    { message: "Unknown name \"foo\" at 'generation_config': Cannot find field.", kind: "bad_request" },
    { message: "Please use a valid role: user, model.", kind: "bad_request" },
    { message: "Invalid tool_call_id: abc", kind: "bad_request" },
  ],
  "the provider's failure in other words": [
    { message: "The server encountered an error and could not complete your request", kind: "server_error" },
    {
      message: '{"error":{"status":"INTERNAL","message":"Please report this issue."}}',
      kind: "server_error",
    },
    { message: "Inference failed; the backend error has been logged", kind: "server_error" },
    { message: "The server is temporarily unable to service your request", kind: "server_error" },
    { message: "llama runner process has terminated: exit status 2", kind: "server_error" },
    { message: "InternalFailure: The request processing has failed", kind: "server_error" },
    { message: "AI_RetryError: Failed after 3 attempts. Last error: Bad Gateway", kind: "server_error" },
    { message: "<!DOCTYPE html><html><body><h1>Error</h1></body></html>", kind: "server_error" },
  ],
  "a status named the way .NET and Java name it": [
    { message: "Unsuccessful API response TooManyRequests", kind: "rate_limit" },
    { message: "HttpRequestException: Response status code PaymentRequired", kind: "billing" },
    { message: "Unsuccessful API response BadGateway", kind: "server_error" },
  ],
  "an id the provider does not know, in other words": [
    { message: "Unsupported model: gpt-5-turbo", kind: "model_not_found" },
    // Seen to its end (a cut text ending at "supported" needs the provider's status: combined-probes.test.ts).
    { message: "The model gpt-x is not supported.", kind: "model_not_found" },
    {
      message: "The model `x` does not exist. Please try again with a different model.",
      kind: "model_not_found",
    },
  ],
  "a retirement in other words": [
    { message: "Error type: ServiceModelDeprecated", kind: "model_retired" },
    { message: "claude-instant-1.2 has been retired", kind: "model_retired" },
    { message: "This deployment has reached its end of support date", kind: "model_retired" },
  ],
  "a model this account cannot use, in other words": [
    {
      message: "Cannot access gated repo for url https://hf.co/x. Access to model meta/x is restricted.",
      kind: "model_unavailable",
    },
    { message: "This model is only available to Enterprise customers", kind: "model_unavailable" },
    // Disabled for the caller is the model closed to it; disabled for a feature is not (hard-evidence.test.ts).
    { message: "The model demo-x is disabled for your organization", kind: "model_unavailable" },
    { message: "You do not have permission to use this model", kind: "model_unavailable" },
    { message: "Model gemini-x-exp is not available for free tier users", kind: "model_unavailable" },
    {
      message: "The model bigscience/bloom is too large to be loaded automatically (352GB > 10GB)",
      kind: "model_unavailable",
    },
  ],
  "a status in the client's own words": [
    { message: "Anthropic API returned 529", kind: "overloaded" },
    { message: "request failed with status code 402", kind: "billing" },
    { message: "upstream: code=500 msg=oops", kind: "server_error" },
    { message: "a 502 error from the gateway", kind: "server_error" },
  ],
  "a prompt too long for the model, in other words": [
    { message: "This model's maximum model length is 4096", kind: "context_length" },
    { message: "the request exceeds the available context size, try increasing it", kind: "context_length" },
    { message: "Conversation is too long", kind: "context_length" },
  ],
  "a deadline or a filter in other words": [
    { message: "completion exceeded the 120-second deadline", kind: "timeout" },
    { message: "The completion was filtered due to a policy", kind: "content_filter" },
  ],
};

const NEAR_MISSES: Array<Case & { why: string }> = [
  { why: "a count of tokens is no status", message: "Requested 500 tokens", kind: "unknown" },
  {
    why: "a model not found is the model's story, not the account's",
    message: "Model not found",
    kind: "model_not_found",
  },
  {
    why: "a model currently unavailable is transient (UNAVAILABLE reads as Google's 503)",
    message: "The model x is currently unavailable",
    kind: "server_error",
  },
  {
    why: "too many tokens per interval stays a rate limit",
    message: "Too many tokens, please wait before trying again.",
    kind: "rate_limit",
  },
  {
    why: "a feature refused with this model is our request, not an unknown model",
    message: "parallel_tool_calls is not supported with this model",
    kind: "bad_request",
  },
  {
    why: "an unsupported model with a retry hint is not a hard verdict",
    message: "Model x is not supported, please try again later",
    kind: "overloaded",
  },
  {
    why: "an endpoint path said to be deprecated is not a model",
    message: "The endpoint /v1/completions is deprecated",
    kind: "unknown",
  },
  { why: "an API version is not a model", message: "api-version 2024-02-01 is deprecated", kind: "unknown" },
  { why: "an API path is not a model", message: "api/v1/completions is deprecated", kind: "unknown" },
  { why: "a field path is not a model", message: "messages.0 is deprecated", kind: "bad_request" },
  {
    why: "a retirement with a retry hint is not a hard verdict",
    message: "gpt-4-0314 has been retired. Please try again later.",
    kind: "overloaded",
  },
  {
    why: "a future retirement is no retirement",
    message: "gemini-1.0-pro will be deprecated soon; the request failed",
    kind: "unknown",
  },
  {
    why: "a JSON parser's token is no credential",
    message: "Invalid token in JSON at position 3",
    kind: "unknown",
  },
  {
    why: "a server that said nothing says nothing about the answer",
    message: "Server did not return a response",
    kind: "unknown",
  },
  {
    why: "a wrapper class is not a request error by itself",
    message: "openai.error.InvalidRequestError: Resource not found",
    kind: "unknown",
  },
  {
    why: "server words under a 4xx are the status's story",
    message: "Internal error: unknown model",
    httpStatus: 404,
    kind: "model_not_found",
  },
  {
    why: "a bare not-found under a gateway's name stays unknown",
    message: 'Groq (groq) provider error: OK {"error":{"message":"Not Found"}}',
    kind: "unknown",
  },
  {
    why: "money words never make a hard verdict, and a rate window stays a rate limit",
    message: "Rate limit reached: 10 requests per minute on the free trial",
    httpStatus: 429,
    kind: "rate_limit",
  },
];

describe("families of wording when no specific rule decided", () => {
  for (const [family, cases] of Object.entries(FAMILIES)) {
    it.each(cases)(`${family}: %s`, ({ message, httpStatus, kind }) => {
      expect(classifyError({ provider: "p", message, httpStatus }).kind).toBe(kind);
    });
  }

  it.each(NEAR_MISSES)("near miss: $why", ({ message, httpStatus, kind }) => {
    expect(ruleKind({ provider: "p", message, httpStatus })).toBe(kind);
  });
});
