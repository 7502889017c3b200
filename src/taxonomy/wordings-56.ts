import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 56's train messages (test/fixtures/taxonomy/provider-errors-56.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 56 is vendor and community forums, recorded fixtures in code, and the
 * benchmark and evaluation tools that call many providers in bulk.
 */
export const WORDINGS_56: WordingSet = {
  requestFirst: [
    // A file of ours over the endpoint's size limit, before a model's name reads it as a prompt too long:
    // OpenAI "The batch input file is larger than the 209715200 maximum for the gpt-4o model."
    /\binput file is (?:larger|bigger) than\b/,
    // A request whose JSON the server could not parse, before "invalid JSON" reads as an answer's: LM Studio
    // "Received request for /api/v1/chat with invalid JSON: Expected ',' …".
    /\brequest (?:for \S{1,80} )?with invalid json\b/,
  ],
  request: [
    // A model on another surface of the API, before its `invalid_model` code reads as an id unknown: OpenAI
    // Realtime "Model "gpt-realtime-whisper" is only available on the GA API."
    /\bis only (?:available|supported) (?:on|in|with|via|through) the [\w .-]{1,30}\bapi\b/,
  ],
  requestLate: [
    // A call or a client the service does not support, only where nothing else said a kind: Gemini Live's
    // close "Error 1008: Operation not supported"; our client calling what its SDK no longer has, "AttributeError:
    // 'Anthropic' object has no attribute 'get_tokenizer'" (under a 5xx it is the server's, read by the status).
    /\boperation (?:is )?not supported\b/,
    /\battributeerror: '[\w.]{1,60}' object has no attribute\b/,
  ],
};
