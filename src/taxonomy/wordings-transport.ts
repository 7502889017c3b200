import type { WordingSet } from "./wording-set.js";

/**
 * Broad families by meaning for the transport kinds, written from every batch's train messages of those
 * kinds (not from one batch): each regex with a comment naming the meaning and two or more train
 * messages from different sources it covers. Slots and precedence: wording-set.ts.
 */
export const WORDINGS_TRANSPORT: WordingSet = {};
