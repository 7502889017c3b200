import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 71's train messages (test/fixtures/taxonomy/provider-errors-71.json), each by
 * meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules read
 * lowercased text. Batch 71 is the families issue 17 names, from bug reports: account-level limits, token
 * limits per interval, generic server errors, keys refused under a 400 or in a stream, streams cut off, safety
 * blocks, empty answers, tool calls that failed, and the model-level families with their near misses. A model
 * that "isn't available for your org" is in patterns.ts, beside "not available for your account".
 */
export const WORDINGS_71: WordingSet = {
  contentFilter: [
    // The model's own refusal, said as such: "The model refused this request." (a tracing UI's words for
    // Anthropic's refusal stop reason).
    /\bmodel (?:has )?(?:refused|declined) (?:to (?:answer|respond to|complete|fulfil+) )?(?:this|the|your) (?:request|prompt)\b/,
  ],
};
