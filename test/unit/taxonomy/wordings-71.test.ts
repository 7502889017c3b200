import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 71 (src/taxonomy/wordings-71.ts, and a model "isn't available for your org" in
 * patterns.ts; issue 17 item 11), each family from batch 71's train messages by meaning, in words of our own here
 * (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "the model's own refusal, said as such": [
    { message: "The model declined to respond to this request.", kind: "content_filter" },
    { message: "Error: model has refused the prompt", kind: "content_filter" },
  ],
  "a model that isn't available for the account's organization": [
    {
      message: 'You chose a model that isn\'t available for your org. Using "acme-mini" instead.',
      kind: "model_unavailable",
    },
    { message: "Model acme-9 isn't accessible to this organisation", kind: "model_unavailable" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A connection refused is the network's; a model unavailable "right now" says it will pass.
  { message: "connect ECONNREFUSED 127.0.0.1:8080 (connection refused)", kind: "network" },
  { message: "The model is not available right now, please try again later", kind: "overloaded" },
  // A feature of the model not enabled is no verdict on the model (left unknown for the LLM pass).
  { message: "Streaming for this model is not enabled", kind: "unknown" },
];

describeWordings(
  "the wordings of batch 71 (the families issue 17 names, from bug reports)",
  FAMILIES,
  NEAR_MISSES,
  { families: ["a model that isn't available for the account's organization"], status: 503 },
);
