import { describe, expect, it } from "vitest";
import { classifyError } from "../../../src/taxonomy/classify.js";
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
    {
      message:
        '{"code":"Arrearage","message":"Access denied, please make sure your account is in good standing."}',
      kind: "billing",
    },
    { message: "Your free trial has ended. Please add a payment method.", kind: "billing" },
    { message: "ExceededBudget: the team exceeded its monthly budget", kind: "billing" },
  ],
  "credentials in other words": [
    { message: "The caller does not have permission", kind: "auth" },
    { message: "PermissionDenied: request had insufficient authentication scopes", kind: "auth" },
    { message: '{"code":"InvalidApiKey","message":"The API key provided is incorrect"}', kind: "auth" },
    { message: "Bad credentials", kind: "auth" },
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
  ],
  "the provider's failure in other words": [
    { message: "The server encountered an error and could not complete your request", kind: "server_error" },
    {
      message: '{"error":{"status":"INTERNAL","message":"Please report this issue."}}',
      kind: "server_error",
    },
    { message: "Inference failed; the backend error has been logged", kind: "server_error" },
    { message: "AI_RetryError: Failed after 3 attempts. Last error: Bad Gateway", kind: "server_error" },
    { message: "<!DOCTYPE html><html><body><h1>Error</h1></body></html>", kind: "server_error" },
  ],
  "a status named the way .NET and Java name it": [
    { message: "Unsuccessful API response TooManyRequests", kind: "rate_limit" },
    { message: "HttpRequestException: Response status code PaymentRequired", kind: "billing" },
    { message: "Unsuccessful API response BadGateway", kind: "server_error" },
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
    { message: "You do not have permission to use this model", kind: "model_unavailable" },
  ],
  "a deadline or a filter in other words": [
    { message: "completion exceeded the 120-second deadline", kind: "timeout" },
    { message: "The completion was filtered due to a policy", kind: "content_filter" },
  ],
};

const NEAR_MISSES: Array<Case & { why: string }> = [
  {
    why: "an endpoint path said to be deprecated is not a model",
    message: "The endpoint /v1/completions is deprecated",
    kind: "unknown",
  },
  { why: "an API version is not a model", message: "api-version 2024-02-01 is deprecated", kind: "unknown" },
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
    expect(classifyError({ provider: "p", message, httpStatus }).kind).toBe(kind);
  });
});
