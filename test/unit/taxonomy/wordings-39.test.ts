import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 39 (src/taxonomy/wordings-39.ts; issue 17 item 11): the hard class from
 * trackers the corpus cites little, community clients in other languages, Bedrock and Vertex as their
 * users quote them; each family from batch 39's train messages by meaning, in words of our own here (no
 * held-out text). Then the near misses each family must leave to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a gated model refused to a caller not signed in": [
    {
      message: "Access to model org/llm-9b is restricted. You must be authenticated to access it.",
      httpStatus: 401,
      kind: "auth",
    },
  ],
  "a prompt refused for its words": [
    { message: "Your prompt contains filtered words.", httpStatus: 400, kind: "content_filter" },
  ],
  "a client library that got no AI message back": [
    { message: "IllegalArgumentException: aiMessage must not be null", kind: "output_invalid" },
  ],
  "a model the plan gives no endpoint, or a local server with it unloaded": [
    {
      message: "no serving endpoints available for this model under your organization's plan",
      kind: "model_unavailable",
    },
    { message: "Error: Model is unloaded.", kind: "model_unavailable" },
  ],
  "an allowance that comes back": [
    { message: "The app is out of usage quota, try again later.", kind: "rate_limit" },
  ],
  "a model server still loading the model": [
    { message: "Model with name llama-8b is not ready.", httpStatus: 503, kind: "overloaded" },
  ],
  "a client's retry deadline passed": [
    { message: "RetryError: Deadline of 60.0s exceeded while calling target function", kind: "timeout" },
  ],
  "a name not known, with the names that are": [
    {
      message: 'Model "gtp-5" is not supported by the CLI. Supported models: "gpt-5", "gpt-5-mini"',
      kind: "model_not_found",
    },
    { message: "404: No matching model found", httpStatus: 404, kind: "model_not_found" },
    { message: "模型 qwen-9 不支持，请改用 qwen-max", httpStatus: 400, kind: "model_not_found" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A gated model the signed-in caller is not on the list for stays the model's matter.
  {
    message: "Access to model org/llm-9b is restricted and you are not in the authorized list.",
    httpStatus: 403,
    kind: "model_unavailable",
  },
  // A name not found with a retry hint under a 503 is never hard (the veto): the retry words decide.
  { message: "404: No matching model found, please retry later", httpStatus: 503, kind: "overloaded" },
  // A parameter a client does not support is our request, not an unknown model.
  { message: "Parameter seed is not supported by this client.", httpStatus: 400, kind: "bad_request" },
];

describeWordings(
  "the wordings of batch 39 (hard class, other-language clients, Bedrock and Vertex)",
  FAMILIES,
  NEAR_MISSES,
  {
    families: [
      "a model the plan gives no endpoint, or a local server with it unloaded",
      "a name not known, with the names that are",
    ],
    status: 503,
  },
);
