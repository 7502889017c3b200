import type { WordingSet } from "./wording-set.js";

/**
 * Broad families by meaning for the hard kinds (model_not_found, model_retired, model_unavailable),
 * written from every batch's train messages of those kinds (not from one batch): each regex with a
 * comment naming the meaning and two or more train messages from different sources it covers. A hard
 * verdict can get a healthy model disabled: every family here is positive evidence about the model,
 * and stays under the transient veto. Slots and precedence: wording-set.ts.
 */
export const WORDINGS_HARD: WordingSet = {};
