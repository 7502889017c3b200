import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 16's train messages (test/fixtures/taxonomy/provider-errors-16.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 *
 * Batch 16 is what TypeScript/JavaScript clients (openai-node, the Anthropic and AWS SDKs, the Vercel
 * AI SDK and the apps built on them) print: their exception names and transport words.
 */
export const WORDINGS_16: WordingSet = {
  billing: [
    // A paid add-on the request needs, refused in a rate-limit envelope: Anthropic 429
    // rate_limit_error "Extra usage is required for long context requests."
    /\bextra usage (?:is |would be )?required\b/,
    // A one-api/new-api gateway's quota ledger, without its code: "user [29189] quota [122175]
    // preConsumedQuota [362870] is not enough" (code insufficient_user_quota, under a 403).
    /\bquota \[\d+\] preconsumedquota \[\d+\] is not enough\b/,
  ],
  auth: [
    // A credential scoped to one product, used elsewhere: Anthropic 400 invalid_request_error "This
    // credential is only authorized for use with Claude Code and cannot be used for other API requests."
    /\b(?:credential|api[ _-]?key|token|key) is only (?:authorized|authorised|valid|allowed) for use with\b/,
    // The AWS SDK for JavaScript failing to obtain credentials: "[bedrock] Error: Error when retrieving
    // credentials from iam-role: Credential refresh failed, response did not contain: access_key, …"
    /\berror when retrieving credentials from\b|\bcredential refresh failed\b/,
  ],
  output: [
    // The Vercel AI SDK giving up on the answer it was given: "NoObjectGeneratedError
    // [AI_NoObjectGeneratedError]: No object generated: response did not match schema." and
    // "AI_InvalidResponseDataError: Expected 'function.name' to be a string."
    /\b(?:ai_)?(?:noobjectgeneratederror|invalidresponsedataerror)\b/,
    /\bno object generated\b/,
    // openai-node's stream helper finding a choice the provider never finished: "OpenAIError: missing
    // finish_reason for choice 0" (ChatCompletionStream.ts).
    /\bmissing finish_reason for choice\b/,
  ],
  unavailable: [
    // A model the caller's plan may not use: Anthropic "Invalid model. Claude Pro users are not
    // currently able to use Opus in Claude Code. The current model is now Sonnet."
    /\b(?:plan|tier|subscription|account)? ?users (?:are|is) not (?:currently )?(?:able|allowed|permitted) to use\b/,
  ],
  network: [
    // An HTTP/2 stream reset under the client: "Error generating plan: Stream closed with error code
    // NGHTTP2_PROTOCOL_ERROR".
    /\bnghttp2_[a-z_]+\b/,
    // A response that stopped before its body: "API Error: request ended without sending any chunks".
    /\b(?:request|response|stream) ended without (?:sending|receiving) any (?:chunks|data)\b/,
    // The Gemini JS SDK unable to read the event stream it was sent: "[GoogleGenerativeAI Error]:
    // Failed to parse stream".
    /\bfailed to parse (?:the )?stream\b/,
  ],
  requestLate: [
    // Vertex's wording for a request it refuses to accept as sent (INVALID_ARGUMENT): "Unable to submit
    // request because it has an empty text parameter." and "Unable to submit request because function
    // call `xxx` in the 5. content block is missing a `thought_signature`."
    /\bunable to submit request because\b/,
    // A base URL that names no API route: Volcengine "https://ark.cn-beijing.volces.com/api/v3/chat/
    // completions not found, verify your API base."
    /\bnot found,? (?:please )?(?:verify|check) (?:your|the) (?:api )?base\b/,
  ],
  serverLate: [
    // A gateway's own exception name for its internal failure, without a status: Vercel AI Gateway
    // "Error [GatewayInternalServerError]: Failed to initialize model database: no valid data found".
    /\b[a-z]*internalservererror\b/,
  ],
};
