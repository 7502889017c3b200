import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The access families (src/taxonomy/wordings-access.ts, issue 17 item 11), in words of our own here
 * (no held-out text; none of these sentences is in the corpus): credentials in broad words (consulted
 * after the status codes), no credential at all under a gateway's 503, a free tier closed to the
 * caller, a model this account has not yet activated or was never granted, and a model the provider says
 * in plain words it does not know. Each case below was another kind or
 * unknown before them. Then the near misses each family must leave to the rule they belong to, and
 * the hard one under a 5xx or a retry hint.
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
    { message: "This key does not have permission to call this endpoint", kind: "auth" },
  ],
  "the caller's network address refused": [
    { message: "Your IP address is not in the allowlist", kind: "auth" },
    { message: "Requests from this IP are not allowed", kind: "auth" },
    { message: "origin not whitelisted for this key", kind: "auth" },
  ],
  "an exception or code naming the credential failure": [
    { message: "DemoAuthenticationError: request refused", kind: "auth" },
    { message: "NotAuthorizedException: x", kind: "auth" },
    { message: "AuthError: upstream refused", kind: "auth" },
    { message: "code: authentication_token_expired", kind: "auth" },
  ],
  "no credential at all, under the gateway's 503": [
    { message: "no credentials configured for provider demo", httpStatus: 503, kind: "auth" },
    { message: "gateway: auth_unavailable for demo-upstream", httpStatus: 503, kind: "auth" },
  ],
  "a free tier closed to the caller, billing the way in": [
    {
      message: "The free tier cannot be used from your location; set up billing for this project to continue",
      httpStatus: 400,
      kind: "billing",
    },
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
  "access to a model never granted, or the model not switched on for the account": [
    { message: "Your organization has not been granted access to demo-7b.", kind: "model_unavailable" },
    { message: "You haven't been given access to this model.", kind: "model_unavailable" },
    {
      message: "demo-7b isn't enabled for your project. Enable it in the console.",
      kind: "model_unavailable",
    },
  ],
  "a model kept from this caller, the model named as what is kept": [
    { message: "demo-7b requires a Pro subscription.", httpStatus: 403, kind: "model_unavailable" },
    { message: "demo-7b is available to Team and Enterprise workspaces only.", kind: "model_unavailable" },
    {
      message: "PermissionDeniedError: You do not have permission to use demo-7b.",
      httpStatus: 403,
      kind: "model_unavailable",
    },
    {
      message: "Your API key is not authorized to use model demo-7b.",
      httpStatus: 401,
      kind: "model_unavailable",
    },
    {
      message: "Access to demo-7b requires approval. Request access on its page.",
      kind: "model_unavailable",
    },
    { message: "You must accept the license terms for demo-7b before using it.", kind: "model_unavailable" },
    { message: "This model is gated. Please request access.", kind: "model_unavailable" },
  ],
  "a provider that does not know the model, in plain words": [
    { message: "We couldn’t find a model called demo-7b.", kind: "model_not_found" },
    { message: "The model you asked for isn't something we serve.", kind: "model_not_found" },
    { message: "We don't serve demo-7b on this endpoint.", kind: "model_not_found" },
  ],
};

const NEAR_MISSES: Case[] = [
  // An address blocked for a while for its rate is the rate's.
  { message: "Your IP has been temporarily blocked: too many requests", kind: "rate_limit" },
  // Permission for a resource, not a model, stays the credential's; a model only on another API is our call's.
  {
    message: "permission_error: Your API key does not have permission to use the specified resource.",
    httpStatus: 403,
    kind: "auth",
  },
  { message: "Model demo-7b is only available on the GA API.", httpStatus: 400, kind: "bad_request" },
  // Not authorised "or the model does not exist" leaves open which: the not-found rules read it.
  {
    message: "User u-1 is not authorized to access model demo/demo-7b.1 or model does not exist",
    httpStatus: 403,
    kind: "model_not_found",
  },
  // The model kept from the caller's place is the place's (auth).
  { message: "demo-7b is only available in supported regions.", httpStatus: 403, kind: "auth" },
  // Access never granted to a project, an API or a resource is the credential's, not a model's.
  { message: "You haven't been given access to the Demo API.", httpStatus: 403, kind: "auth" },
  // A model not switched on where the caller is stays the caller's place (auth).
  { message: "demo-7b is not enabled in this region for your account.", httpStatus: 403, kind: "auth" },
  // A plain "we couldn't find the model" with a retry hint is the transient veto's.
  { message: "We couldn't find the model right now, please try again later.", kind: "overloaded" },
  // A status decides before the broad credential words (authLate comes after the status codes).
  { message: "The refresh token for this client was revoked", httpStatus: 429, kind: "rate_limit" },
  { message: "The refresh token for this client was revoked", httpStatus: 502, kind: "server_error" },
  // An account's own id is no model, and an account refused an API is not a model refused.
  { message: "Your organization does not have access to org-abc123", httpStatus: 403, kind: "auth" },
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
  // No capacity left is the provider's, not a missing credential.
  { message: "no capacity available for demo-large", httpStatus: 503, kind: "overloaded" },
  // A feature not enabled on an endpoint is our request, not a model closed to the account.
  { message: "Streaming has not been enabled for this endpoint", httpStatus: 400, kind: "bad_request" },
  // Where the caller is stays auth when billing is not the way in.
  { message: "User location is not supported for the API use", httpStatus: 400, kind: "auth" },
  // Where the caller is stays auth.
  {
    message: "Your team has not enabled the model demo-large in your region",
    httpStatus: 403,
    kind: "auth",
  },
];

describeWordings("wordings across batches: access (auth, model_unavailable)", FAMILIES, NEAR_MISSES, {
  families: ["a model not yet activated for the account"],
  status: 503,
});
