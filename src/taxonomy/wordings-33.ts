import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 33's train messages (test/fixtures/taxonomy/provider-errors-33.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 33's issue threads were mostly earlier batches' wordings, so what stayed is
 * largely gateways' and relays' own error tables (LLM gateways, Chinese relays) beside a few threads.
 */
export const WORDINGS_33: WordingSet = {
  billing: [
    // A spend cap on the key, reached, before the 401 it arrives under reads it as a credential:
    // LLM Gateway's 401 "Unauthorized: LLMGateway API key reached its usage limit." (as batch 32's
    // "This API key has insufficient credits and has reached its usage limit"). A limit that resets
    // on a schedule is the usage-limit conflict of the README, so no reset or interval words.
    /^(?![\s\S]*\b(?:resets?|try again|per (?:minute|hour|day|week|month)|daily|weekly|hourly|monthly)\b)[\s\S]*\b(?:api )?key\b[^.\n]{0,40}\breached (?:its|the|your) (?:usage|spend(?:ing)?|budget|credit) (?:limit|cap)\b/,
  ],
  request: [
    // The endpoint we called is the wrong one for our key, and the provider names the one to call:
    // Langdock's 403 "The Model Gateway endpoint does not serve this API key type or endpoint yet. Use
    // the /api/public endpoint of your Langdock workspace instead." Our adapter must move, as with the
    // wrong API surfaces of wordings-request.ts; the 403 does not make it a credential failure.
    /\b(?:does not|doesn['’]t|do not|don['’]t|cannot|can['’]t) serve (?:this|that|the|your) (?:api key type|key type|type of (?:api )?key|endpoint)\b/,
    /\buse (?:the |our )?\/[\w./-]+ endpoint\b[^\n]{0,80}\binstead\b/,
  ],
  rateLimit: [
    // Rate limiting in Chinese as "限速" (speed limit), beside patterns.ts's 限流 and 速率限制:
    // AIHubMix's 503 "该模型遇到官方限速,联系客服增加并发或请稍后重试" (the model hit the provider's rate
    // limit; ask for more concurrency or retry later). A limit that passes, before the 503 reads it
    // as the provider's failure.
    /限速|(?:触发|遇到|达到|超过|超出)了?(?:官方|上游|供应商|平台)?的?(?:速率|频率|并发)(?:限制|上限)/,
  ],
  server: [
    // The provider's own server named as what is wrong, before "try again later" reads it as
    // capacity: AIML API's 500 "Something wrong with the server. Please, try again later." A bare
    // "something went wrong" names nothing and stays with the other rules.
    /\b(?:something|a problem|an issue|an error)\s+(?:is\s+|went\s+)?wrong\s+(?:with|on|in)\s+(?:the|our)\s+(?:servers?|service|backend|systems?)\b/,
  ],
};
