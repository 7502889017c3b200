import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 47's train messages (test/fixtures/taxonomy/provider-errors-47.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 47 is the hard class and its near misses in 2025-2026, the provider-wide
 * class and its borders, and the transient class as streaming clients and gateways report it.
 */
export const WORDINGS_47: WordingSet = {
  billing: [
    // An account refused for its unpaid invoices: Flowise 402 "Access denied. Your organization has past
    // due payments."
    /\bpast[- ]due (?:payments?|invoices?|balances?|amounts?)\b/,
  ],
  unavailable: [
    // A model kept from the account's usage tier: OpenAI "Your organization must qualify for at least
    // usage tier 5 to access 'o1-mini'".
    /\bmust qualify for (?:at least )?(?:usage )?tier\b[^.\n]{0,20}\bto access\b/,
    // A model whose terms the account has not accepted: coqui "You must agree to the terms of service to
    // use this model."
    /\bagree to the terms(?: of (?:service|use))? to use this model\b/,
  ],
  rateLimit: [
    // A session or weekly cap that says when it resets: Claude "You've hit your limit · resets Apr 23 at
    // 3pm" (a monthly plan's cap that sends you to pay is billing, wordings of batches 18 and 41).
    /\bhit your (?:\w+ )?limit\W{1,5}resets\b/,
  ],
  overloaded: [
    // A server whose queue is full: Ascend MindX "Request Cache is full!".
    /\brequest (?:cache|queue) is full\b/,
  ],
  output: [
    // An answer stopped by its output budget: "unable to complete request: max_output_tokens" (the
    // Responses API's incomplete reason).
    /\b(?:unable to complete|incomplete)\b[^.\n]{0,40}\bmax_output_tokens\b/,
    // A stream that ended with no usable content: "Stream disconnected before valid content: Stream
    // content validation failed: received 0 chars".
    /\bbefore valid content\b/,
  ],
  network: [
    // A relayed stream cut before its end event: "502 upstream stream closed before [DONE]", new-api
    // "Upstream stream ended without a terminal response event".
    /\bstream closed before\b|\bstream ended without a terminal\b/,
  ],
};
