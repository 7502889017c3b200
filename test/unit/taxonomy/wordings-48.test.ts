import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 48 (src/taxonomy/wordings-48.ts, its Chinese wording in wordings-zh.ts, and the PHP spelling of Gemini's prompt
 * feedback in patterns.ts; issue 17 item 11): the product providers as 2026 threads quote them, each family
 * from batch 48's train messages by meaning, in words of our own here (no held-out text). Then the near
 * misses.
 */
const NOT_HARD: Record<string, Case[]> = {
  "an answer whose content is empty, in Chinese": [
    { message: "请求失败：返回的 choices 为空", kind: "output_invalid" },
  ],
  "an API surface the service does not offer": [
    { message: "Requested API is not supported", kind: "bad_request" },
  ],
  "a blocked prompt, as a PHP client spells its feedback": [
    {
      message:
        "No candidates were returned. Check the `Response::$promptFeedback` to see if the prompt was blocked.",
      kind: "content_filter",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // Feedback that says nothing was blocked.
  { message: "promptFeedback: {blocked: false}", kind: "unknown" },
];

describeWordings("the wordings of batch 48 (the product providers in 2026)", NOT_HARD, NEAR_MISSES, {
  families: [],
  status: 503,
});
