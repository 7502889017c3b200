import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 45's train messages (test/fixtures/taxonomy/provider-errors-45.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 45 is the newest (2026) threads of the product providers' SDKs and coding
 * agents, retrieval and low-code platforms (many Chinese), and Q&A sites and vendor forums.
 */
export const WORDINGS_45: WordingSet = {
  unavailableFirst: [
    // A relay whose accounts' plans leave the model out: codex-lb "No accounts with a plan supporting model
    // 'gpt-5.4'" (a relay whose accounts are only rate limited says so, below).
    /\bno accounts? with a plan supporting (?:the )?model\b/,
  ],
  auth: [
    // Credentials that could not be renewed: "Failed to refresh token: 400 Bad Request: Invalid
    // 'refresh_token'".
    /\bfailed to refresh (?:the |your )?(?:access |oauth |auth )?token\b/,
    // An account not entitled to the product the key is for: Gemini Code Assist "IneligibleTierError: Your
    // current account is not eligible for …"; "You do not have a valid license of this product."
    /\bineligibletiererror\b|\baccount is not eligible for\b/,
    /\bdo(?: not|n't) have a valid licen[cs]e\b/,
    // A credential that does not belong to what it names: Yandex "Specified folder ID does not match with
    // service account".
    /\bdoes not match (?:with )?(?:the )?service account\b/,
  ],
  output: [
    // The answer cut by its output budget: "Could not finish the message because max_tokens or model output
    // limit was reached."
    /\bcould not finish the message because max_tokens\b/,
  ],
  request: [
    // Our parameters refused by a provider's check: Qianfan "parameter check failed, max_output_tokens range
    // is [2, 2048]"; Zhipu 1214 "history参数非法" (a parameter illegal).
    /\bparameter check failed\b/,
    /参数非法/,
  ],
  rateLimit: [
    // Accounts filtered out for their rate limits: sub2api "no available OpenAI accounts supporting model:
    // gpt-image-2 (pool=1, filtered: model_rate_limited=1)"; traffic a provider throttles: Coze "We've
    // detected unusual traffic from your network".
    /\bmodel_rate_limited\b/,
    /\bdetected unusual traffic\b/,
  ],
  server: [
    // Coze 5000 "We're currently experiencing server issues. Please try your request again after a short
    // delay."
    /\bexperiencing server issues\b/,
  ],
};
