import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 19 (src/taxonomy/wordings-19.ts, and TOO_MANY_TOKENS and
 * UPSTREAM_NO_RESPONSE in phrasings.ts, issue 17 item 11): the thinner providers in their own words,
 * each family from batch 19's train messages by meaning, in words of our own here (no held-out text).
 * Then the near misses each family must leave to the rule they belong to, and the hard one under a 5xx
 * or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "too many tokens for the model, under a 400 and with no interval": [
    {
      message: "Too many tokens in the input; split it into smaller parts.",
      httpStatus: 400,
      kind: "context_length",
    },
    {
      message: "too many tokens: the prompt exceeds the size limit by 12 tokens",
      httpStatus: 413,
      kind: "context_length",
    },
  ],
  "a gateway that got no answer from the server behind it": [
    {
      message: "The proxy did not receive a timely response from the upstream server. Try again later.",
      kind: "timeout",
    },
    {
      message: "Gateway error: could not get a response from an upstream host",
      httpStatus: 502,
      kind: "timeout",
    },
  ],
  "a client that found the provider's answer of the wrong type": [
    {
      message: 'TypeValidationError: Type validation failed: Value: {"object":"chat.completion.chunk"}',
      kind: "output_invalid",
    },
  ],
  "a model version switched off": [
    {
      message: "This model version is disabled while we investigate failing runs.",
      kind: "model_unavailable",
    },
  ],
  "a host name that did not resolve": [{ message: "net::ERR_NAME_NOT_RESOLVED", kind: "network" }],
  "a model's container that never came up": [
    { message: "The container failed to start within the setup window.", kind: "server_error" },
  ],
};

const NEAR_MISSES: Case[] = [
  // Too many tokens per minute is a rate limit, whatever the status.
  { message: "Too many tokens per minute for this organization.", httpStatus: 400, kind: "rate_limit" },
  // Bedrock's throttling says to wait: a rate limit.
  {
    message: "ThrottlingException: Too many tokens, please wait before trying again.",
    httpStatus: 400,
    kind: "rate_limit",
  },
  // Too many tokens under a 429 stays a rate limit.
  { message: "Too many tokens", httpStatus: 429, kind: "rate_limit" },
  // An API version is not a model version switched off: no hard verdict (no rule reads these).
  { message: "API version is disabled for this endpoint; use v2", kind: "unknown" },
  { message: "The API version is disabled; use v2", kind: "unknown" },
  // Retry words alone, with no upstream that failed to answer, stay an overload.
  { message: "The service is busy. Please try again later.", kind: "overloaded" },
];

describeWordings("wordings of the thinner providers (batch 19)", FAMILIES, NEAR_MISSES, {
  families: ["a model version switched off"],
  status: 503,
});
