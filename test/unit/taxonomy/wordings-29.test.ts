import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 29 (src/taxonomy/wordings-29.ts; issue 17 item 11): the product
 * providers' newest wordings, each family from batch 29's train messages by meaning, in words of our
 * own here (no held-out text). Then the near misses each family must leave to the rule they belong
 * to, and the hard families under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a project refused for an unpaid bill (dunning)": [
    {
      message: "PERMISSION_DENIED: billing dunning state blocks this project",
      httpStatus: 403,
      kind: "billing",
    },
  ],
  "a client too old for the model": [
    {
      message: "MyCLI 1.2.0 does not support this model; version 1.4.0 or newer is required.",
      httpStatus: 400,
      kind: "model_unavailable",
    },
  ],
  "a model the organisation has switched off": [
    { message: "Model claude-x is blocked by your organisation's policy.", kind: "model_unavailable" },
    {
      message: "The requested model is not allowed by organization policy",
      httpStatus: 403,
      kind: "model_unavailable",
    },
  ],
  "a beta flag our request sent that the provider does not know": [
    {
      message: "ValidationException: unsupported beta header: tools-2099-01-01",
      httpStatus: 400,
      kind: "bad_request",
    },
    { message: "invalid anthropic_beta flag", kind: "bad_request" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A feature (not a model) behind an organisation's policy is the credentials' matter.
  {
    message:
      "You are not authorized to use this feature, it requires an enterprise or organization policy to be enabled.",
    httpStatus: 403,
    kind: "auth",
  },
  // A parameter this model does not support is our request, not a client too old for it.
  {
    message: "Unsupported parameter: 'temperature' is not supported with this model.",
    httpStatus: 400,
    kind: "bad_request",
  },
];

describeWordings("the product providers' newest wordings (batch 29)", FAMILIES, NEAR_MISSES, {
  families: ["a client too old for the model", "a model the organisation has switched off"],
  status: 503,
});
