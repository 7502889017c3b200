import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 49's train messages (test/fixtures/taxonomy/provider-errors-49.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 49 is the product providers in 2026 protocol changes, the hard class and
 * the things "not found" that are not models, and the transient class as less-cited clients report it.
 */
export const WORDINGS_49: WordingSet = {
  unavailableFirst: [
    // A model a gateway's allow-list leaves out: Sourcegraph Cody Gateway 400 "model \"google/…\" is not
    // allowed, allowed: []" (the list of what the account may use follows).
    // The id in quotes, so that "model field is not allowed" (a request's field) is not read so.
    /\bmodel\s*\\?["'`][^"'`\n]{1,80}\\?["'`]\s*is not allowed\b(?!\s+to\b)/,
  ],
  contentFilterFirst: [
    // A word filter's code under a 403: "{"code": "sensitive_word_detected", "type": "security_violation"}"
    // (batch 35's "sensitive words" ends at a word boundary; the code joins its words with underscores).
    /\bsensitive_words?_detected\b/,
  ],
  contentFilter: [
    // GigaChat's finish reason for a refused prompt or answer: "Giga generation stopped with reason:
    // blacklist".
    /\b(?:stopped|finished|finish_reason)\b\W{0,3}(?:with )?(?:reason\W{0,3})?blacklist\b/,
  ],
  unavailable: [
    // A model behind a preview programme the account has not joined: Gemini "Request preview access at
    // https://goo.gle/enable-preview-features before using Gemini 3 models."
    /\brequest (?:preview|early) access\b[^\n]{0,120}\bbefore using\b[^\n]{0,60}\bmodels?\b/,
    // A server whose library does not know the model's architecture (a server too old for the model, as
    // the label conventions say): Hugging Face "The model_type 'mistral' is not recognized. It could be a
    // bleeding edge model".
    /\bmodel_type\W{1,3}[\w.-]{1,40}\W{1,3}is not recognized\b/,
  ],
  request: [
    // A thing of ours that is not a model, not found by its id: OpenAI 404 "No assistant found with id
    // 'asst_…'"; Azure AI Search "The index 'gptkbindex' for service '…' was not found"; Bedrock Agents
    // "InvokeAgent operation: Failed to retrieve resource because it doesn't exist". The ids are ours to
    // fix, and they say nothing about the model.
    /\bno (?:assistant|thread|run|vector store|file|container|batch|prompt|conversation)s? found with id\b/,
    /\bthe (?:index|indexer|assistant|thread|vector store|knowledge base|agent) '[^'\n]{1,80}'[^.\n]{0,60}\bwas not found\b/,
    /\binvoke(?:inline)?agent operation\b[^\n]{0,80}\b(?:doesn't|does not) exist\b/,
    // A field of our request in Anthropic's validation path, whatever code a relay wrapped it in:
    // "{"error":{"code":"server_error","message":"tools.10.custom.input_schema: Input does not match the
    // expected shape."}}".
    /(?:^|[\s"'])(?:messages|tools|system|tool_choice)\.\d+(?:\.[a-z_$][\w$]*|\.\d+)*: (?:input|field|value|extra)\b/,
    // A JSON schema keyword the server's grammar compiler does not implement: vLLM 500 "Grammar error:
    // Unimplemented keys: ["propertyNames"]" (the schema we sent, not a passing failure).
    /\bunimplemented (?:keys?|keywords?)\b/,
  ],
  timeout: [
    // A stalled answer our client gave up on: Windsurf "Cascade planner stalled after preamble — no
    // progress for 25s".
    /\bno progress (?:for|in) \d+ ?(?:ms|s|secs?|seconds?|m|mins?|minutes?)\b/,
  ],
};
