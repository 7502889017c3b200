import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The access families (src/taxonomy/wordings-access.ts, issue 17 item 11), in words of our own here
 * (no held-out text; none of these sentences is in the corpus): no credential at all under a
 * gateway's 503, and a model this account has not yet activated. Each case below was another kind or
 * unknown before them. Then the near misses each family must leave to the rule they belong to, and
 * the hard one under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
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
};

const NEAR_MISSES: Case[] = [
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
