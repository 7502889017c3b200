import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 48's train messages (test/fixtures/taxonomy/provider-errors-48.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 48 is the product providers as 2026 threads quote them: OpenAI, Azure
 * OpenAI and Anthropic; Bedrock, Vertex and Gemini, and OpenRouter. (A PHP client's "`$promptFeedback`" for
 * a blocked prompt is read in patterns.ts, beside the Python spelling; an empty answer in Chinese in
 * wordings-zh.ts.)
 */
export const WORDINGS_48: WordingSet = {
  request: [
    // An API surface the service does not offer: "Requested API is currently not supported".
    /\brequested api is (?:currently )?not supported\b/,
  ],
};
