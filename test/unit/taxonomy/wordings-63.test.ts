import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 63 (src/taxonomy/wordings-63.ts; issue 17 item 11), each family from batch
 * 63's train messages by meaning, in words of our own here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "the OpenAI API's first word for a model, an engine, not found": [
    { message: "Engine not found", kind: "model_not_found" },
    {
      message: "InvalidRequestError: openai.error.InvalidRequestError: No such engine.",
      kind: "model_not_found",
    },
  ],
  "a managed identity's token not obtained": [
    {
      message: "Failed to acquire managed identity token for the resource; check the identity assignment.",
      httpStatus: 400,
      kind: "auth",
    },
    { message: '{"code":"ManagedIdentityIsNotEnabled","message":"Identity is off"}', kind: "auth" },
  ],
  "a message too long, in Chinese": [
    { message: "错误：消息过长，请缩短后重试", kind: "context_length" },
    { message: "对话太长", kind: "context_length" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A serving stack's engine that failed names what failed; a count of tokens is not a credential; a rate
  // limit that names a shorter prompt as its fix stays a rate limit.
  { message: "Engine core initialization failed. See root cause above.", kind: "server_error" },
  { message: "Failed to get token count for the prompt", httpStatus: 400, kind: "bad_request" },
  {
    message:
      "This request would exceed the rate limit of 40,000 input tokens per minute. Reduce the prompt length or try again later.",
    httpStatus: 429,
    kind: "rate_limit",
  },
];

describeWordings(
  "the wordings of batch 63 (agents' and apps' issues, thinner providers and relays, SDK sources)",
  FAMILIES,
  NEAR_MISSES,
  { families: ["the OpenAI API's first word for a model, an engine, not found"], status: 503 },
);
