import { describeWordings, type Case } from "./wording-cases.js";

/**
 * What a hard verdict needs when a message reaches us cut and stripped at once (issue 17 item 11, the
 * combined train probes of src/taxonomy/probes.ts): a model "not supported" that ends the text says
 * nothing of for what or by whom unless the provider's status stands behind it (families.ts
 * MODEL_NOT_SUPPORTED_AT_END); a client's registry class with its own message is the client's, with or
 * without its namespace (wordings-20.ts); Bedrock's closing sentence about a Marketplace subscription
 * that "cannot be completed at this time" belongs to its account-level refusals (phrasings.ts); a text
 * cut mid-word keeps no hard verdict its cut words only seemed to give (patterns.ts, families.ts). In
 * words of our own (no held-out text).
 */
const FAMILIES: Record<string, Case[]> = {
  "a model not supported, under the provider's status": [
    { message: "Model demo-7 is not supported", httpStatus: 401, kind: "model_not_found" },
    { message: "Error code: 404 - Model 'demo-7' is not supported", kind: "model_not_found" },
  ],
  "a model not supported, the sentence seen whole": [
    { message: "The requested model is not supported.", kind: "model_not_found" },
    { message: "Model demo-7 is not supported. Check /v1/models for the list.", kind: "model_not_found" },
  ],
  "a client's registry lookup without its namespace": [
    { message: ':ModelNotFoundError: Unknown model: "demo-9".', kind: "bad_request" },
    { message: "ModelNotFoundError: Unknown model: demo-9", kind: "bad_request" },
  ],
};

const NEAR_MISSES: Case[] = [
  // Cut where a "for …" may have followed, or a library's own check: no hard verdict.
  { message: "ValueError: Model demo/demo-7 is not supported", kind: "bad_request" },
  { message: "Model demo-7 is not supported", kind: "bad_request" },
  // Bedrock's closing sentence quoted alone is the account's matter, not the model's.
  {
    message: "Your AWS Marketplace subscription for this model cannot be completed at this time.",
    kind: "unknown",
  },
  {
    message: "Your AWS Marketplace subscription for this model cannot be completed at this time.",
    httpStatus: 403,
    kind: "auth",
  },
  // One model's subscription still being processed stays unavailable; a provider's unknown model stays hard.
  {
    message: "Your AWS Marketplace subscription for this model is still being processed",
    httpStatus: 403,
    kind: "model_unavailable",
  },
  { message: "Unknown model: demo-9", httpStatus: 404, kind: "model_not_found" },
  // Cut mid-word: a capability the endpoints lack, a provider unsure which of two it refuses.
  { message: "No endpoints found that supp", httpStatus: 404, kind: "unknown" },
  { message: "No endpoints found for demo/demo-2.", httpStatus: 404, kind: "model_unavailable" },
  { message: "You invoked an unsupported model or your requ", kind: "unknown" },
  { message: "Unsupported model: demo-5", kind: "model_not_found" },
];

describeWordings(
  "a hard verdict from a cut and stripped message needs positive evidence",
  FAMILIES,
  NEAR_MISSES,
  {
    families: [
      "a model not supported, under the provider's status",
      "a model not supported, the sentence seen whole",
    ],
    status: 503,
  },
);
