import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 16's train messages (test/fixtures/taxonomy/provider-errors-16.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 */
export const WORDINGS_16: WordingSet = {};
