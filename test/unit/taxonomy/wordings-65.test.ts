import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 65 (src/taxonomy/wordings-65.ts, and "too many tokens" with no status in
 * classify.ts; issue 17 item 11), each family from batch 65's train messages by meaning, in words of our own
 * here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "credits spent, under a rate limit's status too": [
    {
      message: "RESOURCE_EXHAUSTED: your prepaid credits have been used up",
      httpStatus: 429,
      kind: "billing",
    },
    { message: "API credits exhausted for this project", kind: "billing" },
  ],
  "a spend cap the account set": [
    { message: "Usage cap reached. Set a new on-demand limit to continue.", kind: "billing" },
  ],
  "a plan the account lacks, by its code": [
    { message: '{"code":"plan_required","message":"Upgrade"}', kind: "billing" },
  ],
  "too many tokens with no status, no interval and no wait": [
    { message: "SDKError: too many tokens", kind: "context_length" },
  ],
};

const NEAR_MISSES: Case[] = [
  // Bedrock's throttling and a per-minute budget stay rate limits; a 429 saying only "too many tokens" too; the
  // on-demand throughput a model does not support is Bedrock's inference profile (model_unavailable).
  { message: "ThrottlingException: Too many tokens", kind: "rate_limit" },
  { message: "Too many tokens per minute for this organization", kind: "rate_limit" },
  { message: "Too many tokens", httpStatus: 429, kind: "rate_limit" },
  {
    message: "Invocation of model ID anthropic.claude-x with on-demand throughput isn't supported.",
    kind: "model_unavailable",
  },
];

describeWordings(
  "the wordings of batch 65 (forums and Q&A pages, gateways' sources and fixtures, 2026 agent threads)",
  FAMILIES,
  NEAR_MISSES,
  { families: [], status: 503 },
);
