import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 38's train messages (test/fixtures/taxonomy/provider-errors-38.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 38 is the product's providers as coding agents, evaluation harnesses and
 * gateways quote them, provider SDK trackers, and chat front-ends and relays (some in Chinese).
 */
export const WORDINGS_38: WordingSet = {
  unavailableFirst: [
    // A model the account's plan or its router settings keep from it, said under a 401 or 403: Bedrock
    // "openai.gpt-x is not available for this account. You can explore other available models",
    // OpenRouter 403 "OpenAI is requiring a key to access this model, which you can add in …/integrations".
    // (The subject is a model id, with a separator and a digit: "the models endpoint is not available for
    // your account" names no model.)
    /\b[a-z0-9]+[.:/-][\w.:/-]*\d[\w.:/-]* is not available (?:for|to|in) (?:this|your) account\b/,
    /\brequir(?:es|ing) (?:a|an|your own) (?:api )?key to (?:access|use) this model\b/,
  ],
  contentFilter: [
    // A guardrail that stopped the call: LiteLLM over Bedrock "Violated guardrail policy"; Google's
    // answer withheld: "Google blocked a proper response to your message: {"blocked":true}".
    /\bviolated (?:the |a )?guardrails? polic(?:y|ies)\b|\bguardrails? (?:intervened|blocked (?:the|this|your))\b/,
    /\bblocked (?:a|the) (?:proper |model['’]s )?response\b|"blocked":\s*true\b/,
  ],
  output: [
    // A reply with no body at all: 9router "LLM returned 200 OK but response body was empty",
    // LobeChat "The request returned empty".
    /\bresponse body (?:was|is) empty\b|\b(?:request|response|call) returned empty\b/,
    // The model's answer wrapped in a markdown fence where JSON was expected: 'SyntaxError: Unexpected
    // token '`', "```json {"... is not valid JSON'.
    /"```(?:json)?\s[\s\S]{0,200}?\bis not valid json\b/,
  ],
  unavailable: [
    // An organisation's own limits on which models or providers its members may call: Anthropic
    // "organization restricts model selection", Requesty 400 "Provider not allowed for organization".
    /\b(?:organi[sz]ation|org|workspace|admin) (?:restricts|has restricted|limits) (?:the )?(?:models?|model selection)\b/,
    /\bprovider (?:is )?not allowed for (?:this |your )?(?:organi[sz]ation|org|workspace)\b/,
  ],
  request: [
    // A parameter this model does not let us ask for: OpenAI 403 "You are not allowed to request
    // logprobs from this model".
    /\bnot allowed to request [a-z_ ]{2,30} (?:from|for|with) (?:this|the) model\b/,
    // A body that is not JSON at all: OpenAI "We could not parse the JSON body of your request".
    /\bcould not parse the json body of (?:your|the) request\b/,
    // A required field missing at a path in our request: Anthropic "messages.17.content.0.tool_use.id:
    // Field required".
    /\b[a-z_]+(?:\.[a-z_0-9]+)+: field required\b/,
    // An operation the endpoint does not implement: Gemini Live 1008 "Operation is not implemented, or
    // supported, or enabled".
    /\boperation is not implemented\b/,
  ],
  server: [
    // The provider's own 503 inside a client's connection-error wrapper: LiteLLM "APIConnectionError:
    // OpenAIException - Service Unavailable" (the provider answered; the connection held).
    /(?:exception|error)\s*[-:]\s*service unavailable\b/,
  ],
  timeout: [
    // No answer in the time the client allowed: "[TTFB] no response headers after 60000ms — aborting".
    /\bno response(?: headers?)? (?:after|within) \d+ ?(?:ms|s|seconds?|minutes?)\b/,
  ],
  network: [
    // undici's "terminated" (the stream cut mid-body) said of the request, at the end of an app's wrapper:
    // LibreChat "An error occurred while processing the request: terminated". (A bare "Error: terminated"
    // under a 5xx stays the provider's state.)
    /\brequest:\s*terminated\.?\s*$/,
  ],
  notFound: [
    // The provider lists the names it serves and says ours is not one: DeepSeek "The supported API model
    // names are deepseek-v4-pro or deepseek-v4-flash, but you passed deepseek-chat".
    /\bsupported (?:api )?model names? (?:are|is)\b[^\n]{0,200}?\bbut you passed\b/,
    // No deployment behind the endpoint we called: ModelsLab 404 "No deployment found for this endpoint."
    /\bno deployment found for (?:this|the) (?:endpoint|model)\b/,
  ],
};
