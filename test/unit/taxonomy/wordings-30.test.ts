import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 30 (src/taxonomy/wordings-30.ts; issue 17 item 11): the provider
 * wordings clients' exception mapping matches on, each family from batch 30's train messages by
 * meaning, in words of our own here (no held-out text). Then the near misses each family must leave
 * to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a credential the call did not carry": [
    { message: "An access token is required to call this endpoint", httpStatus: 401, kind: "auth" },
    { message: "error: API token required", kind: "auth" },
  ],
  "one prompt over the model's size": [
    { message: "The input has too many tokens for this model", httpStatus: 400, kind: "context_length" },
    { message: "Request contains too many tokens (9000 > 8192)", kind: "context_length" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A rate says per what: too many tokens per minute passes by itself.
  { message: "Request has too many tokens per minute, slow down", httpStatus: 429, kind: "rate_limit" },
  // A request field that is required is our request, not a credential.
  { message: "Invalid request: max_tokens is required", httpStatus: 400, kind: "bad_request" },
];

describeWordings("the wordings clients' exception mapping matches on (batch 30)", FAMILIES, NEAR_MISSES, {
  families: [],
  status: 503,
});
