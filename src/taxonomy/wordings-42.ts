import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 42's train messages (test/fixtures/taxonomy/provider-errors-42.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 42 is the product's smaller providers, the hard class and its near misses
 * as 2025-2026 sources quote them, and the families an independent corpus missed, from new sources.
 */
export const WORDINGS_42: WordingSet = {
  notFoundFirst: [
    // A model name the API cannot even parse is not a model it knows: Gemini 400 "GenerateContentRequest.model:
    // unexpected model name format" (as "Invalid model name" is, batches 3, 12, 37). Written when batch 42's
    // train part took train hard recall under its floor, from batch 40's train miss.
    /\b(?:unexpected|invalid|unsupported|malformed|unrecognized) model (?:name|id) format\b/,
  ],
  unavailableFirst: [
    // A model the account's plan leaves out, said under a 403 with an offer to upgrade: Kortix "Your
    // current subscription plan does not include access to anthropic/claude-sonnet-4. Please upgrade"; Z.ai
    // "Your current subscription plan does not yet include access to GLM-5" (batch 49).
    /\b(?:subscription|plan|tier)\b[^.\n]{0,30}\bdoes(?: not|n't)(?: yet)? include access to\b/,
    // A gate the account must open for this model: Vertex 403 "Access to this model requires data sharing
    // to be enabled for publisher 'anthropic'".
    /\baccess to (?:this|the) model requires\b/,
    // A router with no provider that serves the model for this caller: Hugging Face "We have not been
    // able to find inference provider information for model Qwen/…"; a relay whose accounts do not
    // carry it: "No available accounts supporting model: gemini-3.5-flash (channel pricing restriction)".
    /\b(?:not (?:been )?able to|unable to|could not|couldn't) find (?:any )?inference provider(?: information)? for (?:the )?model\b/,
    /\bno available (?:accounts?|providers?|channels?) supporting (?:the )?model\b/,
    // The same in a gateway's words, as batch 7's "is not supported by any provider you have enabled" is
    // labelled: sub2api 404 "Model "gpt-5.6-sol" is not supported by any configured account in this group".
    /\bnot supported by any (?:configured |available |enabled )?(?:accounts?|providers?|channels?|upstreams?)\b/,
    // Not available, and the caller told to pick another model: "BadRequestError: Model
    // "us.anthropic.claude-haiku-4-5…" is not available. Please select a different model".
    /\bmodel\s+["'`][^"'`\n]{1,120}["'`]\s+is not available\.?\s+please (?:select|choose|pick|use) (?:a )?(?:different|another) model\b/,
  ],
  unavailable: [
    // The model named unavailable as the error's own words or code: GitHub Models 400 "Unavailable model:
    // gpt-5"; a chat front end's 404 "ERR_MODEL_UNAVAILABLE".
    /\bunavailable model\s*:/,
    /\berr_model_unavailable\b/,
  ],
  retired: [
    // A free variant withdrawn with its paid one named: OpenRouter "The free Molmo2 8B period has ended. To
    // continue using this model, please migrate to the paid slug".
    /\bfree\b[^.\n]{0,60}\bperiod (?:has )?ended\b[^\n]{0,80}\bmigrate to the paid\b/,
  ],
  rateLimit: [
    // A quota another model of the same API would raise is a rate limit, not money: Gemini 429 "You exceeded
    // your current quota. Please migrate to Gemini 2.5 Pro Preview (…) for higher quota limits."
    /\bfor higher (?:quota|rate) limits?\b/,
  ],
  request: [
    // Our configured base URL is wrong: Continue "you forgot to add '/v1' to the end of your 'apiBase'".
    /\bforgot to add\b[^\n]{0,40}\bto the end of your\b[^\n]{0,10}\b(?:api_?base|base_?url|endpoint)\b/,
  ],
  output: [
    // An answer with no choices, as a Java client dereferences it: Azure "Cannot invoke
    // "java.util.List.stream()" because the return value of "…ChatCompletions.getChoices()" is null".
    /\bgetchoices\(\)"? is null\b/,
  ],
  network: [
    // An HTTP/2 stream the server reset, whatever code it gives: okhttp "StreamResetException: stream was
    // reset: INTERNAL_ERROR"; "The stream was reset: cancel".
    /\bstream (?:was )?reset\b/,
  ],
};
