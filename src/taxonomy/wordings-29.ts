import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 29's train messages (test/fixtures/taxonomy/provider-errors-29.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts. Batch
 * 29 is the product providers' newest wordings (2025-2026 models and API surfaces).
 */
export const WORDINGS_29: WordingSet = {
  billing: [
    // Dunning is the collection of an overdue payment: Google's "PERMISSION_DENIED: Lightning dunning
    // decision is deny" refuses a project whose bill is unpaid, before the 403's auth.
    /\bdunning\b/,
  ],
  unavailable: [
    // A client too old for the model, said by the provider: "Claude Code 2.1.220 does not support this
    // model; version 2.1.251 or newer is required." (as batch 10's "requires a newer version of
    // Ollama"), a model this call path cannot reach until the client changes.
    /\bdoes(?:n't| not) support this model\b[^.\n]{0,5}?[;,]?\s*(?:client |app )?version [\w.-]+ or (?:newer|later|above) is required\b/,
    // A model the caller's organisation has switched off: "ProtocolError: Model not allowed by
    // organization policy" (batch 13's Copilot "disabled by your organization's policy").
    /\bmodels?\b[^.\n]{0,40}?\b(?:not allowed|disabled|blocked) by (?:your |the )?organi[sz]ation(?:'s)? polic(?:y|ies)\b/,
  ],
  request: [
    // A beta feature flag our request sent that the provider does not know: Bedrock (Anthropic) "The
    // model returned the following errors: invalid beta flag".
    /\b(?:invalid|unsupported|unknown|unrecognized) (?:anthropic[-_ ])?beta (?:flags?|headers?|features?)\b/,
  ],
};
