import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 15's train messages (test/fixtures/taxonomy/provider-errors-15.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 */
export const WORDINGS_15: WordingSet = {
  billing: [
    // A free-tier quota of zero for a model: the plan does not include it at all, so waiting will
    // not help ("Quota exceeded for metric: generativelanguage.googleapis.com/
    // generate_content_free_tier_requests, limit: 0, model: gemini-2.5-pro … Please retry in 20s").
    /(?:\b|_)free[_ ]tier\w*,? limit: ?0\b/,
  ],
  auth: [
    // The SDK could not obtain or refresh credentials ("Error when retrieving credentials from
    // iam-role: Credential refresh failed, response did not contain: access_key, …").
    /\bcredentials? refresh failed\b|\berror (?:when )?retrieving credentials\b/,
  ],
  context: [
    // A JSON-schema length check on the input, Bedrock's way of saying the prompt is too long
    // ("Malformed input request: expected maxLength: 42000, actual: 46735, please reformat your input").
    /\bexpected maxlength:? ?\d+,? actual:? ?\d+/,
  ],
  contentFilter: [
    // A client's words for a prompt the provider refused on policy ("This may be because Gemini has
    // decided that your prompt did not comply with its regulations").
    /\bprompt (?:did|does) not comply with (?:its|our|the|their) (?:regulations|polic(?:y|ies)|guidelines|rules)\b/,
  ],
  request: [
    // An either/or that names our request as a possible cause is not positive evidence about the
    // model: Bedrock's prompt-caching refusal ("You invoked an unsupported model or your request did
    // not allow prompt caching").
    /\bunsupported model,? or (?:your|the) request\b/,
  ],
  server: [
    // Google's canonical CANCELLED raised by the backend, under a 499 that no status rule reads
    // ("code": 499, "message": "The operation was cancelled.", "reason": "backendError").
    /\boperation was cancel+ed\b[\s\S]{0,300}\bbackenderror\b/,
  ],
  network: [
    // The connection carried no answer at all ("Unexpected error: http2 request did not get a response").
    /\b(?:http2? )?request did not (?:get|receive) (?:a|any) response\b/,
  ],
  outputLate: [
    // The stream ended without a usable answer ("Model stream was invalid or completed without valid
    // content"), or retries for a cut-off answer ran out ("Response remained truncated after 4
    // continuation attempts").
    /\bcompleted without (?:any )?valid content\b/,
    /\bremained truncated after\b/,
  ],
};
