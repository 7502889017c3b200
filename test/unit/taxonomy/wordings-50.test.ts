import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 50 (src/taxonomy/wordings-50.ts; its Chinese, Japanese and Korean
 * wordings, in wordings-zh.ts and wordings-ja-ko.ts; a 504 that says to try later, classify.ts; issue 17 item
 * 11), each family from batch 50's train messages by meaning, in words of our own here (no held-out text).
 * Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a model service the account has not activated": [
    {
      message: "Denied: please activate the relevant model service in the console first.",
      httpStatus: 403,
      kind: "model_unavailable",
    },
  ],
  "a model kept from accounts not yet verified": [
    { message: "this model requires a verified organization", httpStatus: 403, kind: "model_unavailable" },
  ],
  "a model the key may not use, in Chinese": [
    { message: "当前密钥不允许调用该模型", httpStatus: 403, kind: "model_unavailable" },
  ],
  "a model the organisation restricts": [
    { message: "Your organization restriction on this model applies.", kind: "model_unavailable" },
  ],
  "a model switched off by the platform, in Chinese": [
    { message: "该模型已被平台禁用", kind: "model_unavailable" },
  ],
  "a model not available, with the advice to choose another, in Chinese": [
    { message: "模型不可用，请更换别的模型", kind: "model_unavailable" },
  ],
  "Bedrock's use-case form not sent, in Japanese": [
    { message: "モデルユースケースの詳細が提出されていません", kind: "model_unavailable" },
  ],
  "a model ceased operation, with a retry after switching models, in Chinese": [
    { message: "该模型已停运，请更换其他模型后重试", kind: "model_retired" },
  ],
  "a model not found, with a Chinese character in Japanese": [
    { message: "モデルが见つかりません", kind: "model_not_found" },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "credits or payment used up, in Korean": [{ message: "크레딧 모두 소진되었습니다", kind: "billing" }],
  "a quota short, in Japanese": [{ message: "エラー: クォータが不足しています", kind: "billing" }],
  "a resource package's remainder used up, in Chinese": [{ message: "资源包余额已耗尽", kind: "billing" }],
  "the whole service not activated, in Chinese": [{ message: "该服务尚未开通", kind: "auth" }],
  "a token expired, in Chinese": [{ message: "token 已过期，请重新登录", kind: "auth" }],
  "a key that needs a workspace named with it": [
    { message: "This API key is not scoped to any workspace; add the header.", kind: "auth" },
  ],
  "content refused for violation information": [
    { message: "Input contains serious violation information.", httpStatus: 400, kind: "content_filter" },
  ],
  "a model that does not take images, in Chinese": [
    { message: "当前模型不支持图片输入", kind: "bad_request" },
  ],
  "a route the server does not serve": [
    { message: "Unexpected endpoint or method (GET /v2/chat)", kind: "bad_request" },
  ],
  "a field missing from our request": [
    { message: "messages not found in the request body", kind: "bad_request" },
  ],
  "requests over the limit, in Chinese": [{ message: "请求次数超出限制", kind: "rate_limit" }],
  "a server with no room": [
    { message: "system saturated, request shed", httpStatus: 429, kind: "overloaded" },
  ],
  "a gateway's deadline that says to try later": [
    { message: "Gateway timeout. Please try again later.", httpStatus: 504, kind: "timeout" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model's service not activated is the model's matter, not the account's (wordings-zh.ts).
  { message: "模型服务未开通", kind: "model_unavailable" },
  // A retry later, not after choosing another model, still vetoes the hard verdict.
  { message: "该模型已停运，请稍后重试", kind: "unknown" },
  // The same try-later words under a 503 stay the capacity reading.
  { message: "Service unavailable. Please try again later.", httpStatus: 503, kind: "overloaded" },
];

describeWordings(
  "the wordings of batch 50 (serving stacks and gateways, other languages, the provider-wide class)",
  { ...FAMILIES, ...NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);
