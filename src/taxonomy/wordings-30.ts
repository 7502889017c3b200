import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 30's train messages (test/fixtures/taxonomy/provider-errors-30.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts. Batch
 * 30 is the provider wordings that clients' exception mapping matches on (LiteLLM, LangChain).
 */
export const WORDINGS_30: WordingSet = {
  auth: [
    // A credential the call did not carry: Hugging Face's "A valid user token is required" (as
    // "No API key provided"), before the "is required" of a missing request field.
    /\b(?:a )?valid (?:user |access |api |auth(?:entication)? |bearer )?token is required\b|\b(?:user|access|api|auth(?:entication)?|bearer) token (?:is )?required\b/,
  ],
  context: [
    // One prompt over the model's size: AI21's "Prompt has too many tokens" (as Mistral's "Too many
    // tokens in batch"), before the "too many tokens" of a rate, which says per what.
    /\b(?:prompt|input|message|request|document)s? (?:has|have|contains?) too many tokens\b(?!\s*(?:per|\/|a|an|each|every)\s)/,
  ],
};
