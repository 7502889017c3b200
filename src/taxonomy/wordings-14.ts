import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 14's train messages (test/fixtures/taxonomy/provider-errors-14.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 * Batch 14 is what benchmark, eval and load-test harnesses quote (lm-eval, HELM, inspect_ai,
 * promptfoo, deepeval, ragas, BFCL, vLLM benchmarks) and the gateways they run through. The rule
 * table sees lowercased text, so the patterns are lowercase.
 */
export const WORDINGS_14: WordingSet = {
  // A verdict named in its own words: HELM's Gemini client "Content blocked: No content parts in
  // candidate" (the answer was withheld by the safety filter, whatever the words around it).
  contentFilter: [/\bcontent blocked\b/],
  // A prompt longer than the schema lets the input be: Bedrock "Malformed input request: expected
  // maxLength: 42000, actual: 46735, please reformat your input and try again." (a length cap on
  // our input, checked before the "malformed input" words file it as a malformed request).
  context: [/\bexpected maxlength: ?\d+, actual: ?\d+/],
  // A model gated by the account's tier: Together "Access to this model is allowed for build tier 2
  // and above. Also please make sure that you have a positive balance." (the balance words are a
  // hint; the refusal is the tier's, so it comes before the weaker money words).
  unavailable: [
    /\baccess to (?:this|the) model is (?:only )?(?:allowed|available|granted|permitted) (?:for|to)\b[^.\n]{0,40}?\btiers?\b/,
  ],
  // A model said to be deprecated with the provider's replacement named: xAI "Grok 4.1 Fast is
  // deprecated. xAI recommends switching to Grok 4.3". The subject is a model in words (no
  // parameter, field, endpoint or API is the thing deprecated) and a replacement is recommended.
  retired: [
    /(?:^|[.:]\s*)(?![^.\n]*\b(?:parameters?|params?|fields?|arguments?|endpoints?|api|methods?|functions?|propert(?:y|ies)|options?|headers?|features?|sdk|library|package)\b)[^.\n]{1,60}?\bis deprecated\.?\s+[^.\n]{0,40}?\brecommends? (?:switching|migrating|moving|upgrading) to\b/,
  ],
  // A gateway that cannot route the id to any provider does not know the model: CLIProxyAPI
  // "API Error: 400 {"error":{"message":"unknown provider for model claude-sonnet-4-5-20250929",
  // "type":"invalid_request_error"}}".
  notFound: [/\b(?:unknown provider|no provider found|provider not found) for (?:the )?model\b/],
  // A tool definition the provider refuses, named by its field path: Anthropic
  // "tools.1.custom.input_schema: input_schema does not support oneOf, allOf, or anyOf at the top
  // level" (our request's tool schema, with no status to say so).
  requestLate: [/\btools\.\d+\.(?:custom\.)?input_schema\b|\binput_schema does not support\b/],
};
