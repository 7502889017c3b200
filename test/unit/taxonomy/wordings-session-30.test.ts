import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added in session 30 (patterns.ts, phrasings.ts, wordings-access.ts, wordings-zh.ts, wordings-ja-ko.ts;
 * issue 17 item 11), from the sentences of our own in
 * near-misses-30.test.ts, each family here in other words of our own (no held-out text). Then the near
 * misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "an account with no credits, whatever envelope carries it": [
    {
      message:
        "The caller does not have permission to execute the specified operation: your team doesn't have any credits yet",
      httpStatus: 403,
      kind: "billing",
    },
    { message: "This organization does not have enough credits to complete the request", kind: "billing" },
    { message: "PermissionDenied: you do not have any credits left on this key", kind: "billing" },
  ],
  "Gemini's finish reason by its number: a block": [
    { message: "The candidate's finish_reason is 3.", kind: "content_filter" },
    {
      message:
        "Invalid operation: The `response.parts` quick accessor requires a valid Part, but none were returned. The candidate's [finish_reason](https://ai.google.dev/api/generate-content#finishreason) is 8.",
      kind: "content_filter",
    },
    { message: "candidate finish_reason: 4 (no text)", kind: "content_filter" },
  ],
  "Gemini's finish reason by its number: an unusable answer": [
    {
      message:
        "The candidate's [finish_reason](https://ai.google.dev/api/generate-content#finishreason) is 2.",
      kind: "output_invalid",
    },
    { message: "finish_reason=10 and no parts in the candidate", kind: "output_invalid" },
  ],
  "the model's access refused, with no cause given": [
    {
      message: '{"code":"Model.AccessDenied","message":"Model access denied."}',
      httpStatus: 403,
      kind: "model_unavailable",
    },
    { message: "Error: model access was denied for this request", kind: "model_unavailable" },
  ],
};

FAMILIES["a request judged risky or unsafe, in any envelope"] = [
  { message: "Prompt was deemed unsafe by the provider's checks", kind: "content_filter" },
  { message: "Blocked: the input was classified as harmful", kind: "content_filter" },
];
FAMILIES["a model deprecating now, not on a date"] = [
  {
    message: "This model is deprecating; please switch to a newer one",
    httpStatus: 400,
    kind: "model_retired",
  },
  { message: "Models in this family are deprecating, use v3 instead", kind: "model_retired" },
];
FAMILIES["authentication failed, in Chinese"] = [
  // "认证失败" and "鉴权失败" were read before; identity verification and the traditional script were not.
  { message: "身份验证失败。", httpStatus: 400, kind: "auth" },
  { message: "身份認證失敗，請重新登入", kind: "auth" },
  { message: "請求鑒權失敗", kind: "auth" },
];

FAMILIES["one model kept from the account, by code, approval or plan, in any language"] = [
  {
    message: '{"error":{"code":"model_not_permitted_for_tier","message":"Upgrade required"}}',
    httpStatus: 403,
    kind: "model_unavailable",
  },
  {
    message: "Your subscription is not approved for this model yet.",
    httpStatus: 403,
    kind: "model_unavailable",
  },
  {
    message: "Access to the model gpt-x is limited to approved customers",
    httpStatus: 403,
    kind: "model_unavailable",
  },
  {
    message: "現在のプランではモデル acme-large をご利用できません",
    httpStatus: 403,
    kind: "model_unavailable",
  },
  { message: "이 키에는 acme-large 모델 접근 권한이 없습니다", httpStatus: 403, kind: "model_unavailable" },
];
FAMILIES["a server crowded with requests, in Japanese"] = [
  {
    message: "アクセスが集中しています。しばらくしてから再度お試しください。",
    httpStatus: 503,
    kind: "overloaded",
  },
];

const NEAR_MISSES: Case[] = [
  // A normal stop by number or by name says nothing of a block (left to the LLM pass).
  { message: "The candidate's finish_reason is 1.", kind: "unknown" },
  { message: "Generation stopped: finish_reason=stop", kind: "unknown" },
  // A version number is not a finish reason.
  { message: "Upgrade to gpt-3.5 is required", kind: "bad_request" },
  // Not enough quota is a limit, and permission for one model is the model kept from the key.
  { message: "You don't have enough quota for this model", httpStatus: 429, kind: "rate_limit" },
  {
    message: "The key does not have permission to use this model",
    httpStatus: 403,
    kind: "model_unavailable",
  },
  // Access denied with the account's cause named is the account's (credentials or money), and with no
  // model named it is the credentials'.
  {
    message:
      "Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions",
    httpStatus: 403,
    kind: "auth",
  },
  { message: "Model access is denied due to INVALID_PAYMENT_INSTRUMENT", httpStatus: 403, kind: "billing" },
  { message: "Access denied.", httpStatus: 403, kind: "auth" },
  // An endpoint with no model's name is a route; a deprecation with its date is a notice; a header thought
  // sensitive is no filter; a model's credentials missing is not a verification that failed.
  { message: "Endpoint not found", httpStatus: 404, kind: "unknown" },
  { message: "The model is deprecating on 2026-01-01; migrate before then", kind: "unknown" },
  { message: "The header is considered sensitive and was removed", kind: "unknown" },
  { message: "模型认证信息缺失", kind: "unknown" },
  // An approval or a limit that is not the model's is no verdict on it.
  { message: "Your request is not approved for this region", httpStatus: 403, kind: "auth" },
  { message: "Access to the API is limited to 10 requests per minute", httpStatus: 429, kind: "rate_limit" },
];

describeWordings("the wordings of session 30 (sentences of our own about a model)", FAMILIES, NEAR_MISSES, {
  families: ["the model's access refused, with no cause given", "a model deprecating now, not on a date"],
  status: 503,
});
