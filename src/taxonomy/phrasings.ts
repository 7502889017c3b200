/**
 * More families of wording by meaning (issue 17 item 11, the round after batch 9), each written
 * from train messages the rules missed whole or cut down by the paraphrase probes
 * (src/taxonomy/probes.ts), never from held-out texts. Kept apart from families.ts and
 * patterns.ts so the rounds merge without touching each other's tables; classify.ts consults each
 * beside the rule of the same meaning. A data table.
 */

/**
 * A request a provider's validator rejected, in the validator's words (pydantic, JSON Schema):
 * Anthropic "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'",
 * "should have at most 64 characters", "does not match pattern". Ours; consulted where the
 * request family is, so a model's own output that failed validation (output rules) decides first.
 */
export const REQUEST_VALIDATOR =
  /\b(?:string )?should (?:match|have at (?:most|least)|be (?:a valid|at (?:most|least)|less than|greater than))\b|\bdoes not match (?:the )?(?:pattern|regex)\b/;

/**
 * "The format/value/type of X is invalid" where X is a dotted field path: Bedrock "The format of
 * the value at toolConfig.tools.0.toolSpec.inputSchema.json is invalid." A dot inside a path does
 * not end the sentence (the request family's window stops at any dot).
 */
export const FIELD_PATH_INVALID = /\bthe (?:format|value|type) of\b(?:[^.\n]|\.(?=\S)){0,120}?\bis invalid\b/;

/**
 * Parameters said to be wrong in the plain words some providers use (Xiaomi via OpenRouter "Param
 * Incorrect", "incorrect parameter").
 */
export const PARAM_INCORRECT = /\bparam(?:eter)?s? incorrect\b|\bincorrect param(?:eter)?s?\b/;

/**
 * An account verification that a feature of our call needs, not the model itself: OpenAI "Your
 * organization must be verified to stream this model", "… to generate reasoning summaries".
 * "Must be verified to use (or access) the model" names the model as refused: model_unavailable.
 */
export const VERIFIED_FOR_FEATURE = /\bmust be verified to (?!use\b|access\b)\w+/;

/** A safety refusal named by its error code: Azure OpenAI "ResponsibleAIPolicyViolation". */
export const CONTENT_FILTER_CODES = /\bresponsibleaipolicyviolation\b/;

/**
 * A usage cap that lifts with time: Fireworks 429 "You have exceeded your usage limits. Please
 * try again later or contact Fireworks to explore dedicated capacity." The retry words are
 * required (a usage limit "for this month" is money, matched before this), and it is consulted
 * before capacity words, which the same sentence also carries.
 */
export const USAGE_LIMIT_TRY_LATER =
  /\bexceeded (?:your |the )?usage limits?\b(?=[^\n]{0,80}?\b(?:try again|retry|later)\b)/;

/**
 * A prompt too big for the model in other words: the past tense of the context family
 * ("number of input tokens (189413) have exceeded max prompt tokens (163840) limit"), an input
 * said to be too large for the model, a request over the model's maximum token or context limit.
 * Never a per-interval budget (tokens per minute is a rate limit) nor the max_tokens parameter
 * (an output cap is our request, bad_request); consulted after the rate-limit and capacity words.
 */
export const CONTEXT_TOO_LARGE =
  /(?<!max_|max_completion_)\b(?:input|prompt)(?: tokens?| length| size)?\b(?:[^.\n]|\.(?=\S)){0,40}?\b(?:ha(?:ve|s) )?exceeded\b(?:[^.\n]){0,40}?\b(?:maximum|max|limit|context)\b|\b(?:input|prompt|request|messages?|conversation) (?:is |are )?too (?:large|big) for (?:the |this )?(?:model|context)\b|\bexceed(?:s|ed)? (?:the )?model'?s? (?:maximum |max )?(?:token|context|input)(?: token)? (?:limit|length|window|size)\b/;

/** A per-interval budget named in the same message: the size is counted against a rate, not the window. */
export const PER_INTERVAL =
  /\bper (?:minute|min|day|hour|second)\b|\b(?:tpm|tpd|rpm|rpd)\b|\brate[ _-]?limit/;
