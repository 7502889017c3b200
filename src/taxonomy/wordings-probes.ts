import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by the train split's probes (src/taxonomy/probes.ts), each by meaning: messages whose
 * first sentence, or whose inner message without its status, already says what they are, while the rule
 * that read the whole message keyed on a later sentence or on the status, so a log that kept only the
 * first line or the provider's words lost the verdict. Written from train messages only, with the message
 * each came from. Slots and precedence: wording-set.ts.
 */
export const WORDINGS_PROBES: WordingSet = {
  billing: [
    // Credits the account must have to use a model or run a request, in words other than "more credits":
    // Nous "Model 'openai/gpt-5.5-pro' requires available credits." (then: the balance is too low).
    /\brequires? (?:available|sufficient|enough|additional) credits\b/,
  ],
  auth: [
    // A credential of a kind the API does not take: Vertex "API keys are not supported by this API.
    // Expected OAuth2 access token or other authentication credentials that assert a principal."
    /\bapi keys are not supported by this api\b|\bexpected (?:an )?oauth ?2? access token\b/,
    // A user or account banned, in Chinese relays' words: AIHubMix "用户已被封禁" (the user has been banned).
    /(?:用户|账号|账户)(?:已)?被封禁/,
  ],
  context: [
    // One request's size against a cap in tokens, not a rate (OpenAI's "Request too large … on tokens per
    // min" has no "body" and names its interval): GitHub Models "Request body too large for gpt-4o model.
    // Max size: 8000 tokens."
    /\brequest body too large\b[^\n]{0,60}?\bmax(?:imum)? size:? ?\d+ tokens\b/,
    // Too many tokens for one request of a batch: Mistral "Too many tokens overall, split into more batches."
    /\btoo many tokens\b[^\n]{0,30}?\bsplit (?:it )?into (?:more|smaller) batches\b/,
    // The prompt over its size by a count of tokens: Cohere "too many tokens: minimal context could not be
    // added to prompt (size limit exceeded by 280 tokens)" (no interval, so no rate).
    /\bsize limit exceeded by \d+ tokens\b|\bcould not be added to (?:the )?prompt\b/,
  ],
  request: [
    // A request field named in backticks and declared invalid (never the model, whose id is its own
    // matter): OpenAI "Invalid `previous_response_id`.", Anthropic "Invalid `signature` in `thinking` block".
    /\binvalid `(?!model`)[\w.]+`/,
    // A snake_case field of the request with the value it refused: OpenAI "Unsupported service_tier: flex",
    // Cerebras "Unsupported tool_choice: …".
    /\bunsupported (?!model)[a-z]+_[a-z_]+:/,
    // The api-version our request names: Azure "Model … is enabled only for api versions 2024-12-01-preview
    // and later".
    /\b(?:enabled|available|supported) only (?:for|in|with) api[- ]versions?\b/,
    // A part of the request refused as illegal: SiliconFlow "\"messages\" in request are illegal."
    /\bin (?:the |your )?request (?:is|are) illegal\b/,
    // Too many items for one request of a batch (their tokens are context_length above): Mistral "Too many
    // inputs in request, split into more batches."
    /\btoo many (?:inputs|items|texts|documents)\b[^\n]{0,30}?\bsplit (?:it |them )?into (?:more|smaller) batches\b/,
    // Our request without a model, or whose body its validator refused: Baidu "model is empty", AIML API
    // "Body validation error!".
    /\bmodel (?:is|was) empty\b|\bbody validation error\b/,
    // Inputs the request must send valid: Fireworks "Cannot preprocess image … please provide valid images".
    /\bplease provide valid (?:images?|files?|documents?|audio)\b/,
    // An input of a kind the endpoint does not take, named as its type: Mistral "Error: Invalid document
    // type." (then: "image/jpeg is not supported"), OpenAI "Invalid content type. image_url is only
    // supported by certain models." A type our request chose, never the model's.
    /\binvalid (?:document|file|image|audio|media|attachment|mime|content) type\b/,
    // A file our request uploaded in the wrong format: OpenAI fine-tuning "The job failed due to a file
    // format error in the training file."
    /\b(?:file )?format error in (?:the |your )?(?:training |validation |input |uploaded )?file\b/,
  ],
  rateLimit: [
    // The request frequency over its limit, in Chinese relays' words: AIHubMix "请求频率超过限制".
    /频率超(?:过|出)(?:了)?限制/,
  ],
  unavailable: [
    // A model switched off for the account, as "disabled" is (families.ts): Tencent CloudBase "The model
    // has been deactivated." (then: check whether it is activated on the console). Not an account or a
    // key deactivated (auth, patterns.ts), whose subject is never the model.
    /\bmodel (?:has been|is|was) deactivated\b/,
  ],
};
