import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 33 (src/taxonomy/wordings-33.ts; issue 17 item 11): gateways' and
 * relays' own error tables beside a few issue threads, each family from batch 33's train messages by
 * meaning, in words of our own here (no held-out text). Then the near misses each family must leave to
 * the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a spend cap on the key, reached": [
    { message: "Unauthorized: this API key reached its spending limit", httpStatus: 401, kind: "billing" },
    {
      message: "Key sk-…abc has reached the budget limit set by your admin",
      httpStatus: 403,
      kind: "billing",
    },
  ],
  "an endpoint that does not serve our key, naming the one to call": [
    {
      message: "This endpoint does not serve this API key type. Use the /v2/chat endpoint instead.",
      httpStatus: 403,
      kind: "bad_request",
    },
    {
      message: "Use the /api/public endpoint of your workspace instead",
      httpStatus: 404,
      kind: "bad_request",
    },
  ],
  "rate limiting in Chinese as 限速": [
    { message: "当前模型触发限速，请稍后重试", httpStatus: 503, kind: "rate_limit" },
    { message: "上游达到并发上限", kind: "rate_limit" },
  ],
  "the provider's server named as what is wrong": [
    { message: "Something is wrong with our servers, please try again later", kind: "server_error" },
    {
      message: "We think something went wrong on our backend, please try again later",
      httpStatus: 500,
      kind: "server_error",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // A usage limit that resets on a schedule is the README's open conflict: no money rule decides it.
  {
    message: "Your API key reached its usage limit. Resets in 3 hours.",
    httpStatus: 429,
    kind: "rate_limit",
  },
  // A key that is not valid stays a credential failure.
  { message: "Invalid API key provided", httpStatus: 401, kind: "auth" },
  // Capacity in other words stays overloaded: no server named as wrong.
  { message: "The model is overloaded, please try again later", kind: "overloaded" },
  // Chinese request-frequency wording keeps its rate-limit rule; a balance stays money.
  { message: "余额不足，请充值", httpStatus: 403, kind: "billing" },
];

describeWordings("the wordings of batch 33 (gateways' and relays' error tables)", FAMILIES, NEAR_MISSES, {
  families: [],
  status: 503,
});
