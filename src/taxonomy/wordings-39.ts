import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 39's train messages (test/fixtures/taxonomy/provider-errors-39.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 39 is the hard class from trackers the corpus cites little, community
 * clients in Go, Rust, Java, C#, Swift, Dart, Elixir and R, and Bedrock and Vertex as their users quote
 * them.
 */
export const WORDINGS_39: WordingSet = {
  auth: [
    // A gated model refused to a caller who is not signed in: Hugging Face 401 "Access to model x is
    // restricted. You must be authenticated to access it." (signed in but not on the list is the model's
    // matter, model_unavailable).
    /\byou must be authenticated to access\b/,
  ],
  contentFilter: [
    // A prompt refused for its words: SageMaker via Bedrock "One or more prompts contains filtered words."
    /\bcontains? filtered words?\b/,
  ],
  output: [
    // A client library that got no AI message back: LangChain4j "aiMessage cannot be null".
    /\bai ?message (?:cannot|can['’]t|must not) be null\b/,
  ],
  unavailable: [
    // A model the caller's plan or an organisation's policies give no endpoint: GitHub Copilot "no
    // endpoints available for this model under your current plan and policies"; a local server with the
    // model unloaded: LM Studio "Model is unloaded."
    /\bno (?:\w+ )?endpoints? available for (?:this|the) model under your\b/,
    /\bmodel is unloaded\b/,
  ],
  rateLimit: [
    // An allowance that comes back: Gemini Nano "Either your app is out of usage quota (try again later)".
    /\bout of (?:usage )?quota\b[\s\S]{0,10}?\btry\s+again\s+later\b/,
  ],
  overloaded: [
    // A model server still loading the model: KServe 503 "Model with name mnist is not ready."
    /\bmodel (?:with name [\w.:/-]+ )?is not ready\b/,
  ],
  timeout: [
    // A client's retry deadline passed: google-api-core "RetryError: Deadline of 120.0s exceeded while
    // calling target function".
    /\bdeadline of [\d.]+ ?s exceeded\b/,
  ],
  notFound: [
    // A name the client or provider does not know, with the names it does: Copilot CLI 'Model "sonet" is
    // not supported by Copilot CLI. Supported models: …'; a relay's "404: No matching model found"; a
    // Chinese relay's "模型 gpt-5.4 不支持，请改用 gpt-5-4" (not supported, use another name).
    /\bis not supported by [\w .-]{1,40}\.\s+supported models\b/,
    /\bno matching model (?:was )?found\b/,
    /模型\s*[\w.:/-]+\s*不支持[，,]?\s*请(?:改用|使用|换用)/,
  ],
};
