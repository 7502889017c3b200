import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 52's train messages (test/fixtures/taxonomy/provider-errors-52.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 52 is the managed cloud platforms' documented errors (Azure AI Foundry,
 * Vertex, SageMaker, Databricks, watsonx, Cloudflare) and the questions users ask about them.
 */
export const WORDINGS_52: WordingSet = {
  unavailable: [
    // A deployment the account has no capacity left to create (Azure's quota per model and region, the label
    // conventions' model kept from the account): "InsufficientQuota … The specified capacity '60' of account
    // deployment is bigger than available capacity '0'"; "No quota is available for this deployment." (Batch
    // 48's "which is bigger than the current available capacity 0" is the same, and batch 53's "No available
    // quota found in any region.")
    /\bbigger than (?:the )?(?:current )?available capacity\b|\bno quota is available for this deployment\b|\bno available quota found in any region\b/,
    // Models kept from the free tier: Cursor "Anthropic's latest models are currently only available to paid
    // users". The model is named as the subject: an API or a feature "only accessible to billed users" (Gemini's
    // "Imagen API …", batch 52) is left to the other rules, as a feature of a plan is.
    /\bmodels?\b[^.\n]{0,60}\bonly (?:accessible|available) to (?:billed|paid|paying) (?:users|accounts|customers)\b/,
  ],
  request: [
    // A deployment that does not serve the API we called: watsonx "Deployment with id: … does not have
    // inferences for text generation."
    /\bdoes not have inferences for\b/,
    // A provider name the gateway does not know: Cloudflare AI Gateway "Invalid provider (code 2008)".
    /\binvalid provider\b/,
    // A field of our request the API has withdrawn: Gemini Live "realtime_input.media_chunks is deprecated.
    // Use audio, video, or text instead." (a snake_case field path, not a model's name).
    /\b[a-z]+_[a-z_]+\.[a-z_]+ is deprecated\b/,
    // A role the API does not take, whatever status a relay wrapped it in: "Please use a valid role: user,
    // model."
    /\bplease use a valid role\b/,
  ],
  network: [
    // The HTTP call itself failed: Databricks "Error occurred while making an HTTP request for function …".
    /\berror occurred while making an http request\b/,
  ],
};
