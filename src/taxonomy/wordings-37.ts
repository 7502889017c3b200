import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 37's train messages (test/fixtures/taxonomy/provider-errors-37.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 37 is enterprise AI platforms (Databricks, SAP AI Core, SageMaker, OCI,
 * GitHub Models, Cloudflare, Snowflake, Qianfan, Hunyuan), more languages, and 2025-2026 agent
 * frameworks and MCP hosts.
 */
export const WORDINGS_37: WordingSet = {
  auth: [
    // No credentials linked for the provider a router would call, whatever code it filed it under:
    // 9router 404 '{"message":"No active credentials for provider: codex", "code":"model_not_found"}'.
    /\bno (?:active |valid |usable )?(?:credentials?|api keys?) (?:found |configured |set )?for (?:the )?(?:provider|model provider)\b/,
    // A key the client has none of: "No key found. Please provide a key and try again.", Stagehand
    // "modelApiKey is required".
    /\bno (?:api )?key (?:was )?(?:found|provided|set)\b|\b[a-z_]*api_?key (?:is|was) (?:required|missing|not set)\b/,
  ],
  request: [
    // A client SDK that cannot drive the provider package it was given: AI SDK "Unsupported model
    // version v3 for provider …; AI SDK 5 only supports models that implement specification version v2".
    /\bunsupported ?model ?version(?:error)?\b/,
    // A field of our request left empty: Qianfan 336003 "function_call's name can't be blank".
    /\bcan(?:no|['’])t be (?:blank|empty)\b/,
    // A response format the provider does not offer (now): "response_format type is unavailable now".
    /\bresponse_format\b[^\n]{0,40}?\b(?:is |are )?(?:unavailable|not supported|unsupported)\b/,
  ],
  context: [
    // The prompt's token count over the model's limit, in Google's words: "Input request contains (35490)
    // tokens, which is more than the max tokens limit allowed: (30720)".
    /\binput request contains \(?\d+\)? tokens\b[^\n]{0,60}?\bmore than the max(?:imum)? tokens? limit\b/,
  ],
  network: [
    // A stream the connection dropped: CopilotKit "streaming connection was unexpectedly terminated".
    /\bconnection (?:was )?unexpectedly (?:terminated|closed|dropped|reset)\b/,
  ],
  unavailable: [
    // A platform with no deployment of the model for this call: SAP AI Core "No deployment matched the
    // given criteria", Copilot "Model 'x' is not available. Available models: …" (a list that leaves it out).
    /\bno deployment matched\b|\bis not available\.\s+available models\b/,
  ],
  notFound: [
    // A model-serving endpoint (the model's deployment) that does not exist: Databricks 404
    // "ENDPOINT_NOT_FOUND", SageMaker "Endpoint driving-endpoint of account 1273… not found."
    /\bendpoint_not_found\b|\bendpoint [\w.-]+ of account [\w-]+ not found\b/,
  ],
};
