import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The broad access families (src/taxonomy/wordings-access.ts, issue 17 item 11): credentials and a model
 * not yet activated for this account, each family written across every batch's train messages by
 * meaning, in words of our own here (no held-out text; none of these sentences is in the corpus).
 * Each case below was unknown or another kind before the families. Then the near misses each family
 * must leave to the rule they belong to, and the hard ones under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a credential named with a failure predicate, in either order": [
    { message: "The service account key could not be loaded from /etc/demo.json", kind: "auth" },
    { message: "The refresh token for this client was revoked", kind: "auth" },
    { message: "Your subscription key was rejected by the gateway", kind: "auth" },
    { message: "Malformed authorization header", kind: "auth" },
    { message: "Error: Could not find credentials for provider demo", kind: "auth" },
  ],
  "signing in that failed or is not allowed": [
    { message: "OAuth login is not enabled for this workspace", kind: "auth" },
  ],
  "an account refused an API, not a model": [
    { message: "Your team does not have access to the Demo API.", kind: "auth" },
    { message: "code: CONSUMER_SUSPENDED", kind: "auth" },
    { message: "Requests to this API demo.example.com method Generate are blocked.", kind: "auth" },
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
  "a model not yet activated for the account": [
    { message: "Your organization has not enabled the model demo-large yet", kind: "model_unavailable" },
    {
      message: "Your account has not subscribed to the model demo-large",
      httpStatus: 404,
      kind: "model_unavailable",
    },
    { message: "ModelNotOpen: the account cannot call demo-large", kind: "model_unavailable" },
  ],
};

const NEAR_MISSES: Case[] = [
  // An account's own id is no model, and an account refused an API is not a model refused.
  { message: "Your organization does not have access to org-abc123", httpStatus: 403, kind: "auth" },
  // The id in doubt: not found, not unavailable, and not auth either.
  {
    message: "The model `demo-x` does not exist or you do not have access to it.",
    httpStatus: 404,
    kind: "model_not_found",
  },
  // A counted or parsed token is no credential.
  { message: "max tokens is invalid", httpStatus: 400, kind: "bad_request" },
  { message: "Error: invalid token 'x' at position 4", kind: "unknown" },
  { message: "Unexpected token < in JSON at position 0", kind: "unknown" },
  // A signature that is not a credential.
  {
    message: "Thought signature is missing from the function call part",
    httpStatus: 400,
    kind: "bad_request",
  },
  { message: "Invalid function signature for tool get_weather", kind: "unknown" },
  // A model activated by someone else, or a feature not enabled for the model, is no account matter.
  { message: "Streaming has not been enabled for this endpoint", httpStatus: 400, kind: "bad_request" },
  // Where the caller is stays auth.
  { message: "Your team has not enabled the model demo-large in your region", httpStatus: 403, kind: "auth" },
];

describeWordings("wordings across batches: access (auth, model_unavailable)", FAMILIES, NEAR_MISSES, {
  families: ["a model not yet activated for the account"],
  status: 503,
});
