import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 37 (src/taxonomy/wordings-37.ts; issue 17 item 11): enterprise AI
 * platforms, more languages, agent frameworks and MCP hosts, each family from batch 37's train messages
 * by meaning, in words of our own here (no held-out text). Then the near misses each family must leave
 * to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "no credentials linked for the provider, whatever code it came under": [
    {
      message: '{"message":"No valid API keys configured for provider: anthropic","code":"model_not_found"}',
      httpStatus: 404,
      kind: "auth",
    },
  ],
  "a key the client has none of": [
    { message: "No API key was provided.", kind: "auth" },
    { message: "openaiApiKey is required", kind: "auth" },
  ],
  "a client SDK that cannot drive the provider package": [
    {
      message: "AI_UnsupportedModelVersionError: Unsupported model version v1 for provider x",
      kind: "bad_request",
    },
  ],
  "a field of our request left empty": [{ message: "tool name cannot be empty", kind: "bad_request" }],
  "a response format the provider does not offer": [
    { message: "response_format json_schema is not supported for this endpoint", kind: "bad_request" },
  ],
  "the prompt's token count over the model's limit, in Google's words": [
    {
      message:
        "Input request contains (9000) tokens, which is more than the max tokens limit allowed: (8192)",
      httpStatus: 400,
      kind: "context_length",
    },
  ],
  "a stream the connection dropped": [
    { message: "The connection was unexpectedly closed by the agent", kind: "network" },
  ],
  "no deployment of the model for this call": [
    { message: "No deployment matched the given criteria: {model: x}", kind: "model_unavailable" },
    {
      message: "Model 'gpt-9' is not available. Available models: gpt-5, gpt-5-mini",
      kind: "model_unavailable",
    },
  ],
  "a model-serving endpoint that does not exist": [
    { message: "{'error_code': 'ENDPOINT_NOT_FOUND'}", httpStatus: 404, kind: "model_not_found" },
    { message: "Endpoint my-llm of account 12345 not found.", kind: "model_not_found" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A route our client called that does not exist stays our request, not a missing model.
  { message: "No route for that URI", httpStatus: 404, kind: "bad_request" },
  // A deployment that is busy passes: no hard verdict with a retry hint.
  {
    message: "No deployments available for selected model, try again later",
    httpStatus: 429,
    kind: "rate_limit",
  },
  // A key that is invalid stays auth.
  { message: "Incorrect API key provided", httpStatus: 401, kind: "auth" },
];

describeWordings("the wordings of batch 37 (platforms, languages, agents)", FAMILIES, NEAR_MISSES, {
  families: ["no deployment of the model for this call", "a model-serving endpoint that does not exist"],
  status: 503,
});
