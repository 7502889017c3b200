import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings taught by the train split's first-sentence probes (src/taxonomy/wordings-probes.ts; issue
 * 17 item 11): a first sentence that already says what the message is, read as the whole message is, in
 * words of our own here (no held-out text). Then the near misses each must leave to their own rule.
 */
const FAMILIES: Record<string, Case[]> = {
  "credits a model or request needs": [
    { message: "Model 'demo/demo-2' requires available credits.", kind: "billing" },
    { message: "This model requires sufficient credits.", kind: "billing" },
  ],
  "an input type our request chose": [
    { message: "Error: Invalid document type.", kind: "bad_request" },
    { message: "Invalid file type: .exe", kind: "bad_request" },
  ],
  "a file our request uploaded in the wrong format": [
    { message: "The job failed due to a file format error in the training file.", kind: "bad_request" },
    { message: "Format error in your input file", kind: "bad_request" },
  ],
  "a model deactivated": [
    { message: "The model has been deactivated.", kind: "model_unavailable" },
    { message: "This model was deactivated by its owner", kind: "model_unavailable" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A key or an account deactivated is the credentials' matter.
  { message: "Your API key has been deactivated.", kind: "auth" },
  { message: "The account has been deactivated", kind: "auth" },
  // More credits than a request's tokens stays OpenRouter's money wording.
  { message: "This request requires more credits, or fewer max_tokens.", kind: "billing" },
];

describeWordings("wordings from the train split's first sentences", FAMILIES, NEAR_MISSES, {
  families: ["a model deactivated"],
  status: 503,
});
