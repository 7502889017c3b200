import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 34 (src/taxonomy/wordings-34.ts; issue 17 item 11): the product
 * providers' feature APIs beside chat (batch jobs, files, caching, audio, realtime, fine-tuning, images,
 * guardrails), each family from batch 34's train messages by meaning, in words of our own here (no
 * held-out text). Then the near misses each family must leave to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a file of our request the caller may not read": [
    {
      message: "You do not have permission to access the file f-123 or it may not exist.",
      httpStatus: 403,
      kind: "bad_request",
    },
    { message: "Caller doesn't have permission to access this uploaded file", kind: "bad_request" },
  ],
  "more items of a kind than one request may carry": [
    { message: "You cannot include more than 20 images in a request.", kind: "bad_request" },
    {
      message: "You can't include more than 3 audio clips in one request",
      httpStatus: 400,
      kind: "bad_request",
    },
  ],
  "a resource of our request, named by its kind, not found": [
    { message: "Not found: Table proj:ds.requests was not found in location EU", kind: "bad_request" },
    { message: "Vector store with id 'vs_abc' not found.", httpStatus: 404, kind: "bad_request" },
    { message: "Thread thread_123 could not be found", kind: "bad_request" },
  ],
  "the identifier of such a resource declared invalid": [
    { message: "The provided knowledge base identifier is invalid.", kind: "bad_request" },
  ],
  "our input data in the wrong shape for a job": [
    {
      message: "Training file at s3://b/train.jsonl must follow the chat messages format",
      kind: "bad_request",
    },
  ],
  "the provider still setting up its side, with a retry hint": [
    {
      message: "Service accounts are being provisioned. Please try again in a few minutes.",
      httpStatus: 400,
      kind: "server_error",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // A permission on the account's project stays a credential matter.
  { message: "You do not have permission to access this project.", httpStatus: 403, kind: "auth" },
  // A model or a deployment not found stays hard.
  { message: "The model `demo-9` was not found", httpStatus: 404, kind: "model_not_found" },
  { message: "The provided model identifier is invalid.", kind: "model_not_found" },
  // Setting up with no hint that it passes is left to the status.
  { message: "Service accounts are being provisioned.", httpStatus: 400, kind: "bad_request" },
];

describeWordings("the wordings of batch 34 (the providers' feature APIs)", FAMILIES, NEAR_MISSES, {
  families: [],
  status: 503,
});
