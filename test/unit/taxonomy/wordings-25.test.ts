import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 25 (src/taxonomy/wordings-25.ts; phrasings.ts unavailableFirst;
 * patterns.ts CAPACITY_SHORTAGE; issue 17 item 11): the product providers' errors as forums, Q&A
 * sites and their own error pages show them, each family from batch 25's train messages by meaning,
 * in words of our own here (no held-out text). Then the near misses each family must leave to the
 * rule they belong to, and the hard family under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a request signature the provider could not verify": [
    {
      message: "The request signature does not match the expected signature.",
      httpStatus: 400,
      kind: "auth",
    },
    { message: "SignatureDoesNotMatch: check your secret access key", kind: "auth" },
  ],
  "one model's Marketplace entitlement not yet granted": [
    { message: "You are not entitled to use this model.", httpStatus: 403, kind: "model_unavailable" },
    {
      message: "Access pending: your AWS Marketplace subscription has not completed yet.",
      httpStatus: 403,
      kind: "model_unavailable",
    },
  ],
  "a server limiting requests that says it is not the caller's limit": [
    {
      message: "The server is limiting requests right now (not your rate limit). Rate limited",
      kind: "overloaded",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // An IAM principal without the Marketplace actions is the credentials' matter.
  {
    message:
      "Role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:Subscribe); your Marketplace subscription cannot be completed",
    httpStatus: 403,
    kind: "auth",
  },
  // A rate limit that is the caller's stays a rate limit.
  { message: "Rate limit reached for requests per minute", httpStatus: 429, kind: "rate_limit" },
  // A bad key is not a signature.
  { message: "Incorrect API key provided", httpStatus: 401, kind: "auth" },
];

describeWordings("wordings of forums and the providers' error pages (batch 25)", FAMILIES, NEAR_MISSES, {
  families: ["one model's Marketplace entitlement not yet granted"],
  status: 503,
});
