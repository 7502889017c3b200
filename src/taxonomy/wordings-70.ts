import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 70's train messages (test/fixtures/taxonomy/provider-errors-70.json), each by
 * meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules read
 * lowercased text. Batch 70 is gateways' own error strings (Kong, Portkey, Helicone), agent and chat apps'
 * model errors and their near misses, and transport failures from many clients. Its other rules extend
 * families where they are: an API version no longer supported (wordings-request.ts), web browsing as a
 * feature a model lacks (patterns.ts), a model not supported in a client's version (phrasings.ts), and a 407
 * from a proxy of ours, by its status (classify.ts) or its words (patterns.ts's PROXY_WANTS_CREDENTIALS).
 */
export const WORDINGS_70: WordingSet = {
  rateLimit: [
    // A cap on requests in flight, said as the wait for a slot timing out: Ollama's cloud "timed out waiting for
    // a concurrent request slot" (the limit, not a slow answer).
    /\bwaiting for (?:a |an )?(?:free |available )?concurren(?:t|cy) (?:request )?slot\b/,
  ],
};
