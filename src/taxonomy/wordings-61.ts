import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 61's train messages (test/fixtures/taxonomy/provider-errors-61.json), each by
 * meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules read
 * lowercased text. Batch 61 is recorded cassettes and Q&A or relay pages; its Chinese relay strings widened
 * wordings-zh.ts.
 */
export const WORDINGS_61: WordingSet = {
  request: [
    // An object of ours, named by its prefixed id, that the provider does not hold (a stored completion or
    // response, a conversation, a thread): OpenAI 404 "Completion comp_nonexistent_12345 not found", "Response
    // with id 'resp_0f44…' not found." (as "Item with id 'rs_…' not found" is ours in earlier batches). Not a
    // model: the id carries the object's own prefix.
    /\b(?:completion|response|conversation|thread|run|message|item|batch|file|upload|container|vector store)(?: with id)? [`'"]?(?:chatcmpl|comp|resp|conv|thread|run|msg|item|batch|file|upload|cntr|vs)_[\w-]+[`'"]? (?:was )?not found\b/,
  ],
};
