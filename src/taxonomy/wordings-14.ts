import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 14's train messages (test/fixtures/taxonomy/provider-errors-14.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 */
export const WORDINGS_14: WordingSet = {};
