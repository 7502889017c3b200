import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 22's train messages (test/fixtures/taxonomy/provider-errors-22.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 *
 * Batch 22 is what terminal and personal assistants and role-play front ends (SillyTavern, agnai,
 * Warp, goose, koboldcpp's Lite, plandex, gp.nvim) print around the providers' errors.
 */
export const WORDINGS_22: WordingSet = {
  output: [
    // A Python KeyError on the answer's "choices", printed bare after a client's prefix: "There was a
    // problem with request to openai API: 'choices'" (the answer had no choices).
    /:\s*['"]choices['"]\s*$/,
  ],
  unavailable: [
    // A model closed to this account: Warp "Invalid request: the requested planning model
    // (claude-3-5-sonnet) is not allowed for your account" (400).
    /\bmodels?\b(?:[^.\n]|\.(?=\S)){0,80}?\bis not (?:allowed|permitted|enabled) for (?:your|this) (?:account|organi[sz]ation|plan|tier|subscription|team|project)\b/,
  ],
  server: [
    // A server that sent an HTML page where the stream should be: "Anthropic interrupted the response:
    // SSE request received unexpected content-type text/html;charset=UTF-8".
    /\bunexpected content-type:? ['"]?text\/html\b/,
  ],
};
