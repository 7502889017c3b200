import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 26 (src/taxonomy/wordings-26.ts; phrasings.ts unavailableFirst;
 * issue 17 item 11): the product providers' errors as non-English blogs and Q&A sites quote them,
 * each family from batch 26's train messages by meaning, in words of our own here (no held-out
 * text). Then the near misses each family must leave to the rule they belong to, and the hard
 * family under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a request stopped by the provider's filter, said as a block": [
    {
      message: "ValidationException: Your prompt was blocked by the safety filters.",
      kind: "content_filter",
    },
    {
      message: "The input has been blocked by our moderation policy",
      httpStatus: 400,
      kind: "content_filter",
    },
  ],
  "a model the caller has no permission to use": [
    { message: "You don't have permission to use this model.", httpStatus: 403, kind: "model_unavailable" },
    {
      message: "The key does not have permission to access fine-tuned model ft:demo-1",
      httpStatus: 403,
      kind: "model_unavailable",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // A permission on the project or the endpoint is the credentials' matter, not the model's.
  {
    message: "Permission 'aiplatform.endpoints.predict' denied on resource (or it may not exist).",
    httpStatus: 403,
    kind: "auth",
  },
  { message: "You do not have permission to access this project.", httpStatus: 403, kind: "auth" },
  // A request blocked by a firewall or a CORS policy is not a safety filter.
  { message: "Request blocked by the firewall", httpStatus: 403, kind: "auth" },
];

describeWordings("wordings of non-English blogs and Q&A sites (batch 26)", FAMILIES, NEAR_MISSES, {
  families: ["a model the caller has no permission to use"],
  status: 503,
});
