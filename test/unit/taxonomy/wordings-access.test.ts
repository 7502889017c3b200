import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The broad access families (src/taxonomy/wordings-access.ts, issue 17 item 11): credentials, money
 * and a model not open to this account, each family written across every batch's train messages by
 * meaning, in words of our own here (no held-out text; none of these sentences is in the corpus).
 * Each case below was unknown or another kind before the families. Then the near misses each family
 * must leave to the rule they belong to, and the hard ones under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a credential named with a failure predicate, in either order": [
    { message: "The service account key could not be loaded from /etc/demo.json", kind: "auth" },
    { message: "Provided token is not associated with any workspace", kind: "auth" },
    { message: "Your subscription key was rejected by the gateway", kind: "auth" },
    { message: "Malformed authorization header", kind: "auth" },
    { message: "Error: Could not find credentials for provider demo", kind: "auth" },
    { message: "Token is invalid or expired", kind: "auth" },
    { message: "Header 'Authorization' is missing", kind: "auth" },
  ],
  "signing in that failed or is not allowed": [
    { message: "OAuth login is not enabled for this workspace", kind: "auth" },
  ],
  "an account refused an API, not a model": [
    { message: "Your team does not have access to the Demo API.", kind: "auth" },
    { message: "Request had insufficient authentication scopes.", kind: "auth" },
    { message: "Requests to this API demo.example.com method Generate are blocked.", kind: "auth" },
    { message: "User is not allowed to access this project", kind: "auth" },
  ],
  "an exception or code naming the credential failure": [
    { message: "DemoAuthenticationError: request refused", kind: "auth" },
    { message: "NotAuthorizedException: x", kind: "auth" },
    { message: "AuthError: upstream refused", kind: "auth" },
    { message: "code: authentication_token_expired", kind: "auth" },
  ],
  "no credential at all, under the gateway's 503": [
    { message: "no credentials configured for provider demo", httpStatus: 503, kind: "auth" },
  ],
  "money run out, under a rate-limit status": [
    { message: "Not enough credits to run this request", httpStatus: 429, kind: "billing" },
    { message: "You have exhausted your prepaid credits", kind: "billing" },
    { message: "Credits: 0 remaining", kind: "billing" },
  ],
  "a payment failed, owed or without a method": [
    { message: "Your card was declined.", kind: "billing" },
    { message: "No valid payment method on file for this workspace", kind: "billing" },
    { message: "An outstanding invoice must be settled first", kind: "billing" },
    { message: "Invoice unpaid", kind: "billing" },
  ],
  "a model not open to this account, plan or tier": [
    { message: "The model demo-large is not included in your subscription", kind: "model_unavailable" },
    {
      message: "The model demo-x is not offered under your current subscription",
      httpStatus: 403,
      kind: "model_unavailable",
    },
    {
      message: "Access to model demo-x requires a business plan",
      httpStatus: 403,
      kind: "model_unavailable",
    },
    { message: "You do not have access to demo-5", httpStatus: 404, kind: "model_unavailable" },
  ],
  "a model not yet enabled for the account": [
    { message: "Your organization has not enabled the model demo-large yet", kind: "model_unavailable" },
    { message: "model demo-x has not been activated for this account", kind: "model_unavailable" },
    { message: "Model demo-x is not enabled", httpStatus: 403, kind: "model_unavailable" },
    { message: "You have not accepted the terms for this model", httpStatus: 400, kind: "model_unavailable" },
  ],
  "a model served only on another call path": [
    {
      message: "Model demo-x requires a provisioned throughput deployment",
      httpStatus: 400,
      kind: "model_unavailable",
    },
    { message: "Serverless inference is not supported for demo-x", kind: "model_unavailable" },
    { message: "The dedicated deployment for demo-x is stopped", httpStatus: 400, kind: "model_unavailable" },
  ],
};

const NEAR_MISSES: Case[] = [
  // An account's own id is no model id.
  { message: "Your organization does not have access to org-abc123", httpStatus: 403, kind: "auth" },
  // A counted or parsed token is no credential.
  { message: "max tokens is invalid", httpStatus: 400, kind: "bad_request" },
  { message: "Error: invalid token 'x' at position 4", kind: "unknown" },
  // A feature of our request with the model, not the model refused to the account.
  { message: "You cannot use this model with streaming enabled", httpStatus: 400, kind: "bad_request" },
  // "model" as the adjective of an API, or a request option the model needs: not the model refused.
  { message: "The models endpoint is not available for your account", httpStatus: 403, kind: "auth" },
  { message: "Model demo-x requires a higher temperature", httpStatus: 400, kind: "bad_request" },
  { message: "This model requires max tokens to be set", httpStatus: 400, kind: "bad_request" },
  { message: "The model's tool use is not enabled", httpStatus: 400, kind: "bad_request" },
  // The id in doubt: not found, not unavailable.
  {
    message: "The model `demo-x` does not exist or you do not have access to it.",
    httpStatus: 404,
    kind: "model_not_found",
  },
  // A payment method named as the way to a higher rate limit is still a rate limit.
  {
    message: "Rate limit reached. You can increase your rate limit by adding a payment method.",
    httpStatus: 429,
    kind: "rate_limit",
  },
  { message: "Not enough tokens left in the bucket", httpStatus: 429, kind: "rate_limit" },
  // Where the caller is stays auth, even with a model named.
  { message: "The model you requested is not available in your region", kind: "auth" },
  { message: "Access to this model is not allowed from your region", httpStatus: 403, kind: "auth" },
  // A signature or token that is not a credential.
  {
    message: "Thought signature is missing from the function call part",
    httpStatus: 400,
    kind: "bad_request",
  },
  { message: "Invalid function signature for tool get_weather", kind: "unknown" },
  { message: "Unexpected token < in JSON at position 0", kind: "unknown" },
  // A dedicated endpoint warming up is transient.
  {
    message: "The dedicated endpoint is not ready yet, please try again later",
    httpStatus: 503,
    kind: "overloaded",
  },
];

describeWordings(
  "wordings across batches: access (auth, billing, model_unavailable)",
  FAMILIES,
  NEAR_MISSES,
  {
    families: [
      "a model not open to this account, plan or tier",
      "a model not yet enabled for the account",
      "a model served only on another call path",
    ],
    status: 503,
  },
);
