import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 19's train messages (test/fixtures/taxonomy/provider-errors-19.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 *
 * Batch 19 is the product's thinner providers and their neighbours in their own words (Mistral,
 * Cohere, Perplexity, Replicate, SambaNova, Groq, Cerebras, …).
 */
export const WORDINGS_19: WordingSet = {
  output: [
    // A client that validated the provider's answer against its type and found it wrong: the Vercel AI
    // SDK behind OpenRouter "Type validation failed: Value: {"id":…,"object":"chat.completion.chunk",…}".
    /\btype ?validation ?(?:failed|error)\b[^\n]{0,20}?\bvalue: ?\{/,
  ],
  unavailable: [
    // A model version the provider has switched off: Replicate "Sorry, this version is currently
    // disabled due to failing setup runs."
    // The version is the model's own ("this version", "model version"), never an API version.
    /\b(?:this|the|that) (?:model )?version is (?:currently )?disabled\b|\bmodel version is (?:currently )?disabled\b/,
  ],
  network: [
    // A browser or Chromium-based client that could not resolve the host: "ERR_NAME_NOT_RESOLVED".
    /\berr_name_not_resolved\b/,
  ],
  serverLate: [
    // The provider's container for the model never came up: Replicate "model container failed to boot
    // and complete setup within 600 seconds".
    /\bcontainer failed to (?:boot|start)\b/,
  ],
};
