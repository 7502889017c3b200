import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 11 (TRACKER_WORDINGS in src/taxonomy/phrasings.ts, issue 17
 * item 11): errors of OpenRouter, Vertex/Gemini, Copilot, Hugging Face, Bedrock, SambaNova and the
 * new-api/one-api gateways as third-party trackers quote them, each family from batch 11's train
 * messages or the train paraphrase probes by meaning, in words of our own here (no held-out text).
 * Then the near misses each family must leave to the rule they belong to, and the hard one under a
 * 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a plan or balance, not a rate": [
    { message: "Server error: You have no quota (quota_exceeded)", kind: "billing" },
    { message: "You have exceeded your premium request allowance for this month.", kind: "billing" },
    { message: "Overage blocked: you do not currently have overages enabled.", kind: "billing" },
  ],
  "credentials refused in other words": [
    { message: "Bad request: the token seems to be invalid", httpStatus: 400, kind: "auth" },
    {
      message: "ValidationException: Your account is not authorized to perform this operation.",
      kind: "auth",
    },
    { message: "Failed to authenticate the request due to an expired token", kind: "auth" },
    { message: "Authentication Error, key is not allowed on this route", kind: "auth" },
  ],
  "the prompt against the window": [
    {
      message: "The prompt is 9000 tokens long, but the maximum supported sequence length is 8192",
      kind: "context_length",
    },
    { message: "prompt is too long: 210000 tokens > 200000 maximum", kind: "context_length" },
    {
      message: "Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 5000",
      httpStatus: 422,
      kind: "context_length",
    },
    {
      message: "Input validation error: `inputs` must have less than 512 tokens. Given: 700",
      kind: "context_length",
    },
  ],
  "tool call arguments that could not be read": [
    { message: "Failed to parse tool call arguments: unexpected end of input", kind: "output_invalid" },
    { message: "tool_call arguments for get_weather: the string is not valid JSON", kind: "output_invalid" },
  ],
  "a stream the server terminated": [
    {
      message: '{"error":{"message":"terminated","code":"stream_terminated"}}',
      httpStatus: 502,
      kind: "network",
    },
  ],
  "our routing choice, options and fields": [
    { message: "'fastest-x' is not a valid provider for this router", kind: "bad_request" },
    { message: "Tool config is set without tool declarations.", kind: "bad_request" },
    { message: "Mode `STRICT` is not enabled for api version v1alpha", kind: "bad_request" },
    { message: "Missing required field messages[0].role in request entity", kind: "bad_request" },
    { message: "UnsupportedParamsError: this model does not accept logit_bias", kind: "bad_request" },
    {
      message: "Item with id 'msg_123' not found. Items are not stored.",
      httpStatus: 404,
      kind: "bad_request",
    },
  ],
  "a gateway with no upstream for the model": [
    { message: "分组 default 下模型 demo-model 无可用渠道（distributor）", kind: "model_unavailable" },
    { message: "No available channel for model demo-model under group vip", kind: "model_unavailable" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A quota that lifts with time is a rate limit, not a plan.
  {
    message: "Quota exceeded for requests per minute. Please retry in 20s.",
    httpStatus: 429,
    kind: "rate_limit",
  },
  // Our output-token parameter is ours, never the token-is-invalid credentials family.
  { message: "max_tokens seems invalid: must be at most 4096", httpStatus: 400, kind: "bad_request" },
  // A model the router does not know is the model's matter, not an invalid provider.
  { message: "The model `ghost-1` does not exist", httpStatus: 404, kind: "model_not_found" },
  // Tokens per minute over a limit is a rate, not the window.
  { message: "Rate limit: 30000 tokens > 20000 maximum per minute", httpStatus: 429, kind: "rate_limit" },
];

describeWordings("wordings quoted in third-party trackers (batch 11)", FAMILIES, NEAR_MISSES, {
  families: ["a gateway with no upstream for the model"],
  status: 503,
});
