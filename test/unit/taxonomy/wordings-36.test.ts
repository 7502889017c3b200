import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 36 (src/taxonomy/wordings-36.ts; issue 17 item 11): the long tail of
 * non-English sources, model-serving stacks, clients in other languages and apps, each family from
 * batch 36's train messages by meaning, in words of our own here (no held-out text). Then the near misses
 * each family must leave to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a credit balance in an error reason's capitals": [
    { message: 'reason: "INSUFFICIENT_PREPAID_CREDITS"', httpStatus: 429, kind: "billing" },
  ],
  "a token refused with nothing else said of it": [
    { message: '{"error":"Expired token supplied","status":500}', kind: "auth" },
  ],
  "a client library that found no key to send": [
    { message: "Did not find anthropic_api_key, please set it", kind: "auth" },
  ],
  "a relay group open only to certain clients": [
    { message: "this channel only allows official CLI clients", kind: "auth" },
  ],
  "the account locked or banned, in Chinese": [{ message: "该账号已被封禁", kind: "auth" }],
  "content refused as non-compliant, in Chinese": [
    { message: "请求含有违规内容，已被拦截", kind: "content_filter" },
    { message: "输出包含敏感内容", kind: "content_filter" },
  ],
  "the prompt over a serving stack's token cap": [
    { message: "prompt length (5000) must not exceed max_input_len (4096)", kind: "context_length" },
  ],
  "a stream with no answer in it": [
    { message: "upstream returned an empty stream", httpStatus: 502, kind: "output_invalid" },
    { message: "too many empty chunks received", kind: "output_invalid" },
  ],
  "a parameter the server does not take, under any status": [
    { message: "Unsupported parameter: logprobs", httpStatus: 500, kind: "bad_request" },
  ],
  "a model that cannot take our request's adapters": [
    { message: "Server error: this model does not support adapters", kind: "bad_request" },
  ],
  "tool messages out of order in our conversation": [
    {
      message: "tool message found but no preceding assistant message with a tool call",
      httpStatus: 500,
      kind: "bad_request",
    },
  ],
  "more of one kind of input than the API takes": [
    { message: "max number of images is 10", kind: "bad_request" },
  ],
  "a way of calling the model it does not support, in Chinese": [
    { message: "该模型不支持 stream 参数", kind: "bad_request" },
  ],
  "requests limited in frequency, in Chinese": [{ message: "触发限频", kind: "rate_limit" }],
  "out of capacity, in a reason code or in Japanese": [
    { message: "PROVIDER_CAPACITY_EXHAUSTED", kind: "overloaded" },
    { message: "サーバーが混雑しています。しばらくしてから再度お試しください", kind: "overloaded" },
  ],
  "a model's endpoint not deployed yet": [
    { message: "The endpoint for this model is not deployed.", kind: "model_unavailable" },
  ],
  "a model faded out": [{ message: "The model has been faded out.", kind: "model_retired" }],
  "a model identifier declared invalid": [
    { message: 'grpc_message:"invalid model_id"', kind: "model_not_found" },
  ],
};

const NEAR_MISSES: Case[] = [
  // LiteLLM's "Invalid model name passed in model=None" is our request: no model was sent.
  { message: "Invalid model name passed in model=None", kind: "bad_request" },
  // A rate over its limit with credits named elsewhere stays a rate limit.
  { message: "Rate limit exceeded: requests per minute", httpStatus: 429, kind: "rate_limit" },
  // A deployment not found stays not found.
  {
    message: "The API deployment for this resource does not exist.",
    httpStatus: 404,
    kind: "model_not_found",
  },
];

describeWordings("the wordings of batch 36 (the long tail)", FAMILIES, NEAR_MISSES, {
  families: [
    "a model's endpoint not deployed yet",
    "a model faded out",
    "a model identifier declared invalid",
  ],
  status: 503,
});
