import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 52 (src/taxonomy/wordings-52.ts, its Chinese wording in wordings-zh.ts; issue 17 item
 * 11): managed cloud platforms'
 * documented errors, each family from batch 52's train messages by meaning, in words of our own here (no
 * held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a deployment with no capacity left in the account's quota": [
    {
      message: "Requested capacity 100 is bigger than the available capacity 20 for this model.",
      kind: "model_unavailable",
    },
    { message: "No quota is available for this deployment in this region.", kind: "model_unavailable" },
  ],
  "a model kept from the free tier": [
    {
      message: "Our newest models are only accessible to billed users.",
      httpStatus: 400,
      kind: "model_unavailable",
    },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "a language the service does not take, in Chinese": [{ message: "不支持当前语言", kind: "bad_request" }],
  "a deployment that does not serve the API we called": [
    { message: "Deployment abc does not have inferences for chat.", kind: "bad_request" },
  ],
  "a provider name the gateway does not know": [
    { message: "Error: invalid provider 'acme'", kind: "bad_request" },
  ],
  "a request field the API has withdrawn": [
    { message: "generation_config.response_modalities is deprecated, use output_types", kind: "bad_request" },
  ],
  "a role the API does not take, under a relay's 500": [
    {
      message: "Error code: 500 - upstream said: Please use a valid role: user, assistant.",
      kind: "bad_request",
    },
  ],
  "the HTTP call itself failed": [
    { message: "Error occurred while making an HTTP request to the model endpoint", kind: "network" },
  ],
};

const NEAR_MISSES: Case[] = [
  // An API or a feature kept from the free tier names no model: the status decides.
  { message: "The Veo API is only accessible to billed users.", httpStatus: 400, kind: "bad_request" },
  // A model's name with a dot is not a request field.
  { message: "gpt-4.5-preview is deprecated and will be removed", kind: "unknown" },
  // Capacity with a retry hint is the provider's load, not the account's quota.
  { message: "Capacity is bigger than available capacity right now, try again later", kind: "overloaded" },
];

describeWordings(
  "the wordings of batch 52 (managed cloud platforms)",
  { ...FAMILIES, ...NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);
