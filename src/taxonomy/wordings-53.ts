import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 53's train messages (test/fixtures/taxonomy/provider-errors-53.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 53 is messages in languages other than English and Chinese (localised apps'
 * strings, translated provider documentation) and the hard class of the smaller providers. Its held-out
 * part scored 0.448 before its rules: the language families had too few ways of saying each thing. Its
 * wordings in those languages widened the families themselves (wordings-i18n.ts, wordings-ja-ko.ts); what
 * is here is said in English or in a service's own words.
 */
export const WORDINGS_53: WordingSet = {
  unavailable: [
    // A model the plan leaves out: CodeGPT "The model 'gpt-4o' is not available under your current pricing
    // plan."
    /\bnot available under your (?:current )?(?:pricing |subscription )?(?:plan|tier)\b/,
  ],
  billing: [
    // A spend cap, in a code's hyphenated words: xAI 403 "personal-team-blocked:spending-limit".
    /\bspending-limit\b/,
  ],
  contentFilter: [
    // The model refusing to answer (batch 53's Russian "Модель отказалась отвечать на этот запрос", read in
    // wordings-i18n.ts, said in English).
    /\bthe model refused to (?:answer|respond|reply)\b/,
  ],
  requestLate: [
    // Something of ours not found by its query (Django's wording, as Replicate answers): "No prediction
    // matches the given query." (A model not found is the hard rules'.)
    /\bno (?!model\b)\w+ matches the given query\b/,
  ],
};
