import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 67's train messages (test/fixtures/taxonomy/provider-errors-67.json), each by
 * meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules read
 * lowercased text. Batch 67 is community SDKs in Go, Rust, Java, Kotlin, .NET, PHP and Dart, Vertex AI and
 * Gemini SDKs and apps, and AWS Bedrock's SDKs, samples and Bedrock-backed apps.
 */
export const WORDINGS_67: WordingSet = {
  contentFilterFirst: [
    // A guardrail named with its refusal, under whatever code the gateway gave: LiteLLM "Bedrock guardrail
    // failed: I cannot respond to requests containing personally identifiable information (PII)" (code 500).
    /\bguardrails?\b[^.\n]{0,40}?:\s*(?:i|we) (?:cannot|can't|can not|am unable to|are unable to) (?:respond|answer|help|process)\b/,
  ],
  auth: [
    // gRPC's credentials plugin failing to attach the call's metadata (a token), whatever its cause: Vertex
    // "Getting metadata from plugin failed with error: 'str' object has no attribute 'before_request'"
    // (batches 11 and 39 had it with "Reauthentication is needed").
    /\bgetting metadata from plugin failed\b/,
  ],
  unavailable: [
    // Vertex refusing a publisher model for the call (a batch job, an embedding call): "400 INVALID_ARGUMENT …
    // Do not support publisher model gemini-2.5-flash-preview-04-17", as batches 45 and 54 label a model kept
    // from batch inference.
    /\bdo not support publisher model\b/,
  ],
  network: [
    // Safari's and WebKit's fetch failure, "TypeError: Load failed", at the end of a client's wrapper:
    // "[GoogleGenerativeAI Error]: Error fetching from https://…: Load failed".
    /(?:^|[:\]]\s*)(?:typeerror:\s*)?load failed\W*$/,
  ],
};
