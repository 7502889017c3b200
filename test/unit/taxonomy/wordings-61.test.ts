import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 61 (src/taxonomy/wordings-61.ts, and its Chinese relay strings in
 * wordings-zh.ts; issue 17 item 11), each family from batch 61's train messages by meaning, in words of our own
 * here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "an object of ours, by its prefixed id, that the provider does not hold": [
    { message: "Conversation conv_abc123 not found", httpStatus: 404, kind: "bad_request" },
    { message: "Thread with id 'thread_9x' not found.", httpStatus: 404, kind: "bad_request" },
  ],
  "no answer from the upstream in time, and no account free, in Chinese": [
    { message: "网关没有等到上游的响应", kind: "timeout" },
    { message: "当前暂无可用账户，请稍后再试", httpStatus: 502, kind: "overloaded" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model not found is the model's, not an object of ours: the id has no object prefix.
  { message: "Model demo-7b not found", httpStatus: 404, kind: "model_not_found" },
];

describeWordings(
  "the wordings of batch 61 (recorded cassettes, Q&A and relay pages)",
  FAMILIES,
  NEAR_MISSES,
  { families: [], status: 503 },
);
