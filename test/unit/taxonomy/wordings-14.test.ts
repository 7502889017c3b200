import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 14 (src/taxonomy/wordings-14.ts, issue 17 item 11): errors as
 * benchmark, eval and load-test harnesses quote them, each family from batch 14's train messages by
 * meaning, in words of our own here (no held-out text). Then the near misses each family must leave
 * to the rule they belong to, and the hard ones under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "an answer the client calls blocked": [
    { message: "Content blocked: the candidate had no parts.", kind: "content_filter" },
  ],
  "an input longer than the schema's length cap": [
    {
      message:
        "Malformed input request: expected maxLength: 9000, actual: 12000, please reformat your input.",
      httpStatus: 400,
      kind: "context_length",
    },
  ],
  "a model gated by the account's tier": [
    {
      message: "Access to this model is only available to tier 3 and above.",
      httpStatus: 403,
      kind: "model_unavailable",
    },
    {
      message:
        "Access to the model is allowed for build tier 2 and above. Make sure your balance is positive.",
      kind: "model_unavailable",
    },
  ],
  "a deprecated model with its replacement named": [
    {
      message: "Demo Turbo 2 is deprecated. Demo Labs recommends switching to Demo Turbo 3.",
      kind: "model_retired",
    },
    {
      message: "Error: demo large is deprecated. We recommend migrating to demo large v2.",
      httpStatus: 404,
      kind: "model_retired",
    },
  ],
  "a gateway with no provider for the model": [
    {
      message: '{"error":{"message":"unknown provider for model demo-7b"}}',
      httpStatus: 400,
      kind: "model_not_found",
    },
    { message: "No provider found for model demo-chat.", kind: "model_not_found" },
  ],
  "a tool definition refused by its field path": [
    { message: "tools.0.custom.input_schema: type must be object", kind: "bad_request" },
    { message: "input_schema does not support $ref at the top level", kind: "bad_request" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A parameter, field or API version that is deprecated says nothing about the model.
  { message: "The `functions` parameter is deprecated. We recommend switching to `tools`.", kind: "unknown" },
  {
    message: "The API version 2023-05-15 is deprecated. We recommend switching to 2024-02-01.",
    kind: "unknown",
  },
  // Access granted without a tier named is no refusal.
  { message: "Access to this model is allowed.", kind: "unknown" },
  // A tier that caps the rate is a rate limit, not a gated model.
  { message: "Your tier allows 60 requests per minute.", kind: "rate_limit" },
  // A provider the client cannot find, with no model named, is our configuration.
  { message: "unknown provider: foo", kind: "unknown" },
  // A minimum length the input did not reach is a malformed request, not a long prompt.
  {
    message: "Malformed input request: expected minLength: 1, actual: 0, please reformat your input.",
    kind: "bad_request",
  },
  // A tool schema named in a server failure is the provider's failure.
  { message: "tools.0.input_schema: internal error", httpStatus: 500, kind: "server_error" },
];

describeWordings("wordings quoted in benchmark and eval harness trackers (batch 14)", FAMILIES, NEAR_MISSES, {
  families: [
    "a model gated by the account's tier",
    "a deprecated model with its replacement named",
    "a gateway with no provider for the model",
  ],
  status: 503,
});
