import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 13's train messages (test/fixtures/taxonomy/provider-errors-13.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 */
export const WORDINGS_13: WordingSet = {
  billing: [
    // An account suspended for money, not for abuse or credentials: "Your account has been suspended
    // due to billing issues. Please contact support@codebuff.com to resolve this."
    /\bsuspended\b[^.]{0,40}\b(?:billing|payments?|unpaid|invoices?)\b/i,
    // A model the free tier does not cover, even under a 429: "[429 Too Many Requests] Gemini 2.5 Pro
    // Preview doesn't have a free quota tier. Please use Gemini 2.5 Pro Experimental … instead."
    /\bdoes(?:n['’]t| not) have an? free (?:quota )?tier\b/i,
  ],
  auth: [
    // The client found no credential to send: 'TypeError: "Could not resolve authentication method.
    // Expected one of api_key, auth_token, or credentials to be set. …"'
    /\b(?:could not|unable to|failed to) resolve (?:an? |the )?auth(?:entication)? (?:method|credentials?)\b/i,
  ],
  network: [
    // A stream that stopped before the model said why it finished: "API Error: Model stream ended
    // without a finish reason"
    /\bstream (?:ended|closed|finished|stopped) without (?:a |any )?(?:finish|stop)[ _]?reason\b/i,
  ],
  outputLate: [
    // The structured answer the caller asked for never came or did not parse: "LLM stream error
    // [structured-output-missing-result]: missing structured result"
    /\bmissing structured (?:output|result|object)\b|\bstructured[- ](?:output|result)[- ](?:missing|parse[- ]failed)\b/i,
  ],
  requestLate: [
    // Our prefilled assistant turn broke a rule on its shape: "final assistant content cannot end with
    // a trailing whitespace"
    /\bassistant (?:message |content |turn )+(?:cannot|can not|must not|may not) (?:end|start|begin) with\b/i,
  ],
};
