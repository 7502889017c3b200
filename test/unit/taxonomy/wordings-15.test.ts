import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 15 (WORDINGS_15 in src/taxonomy/wordings-15.ts, issue 17 item 11):
 * Bedrock and Google (Vertex AI, Gemini API) errors as third-party trackers quote them, each family
 * from batch 15's train messages by meaning, in words of our own here (no held-out text). Then the
 * near misses each family must leave to the rule they belong to, and no hard verdict from them under
 * a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a free tier with no quota at all for the model": [
    {
      message: "Quota exceeded for metric: example.com/demo_free_tier_requests, limit: 0, model: demo-1",
      httpStatus: 429,
      kind: "billing",
    },
    { message: "metric demo_free_tier_input_tokens, limit: 0. Please retry in 9s.", kind: "billing" },
  ],
  "credentials the SDK could not obtain or refresh": [
    { message: "Credential refresh failed: the metadata service returned no token", kind: "auth" },
    { message: "Error retrieving credentials from the instance profile", kind: "auth" },
  ],
  "an input longer than the schema allows": [
    { message: "Malformed input request: expected maxLength: 8000, actual: 9100", kind: "context_length" },
  ],
  "a prompt refused on policy in a client's words": [
    { message: "Your prompt did not comply with our policies.", kind: "content_filter" },
  ],
  "a refusal that names our request as a possible cause": [
    {
      message: "You invoked an unsupported model, or the request did not allow caching.",
      httpStatus: 400,
      kind: "bad_request",
    },
  ],
  "a connection that carried no answer": [
    { message: "http2 request did not receive any response", kind: "network" },
  ],
  "a stream or a retry loop that ended without a usable answer": [
    { message: "The stream completed without valid content.", kind: "output_invalid" },
    { message: "Answer remained truncated after 3 attempts", kind: "output_invalid" },
  ],
  "the backend cancelling the operation": [
    {
      message: '{"code": 499, "message": "The operation was cancelled.", "reason": "backendError"}',
      kind: "server_error",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // A free tier that has a quota and ran through it is a rate limit, not a plan without the model.
  {
    message: "Quota exceeded for metric: example.com/demo_free_tier_requests, limit: 50. Please retry in 9s.",
    httpStatus: 429,
    kind: "rate_limit",
  },
  // "Unsupported model" alone, with no other cause offered, is still positive words about the model.
  { message: "Unsupported model: demo-9", httpStatus: 400, kind: "model_not_found" },
  // An operation the caller cancelled is not the backend failing.
  { message: "The operation was cancelled by the caller.", kind: "unknown" },
];

describeWordings(
  "Bedrock and Google wordings quoted in third-party trackers (batch 15)",
  FAMILIES,
  NEAR_MISSES,
  {
    families: ["a refusal that names our request as a possible cause"],
    status: 503,
  },
);
