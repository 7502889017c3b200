import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 28's train messages (test/fixtures/taxonomy/provider-errors-28.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts. Batch
 * 28 is what code, tests, notebooks and logs recorded as received (SDK response fixtures, agents'
 * error-classifier tests). Its other family went beside the rule it joins: a host whose memory
 * cannot hold the model (phrasings.ts HOST_CANNOT_HOLD, under a 507 as well as a 500).
 */
export const WORDINGS_28: WordingSet = {
  context: [
    // The request's tokens against the most allowed: Z.ai code 1210 "tokens in request more than max
    // tokens allowed".
    /\btokens in (?:the |this |your )?request (?:is |are )?(?:more than|exceeds?|exceeding|greater than|over) (?:the )?max(?:imum)? (?:tokens|length)\b/,
  ],
  request: [
    // A conversation the server could not accept, under a JSON-RPC "Internal error" (-32603): Kiro
    // "data": "invalid conversation history received".
    /\binvalid (?:conversation|chat|message) history\b/,
  ],
};
