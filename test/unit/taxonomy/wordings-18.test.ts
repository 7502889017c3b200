import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 18 (src/taxonomy/wordings-18.ts and REFUSED_FOR_CONTENT in
 * phrasings.ts, issue 17 item 11): what self-hosted chat apps, builders, editors and API relays print
 * around the providers' errors, each family from batch 18's train messages by meaning, in words of our
 * own here (no held-out text). Then the near misses each family must leave to the rule they belong to,
 * and the hard ones under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a relay's ledger that cannot reserve the call's cost": [
    { message: "Access denied: 预扣费额度失败, 用户剩余额度: ＄0.10", kind: "billing" },
    { message: "请求失败：剩余额度不足", httpStatus: 403, kind: "billing" },
  ],
  "a relay that found the model's answer empty": [
    { message: "上游模型输出为空，请重试", kind: "output_invalid" },
    { message: "错误：模型回复内容为空", kind: "output_invalid" },
  ],
  "a model the caller's plan or key does not cover": [
    { message: "The model fast-1 does not work with your current plan.", kind: "model_unavailable" },
    { message: "This model doesn't work with the API key you are using", kind: "model_unavailable" },
  ],
  "a relay with no price for the model": [
    { message: "Model demo-2 ratio or price not set, please set it first", kind: "model_unavailable" },
    {
      message: '{"error":{"code":"model_price_error","message":"price missing"}}',
      kind: "model_unavailable",
    },
  ],
  "a model withdrawn with its successor named": [
    {
      message: "Sonnet Demo 4.5 is no longer available. Please switch to Sonnet Demo 4.6.",
      kind: "model_retired",
    },
    {
      message: '{"error":{"message":"demo-3-large is no longer offered, migrate to demo-4-large"}}',
      kind: "model_retired",
    },
  ],
  "our code calling what the SDK removed": [
    {
      message: "openai.lib._old_api.APIRemovedInV1: You tried to access openai.Completion",
      kind: "bad_request",
    },
  ],
  "a provider refusing the request for its content, in an unauthorized envelope": [
    {
      message:
        '{"error":"ERROR_UNAUTHORIZED","detail":"The gateway refused to process your prompt due to its content"}',
      kind: "content_filter",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // "model" after a dot is a name in code: the SDK's own API removed is not a retired model.
  {
    message: "You tried to access openai.Model, but this is no longer supported in openai>=1.0.0",
    kind: "bad_request",
  },
  // A retired model in plain words stays retired.
  { message: "The model demo-3 has been deprecated and is no longer supported.", kind: "model_retired" },
  // An empty prompt is ours, not an empty answer.
  { message: "messages: 输入不能为空", httpStatus: 400, kind: "bad_request" },
  // A quota per minute is a rate limit, not a ledger.
  { message: "Rate limit reached: too many requests per minute", httpStatus: 429, kind: "rate_limit" },
  // A key that is simply unauthorized stays auth.
  { message: '{"error":"ERROR_UNAUTHORIZED","detail":"Invalid API key"}', kind: "auth" },
  // Something other than a model withdrawn, its replacement named: a plan, an API, a tier.
  { message: "The free tier is no longer available. Please switch to a paid plan.", kind: "unknown" },
  { message: "API v1 is no longer available. Please switch to API v2.", kind: "unknown" },
  { message: "Plan 2 is no longer available. Please switch to plan 3", kind: "unknown" },
  // A function named for its deadline in a stack trace is not a timeout; the connection error is.
  {
    message:
      "Error: Connection error.\n    at Demo.makeRequest (core.mjs:297:1)\n    at Demo.fetchWithTimeout (core.mjs:354:1)",
    kind: "network",
  },
  // A connect attempt that ran out of time is a timeout (as messages.ts has had it).
  { message: "Error with the API request: connect ETIMEDOUT 10.0.0.1:443", kind: "timeout" },
  // A plan named without the model is money, not a model closed to the caller.
  { message: "Your current plan does not include API access. Upgrade your plan.", kind: "billing" },
];

describeWordings("wordings of chat apps, builders and relays (batch 18)", FAMILIES, NEAR_MISSES, {
  families: [
    "a model the caller's plan or key does not cover",
    "a relay with no price for the model",
    "a model withdrawn with its successor named",
  ],
  status: 503,
});
