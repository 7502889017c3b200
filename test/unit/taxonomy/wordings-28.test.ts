import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 28 (src/taxonomy/wordings-28.ts; phrasings.ts HOST_CANNOT_HOLD;
 * issue 17 item 11): what code, tests, notebooks and logs recorded as received, each family from
 * batch 28's train messages by meaning, in words of our own here (no held-out text). Then the near
 * misses each family must leave to the rule they belong to, and the hard family under a 5xx or a
 * retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "the request's tokens over the most allowed": [
    { message: "tokens in request exceed the maximum tokens allowed (code 1210)", kind: "context_length" },
    {
      message: "Error: the tokens in this request are more than max tokens",
      httpStatus: 400,
      kind: "context_length",
    },
  ],
  "a conversation history the server could not accept": [
    {
      message:
        '{"code":-32603,"message":"Internal error","data":"Invalid chat history: tool result without a call"}',
      kind: "bad_request",
    },
  ],
  "a host whose memory cannot hold the model": [
    {
      message: "Model 'tiny-llm' (12.5GB) does not fit under the memory limit (8GB). Use a smaller model.",
      httpStatus: 507,
      kind: "model_unavailable",
    },
    { message: "model doesn't fit in the GPU memory budget", kind: "model_unavailable" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model kept from the free tier is the model's matter for this account (not the plan's billing,
  // which would pause every model of the provider); the free tier's rate is a rate limit.
  {
    message: "Model 'big-model' is not available on the free tier. Upgrade, or pick a free model.",
    httpStatus: 404,
    kind: "model_unavailable",
  },
  { message: "Free tier rate limit exceeded: 10 requests per minute.", httpStatus: 429, kind: "rate_limit" },
  // The output budget asked for is our request's field, not the prompt's size.
  {
    message: "max_tokens is too large: 9000. This model supports at most 4096 completion tokens.",
    httpStatus: 400,
    kind: "bad_request",
  },
  // A device out of memory while running is the server's failure, not the model's size on the host.
  { message: "CUDA out of memory. Tried to allocate 2.00 GiB", httpStatus: 500, kind: "server_error" },
];

describeWordings("wordings of what code and tests recorded (batch 28)", FAMILIES, NEAR_MISSES, {
  families: ["a host whose memory cannot hold the model"],
  status: 503,
});
