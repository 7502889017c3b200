import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 13 (WORDINGS_13 in src/taxonomy/wordings-13.ts, issue 17 item 11):
 * each family from batch 13's train messages by meaning, in words of our own here (no held-out text).
 * Then the near misses each family must leave to the rule they belong to. None of the families is
 * hard, so none may turn hard under a 5xx or a retry hint either.
 */
const FAMILIES: Record<string, Case[]> = {
  "an account suspended for money": [
    { message: "Your workspace was suspended because of unpaid invoices.", kind: "billing" },
    { message: "Account demo is suspended due to a failed payment.", kind: "billing" },
  ],
  "a model the free tier does not cover": [
    { message: "Demo Pro does not have a free tier. Enable billing to use it.", kind: "billing" },
    {
      message: "[429 Too Many Requests] Demo Ultra doesn't have a free quota tier.",
      httpStatus: 429,
      kind: "billing",
    },
  ],
  "a client with no credential to send": [
    { message: "Error: could not resolve authentication method; set a key or a token.", kind: "auth" },
    { message: "Unable to resolve auth credentials for the demo client.", kind: "auth" },
  ],
  "a stream that stopped before saying why it finished": [
    { message: "Error: response stream closed without a stop reason", kind: "network" },
    { message: "demo stream finished without any finish_reason", kind: "network" },
  ],
  "a structured answer that never came or did not parse": [
    { message: "stream ended: missing structured output", kind: "output_invalid" },
    { message: "agent step failed [structured-result-parse-failed]", kind: "output_invalid" },
  ],
  "a prefilled assistant turn of the wrong shape": [
    { message: "the last assistant message cannot end with whitespace", kind: "bad_request" },
    { message: "assistant content must not start with a newline", kind: "bad_request" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A suspension that says nothing of money stays with the credentials.
  {
    message: "Your account has been suspended for violating the usage policy.",
    httpStatus: 403,
    kind: "auth",
  },
  // A free tier whose quota ran out is a rate limit, not a plan that lacks one.
  {
    message: "Quota exceeded for metric: free tier requests per minute. Please retry in 30s.",
    httpStatus: 429,
    kind: "rate_limit",
  },
  // A key that was sent and refused is still auth, by the rule that had it before.
  { message: "Invalid API key provided.", httpStatus: 401, kind: "auth" },
  // An answer that came back empty is the model's output, whether or not a finish reason came with it.
  { message: "The model returned an empty response without a finish reason.", kind: "output_invalid" },
  // The model's structured answer cut short by the token budget stays a length problem of output.
  { message: "Could not parse response content as the length limit was reached", kind: "output_invalid" },
  // A user turn of the wrong shape is still our request, by the rules before this round.
  { message: "messages: text content blocks must be non-empty", httpStatus: 400, kind: "bad_request" },
];

describeWordings("batch 13's wordings", FAMILIES, NEAR_MISSES, { families: [], status: 503 });
