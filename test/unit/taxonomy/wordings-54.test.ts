import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 54 (src/taxonomy/wordings-54.ts, the retirement said beside "not found"
 * in patterns.ts, and a deadline's words over "try again later" in classify.ts; issue 17 item 11): the
 * first-party providers in application trackers, the inference hosts, and the hard class with its near
 * misses, each family from batch 54's train messages by meaning, in words of our own here (no held-out
 * text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a model not offered for fine-tuning or batch inference": [
    { message: "This base model doesn't support fine-tuning", kind: "model_unavailable" },
    { message: "Model is not available for fine-tuning", kind: "model_unavailable" },
    { message: "Batch mode is not supported for this model.", kind: "model_unavailable" },
  ],
  "a model retired, where the text also says not found": [
    { message: "model not found (retired by the provider)", kind: "model_retired" },
  ],
  "a model name the provider does not recognise": [
    { message: "Incorrect model id: please check the name", kind: "model_not_found" },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "things of ours that are not models, not found": [
    { message: "404 No such Vector_store object: vs_123", kind: "bad_request" },
    { message: '{"code":"conversation_not_found"}', kind: "bad_request" },
    { message: "Tool search_docs not found", kind: "bad_request" },
  ],
  "a deadline passed, with words to try again": [
    { message: "Request timed out, try again later", kind: "timeout" },
    { message: "Please try again later.", httpStatus: 408, kind: "timeout" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A retirement announced for a date to come is a notice, not the reason a call failed.
  { message: "This model is to be retired by June 2027", kind: "unknown" },
  // A model whose id holds the words of the things-of-ours family is still a model not found.
  { message: "Model conversation-v2 not found", kind: "model_not_found" },
  { message: "The model tool-use-preview was not found", kind: "model_not_found" },
];

describeWordings(
  "the wordings of batch 54 (application trackers, inference hosts, the hard class and its near misses)",
  { ...FAMILIES, ...NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);
