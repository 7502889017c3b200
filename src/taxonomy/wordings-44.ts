import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 44's train messages (test/fixtures/taxonomy/provider-errors-44.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 44 is OpenRouter, Vertex and Bedrock as 2025-2026 users quote them, chat
 * front-ends and apps, and the tools that call LLM APIs in bulk (evaluation harnesses, structured output).
 */
export const WORDINGS_44: WordingSet = {
  unavailableFirst: [
    // A model the caller's credential is not allowed: "The selected model is unavailable for this API
    // credential. Choose another model or check provider access."
    /\bunavailable for this (?:api )?(?:credential|key|account|project)\b/,
  ],
  notFound: [
    // OpenRouter's model field naming a preset that does not exist: 404 "Preset \"cerebras-qwen\" not
    // found." (what the request named as its model is unknown).
    /\bpreset\b[\s\S]{0,60}?\bnot\s+found\b/,
    // Anthropic's not-found answer is the model field alone ("model: x", batch 2); a client that prints it
    // after "API error:" and nothing else: "API key test failed: Error: API error: model:
    // claude-3-5-sonnet-latest".
    /\bapi error: model: [\w./:-]+\s*$/,
  ],
  contentFilterFirst: [
    // A request refused for what it asks, under a 403 whose other words are a permission's: xAI "The caller
    // does not have permission … 'Content violates usage guidelines … Failed check: SAFETY_CHECK_TYPE_BIO'";
    // OpenRouter 403 "The request is prohibited due to a violation of provider Terms Of Service" (the
    // request's, not the account's: "this service has been disabled in this account for violation of
    // Terms of Service" stays credentials, batch 25).
    /\bcontent violates (?:the |our )?usage (?:guidelines|polic(?:y|ies))\b/,
    /\b(?:request|prompt|input) (?:is|was) prohibited due to (?:a )?violation of\b/,
  ],
  output: [
    // The same parse error quoting anything else the model wrote: its answer did not parse (batches 21, 38:
    // "Unexpected token 'S', "Score: 5 "... is not valid JSON"). Not a server's error text (above), nor an
    // event stream read as JSON ("data: {", "[DONE]": our client's misuse, a request matter).
    /\bunexpected token '[^'\n]{1,3}',\s*\\?"(?!\s*(?:internal s|error|<!doctype|<html|bad gat|service|upstream|gateway|data:|\[done\]))[^"\n]{0,30}\\?"(?:\.\.\.)? is not valid json\b/,
  ],
  contentFilter: [
    // Bedrock's guardrail answered instead of the model: finish_reason='guardrail_intervened'.
    /\bguardrail_intervened\b/,
  ],
  request: [
    // A replayed reasoning item the provider did not issue to this caller: "reasoning `encrypted_content`
    // was not issued to this caller" (our request carried another session's state).
    /\bencrypted_content\b[^\n]{0,20}\bwas not issued\b/,
  ],
  server: [
    // A client's JSON.parse of what came back, quoting its start: when that start is a server's error text or
    // page, the server failed ("Unexpected token 'I', "Internal S"... is not valid JSON", batch 44; "'E',
    // "Error in L"...", batch 37). The generic "is not valid JSON" family reads a request body of ours.
    /\bunexpected token '[^'\n]{1,3}',\s*\\?"\s*(?:internal s|error|<!doctype|<html|bad gat|service|upstream|gateway)/,

    // A relay's upstream down, in two words: "Upstream unavailable" (batch 33; read as 503 by the word
    // "unavailable" until status.ts took that word for a status only where a status stands).
    /\bupstream (?:is |was )?(?:temporarily )?unavailable\b/,
    // Something the provider serves, unavailable for now: "The model x is currently unavailable" (a
    // transient failure of the provider's, as families.test.ts has it; the word alone no longer reads 503).
    /\b(?:is|are) currently unavailable\b/,
  ],
  rateLimit: [
    // Japanese: the API's usage limit hit, "OpenAIのAPIの利用制限に引っかかっています".
    /利用制限に(?:引っかか|達し)/,
  ],
  overloaded: [
    // Chinese: the chosen model at its capacity, try another: "所选模型已达容量上限，请尝试其他模型".
    /已达容量上限|容量已满/,
  ],
};
