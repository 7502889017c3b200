import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 45 (src/taxonomy/wordings-45.ts; issue 17 item 11): the product providers'
 * newest SDK and agent threads, retrieval and low-code platforms, Q&A sites, each family from batch 45's
 * train messages by meaning, in words of our own here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a relay whose accounts' plans leave the model out": [
    { message: "No accounts with a plan supporting model 'acme-9'", kind: "model_unavailable" },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "credentials that could not be renewed or do not entitle": [
    { message: "Failed to refresh access token: invalid_grant", kind: "auth" },
    { message: "IneligibleTierError: this account is not eligible for the assistant", kind: "auth" },
    { message: "You don't have a valid license for this product.", kind: "auth" },
    { message: "Folder ID does not match the service account", httpStatus: 400, kind: "auth" },
  ],
  "an answer cut by its output budget": [
    { message: "Could not finish the message because max_tokens was reached.", kind: "output_invalid" },
  ],
  "our parameters refused by a check": [
    { message: "parameter check failed, temperature range is [0, 1]", kind: "bad_request" },
    { message: "[1214][messages参数非法]", kind: "bad_request" },
  ],
  "accounts rate limited, traffic throttled": [
    { message: "no accounts left (filtered: model_rate_limited=3)", kind: "rate_limit" },
    { message: "We've detected unusual traffic from your network.", kind: "rate_limit" },
  ],
  "a server with issues": [{ message: "We are experiencing server issues right now.", kind: "server_error" }],
};

const NEAR_MISSES: Case[] = [
  // A model "not available in your" cut before its noun says nothing of whose matter it is.
  { message: "The model acme-9 is not available in your", kind: "unknown" },
  // In your region it is the caller's location (credentials), in your plan the model kept from the plan.
  { message: "The model acme-9 is not available in your region.", kind: "auth" },
  { message: "The model acme-9 is not available in your plan", kind: "model_unavailable" },
];

describeWordings(
  "the wordings of batch 45 (newest SDK threads, retrieval platforms, Q&A sites)",
  { ...FAMILIES, ...NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);
