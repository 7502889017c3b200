import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 56 (src/taxonomy/wordings-56.ts; issue 17 item 11): vendor and community
 * forums, recorded fixtures in code, and the benchmark tools that call many providers in bulk, each family
 * from batch 56's train messages by meaning, in words of our own here (no held-out text). Batch 56 brought no
 * hard wording of its own: its families keep a request of ours from reading as a model or an answer. Then
 * the near misses.
 */
const NOT_HARD: Record<string, Case[]> = {
  "a file of ours over the size limit": [
    {
      message: "Your upload: input file is bigger than the 100 MB maximum for this model",
      kind: "bad_request",
    },
  ],
  "a request whose JSON the server could not parse": [
    { message: "server: request with invalid JSON: unexpected token", kind: "bad_request" },
  ],
  "a model on another surface of the API": [
    {
      message:
        '{"error":{"message":"Model x-audio is only supported via the Realtime API","code":"invalid_model"}}',
      kind: "bad_request",
    },
  ],
  "a call or a client the service does not support": [
    { message: "Operation is not supported", kind: "bad_request" },
    { message: "AttributeError: 'Client' object has no attribute 'complete'", kind: "bad_request" },
  ],
};

const NEAR_MISSES: Case[] = [
  // The same words under a 5xx are the server's own failure, read by the status.
  {
    message: "AttributeError: 'Worker' object has no attribute 'run'",
    httpStatus: 500,
    kind: "server_error",
  },
  // A model the API does not know, with no other surface named, stays a model not found.
  {
    message: '{"error":{"message":"Model x-audio does not exist","code":"invalid_model"}}',
    kind: "model_not_found",
  },
];

describeWordings(
  "the wordings of batch 56 (forums, recorded fixtures, benchmark tools)",
  NOT_HARD,
  NEAR_MISSES,
  {
    families: [],
    status: 503,
  },
);
