import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 32 (src/taxonomy/wordings-32.ts; issue 17 item 11): sources earlier
 * batches cited little, each family from batch 32's train messages by meaning, in words of our own
 * here (no held-out text). Then the near misses each family must leave to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a caller not allowed the action it asked for": [
    { message: "You don't have the permission to execute this operation", httpStatus: 400, kind: "auth" },
    { message: "Caller does not have authorization to perform the requested action", kind: "auth" },
    { message: "NotAuthorized: the signing key cannot call InvokeModel", httpStatus: 400, kind: "auth" },
  ],
  "the input over its length, in Chinese with the content named": [
    { message: "输入文本过长，请删减后重试", httpStatus: 400, kind: "context_length" },
    { message: "请求内容长度过长", kind: "context_length" },
    { message: "请减少输入的 token 数量", kind: "context_length" },
  ],
  "an endpoint taken down for maintenance": [
    {
      message: "The inference endpoint is undergoing scheduled maintenance; please retry in an hour",
      httpStatus: 503,
      kind: "server_error",
    },
    { message: "Our platform is down for maintenance. Try again later.", kind: "server_error" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A permission on a named model stays with the model rules (batch 26).
  {
    message: "You do not have permission to access tuned model tunedModels/abc",
    httpStatus: 403,
    kind: "model_unavailable",
  },
  // Asked to slow down, not to shorten: the request rate, not the prompt's length.
  { message: "请减少请求频率后重试", httpStatus: 429, kind: "rate_limit" },
  // Input refused for what it says, not for its length.
  { message: "输入内容违规，请修改后重试", httpStatus: 400, kind: "content_filter" },
  // A maintenance notice under a 429 is still the rate limit that refused us.
  {
    message: "Rate limit exceeded. Note: the API is under maintenance tonight from 2am",
    httpStatus: 429,
    kind: "rate_limit",
  },
  // A model out of room stays overloaded: "try again later" without maintenance.
  { message: "The model is overloaded, please try again later", kind: "overloaded" },
];

describeWordings("the wordings of batch 32 (sources earlier batches cited little)", FAMILIES, NEAR_MISSES, {
  families: [],
  status: 503,
});
