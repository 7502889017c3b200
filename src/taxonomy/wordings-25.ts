import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 25's train messages (test/fixtures/taxonomy/provider-errors-25.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts. Batch
 * 25 is the product providers' errors as forums, Q&A sites and their own error pages show them; its
 * other families went beside the rules they join (phrasings.ts unavailableFirst: a Marketplace
 * entitlement of one model; patterns.ts CAPACITY_SHORTAGE: a server limiting requests that says it
 * is not the caller's limit).
 */
export const WORDINGS_25: WordingSet = {
  auth: [
    // A request whose signature the provider could not verify: Bedrock IncompleteSignature "The request
    // signature does not conform to AWS standards." (under a 400).
    /\b(?:request )?signature (?:does not|doesn't|did not) (?:conform|match|verify)\b|\bincompletesignature\b|\bsignaturedoesnotmatch\b/,
  ],
};
