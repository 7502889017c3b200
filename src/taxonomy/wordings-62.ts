import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 62's train messages (test/fixtures/taxonomy/provider-errors-62.json), each by
 * meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules read
 * lowercased text. Batch 62 is issues of the product providers' SDKs, other providers' and gateways' pages,
 * and recorded cassettes and SDK test data.
 */
export const WORDINGS_62: WordingSet = {
  contentFilterFirst: [
    // OpenAI's abuse sentinel blocking a request, whatever its words say of retrying: code "sentinel_block"
    // under "Hmmm something didn't look right with your request. Please try again later".
    /\bsentinel_block\b/,
  ],
  contentFilter: [
    // A guardrail's canned refusal standing as the whole message: Bedrock "⏺ Sorry, the model cannot answer
    // this question."
    /^\W{0,4}(?:sorry,? )?(?:the model|i) (?:cannot|can't|can not|is unable to|am unable to) (?:answer|respond to|help with) (?:this|that|your) (?:question|request)\W{0,3}$/,
  ],
  billing: [
    // A trial or free key's allowance of calls per month: Cohere "You are using a Trial key, which is limited
    // to 50 API calls / month. … upgrade to a Production key".
    /\b(?:trial|free) (?:api )?key\b[^.\n]{0,40}?\blimited to \d+ (?:api )?(?:calls|requests) ?(?:\/|per|a) ?month\b/,
  ],
  request: [
    // A cache of ours that the provider does not hold: Vertex 404 "Not found: cache content metadata
    // 8754364356910645200." (context caching; not a model).
    /\bnot found: cached? ?contents?\b/,
  ],
  notFound: [
    // Anthropic's 404 body reduced to its field and value, the model's id as the whole message: "model:
    // invalid-model-name" (the full form is "not_found_error model: …", read by ANTHROPIC_MODEL_FIELD).
    /^model: [a-z0-9][\w.:/-]*$/,
  ],
};
