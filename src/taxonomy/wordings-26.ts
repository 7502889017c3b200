import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 26's train messages (test/fixtures/taxonomy/provider-errors-26.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts. Batch
 * 26 is the product providers' errors as non-English blogs, Q&A sites and relay docs quote them; its
 * other family went beside the rule it joins (phrasings.ts unavailableFirst: a model the caller has
 * no permission to use).
 */
export const WORDINGS_26: WordingSet = {
  contentFilter: [
    // A request stopped by the provider's filter, said as a block: Bedrock (Nova Canvas)
    // ValidationException "This request has been blocked by our content filters. Please adjust your
    // text prompt to submit a new request."
    /\bblocked by (?:our|the|its|a|their) (?:content|safety|moderation) (?:filters?|polic(?:y|ies)|systems?)\b/,
  ],
};
