import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 20 (src/taxonomy/wordings-20.ts, and in classify.ts the answer
 * families yielding to a 401 or 403, issue 17 item 11): what clients in Go, Java, .NET, Rust, Ruby,
 * PHP and Swift print around the providers' errors, each family from batch 20's train messages by
 * meaning, in words of our own here (no held-out text). Then the near misses each family must leave
 * to the rule they belong to, and the hard ones under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a client's own model registry that lacks the id": [
    {
      message:
        'ModelNotFoundError: Unknown model "demo-9". If the model exists at the provider, refresh the registry.',
      kind: "bad_request",
    },
  ],
  "Go's dialer failing to connect": [
    {
      message: 'Post "http://10.0.0.2/v1/chat/completions": dial tcp 10.0.0.2:80: connect: network is down',
      kind: "network",
    },
  ],
  "Google's front end not finding the model's URL": [
    {
      message:
        "The requested URL /v1/projects/p/locations/l/publishers/google/models/demo-2:generateContent was not found on this server.",
      httpStatus: 404,
      kind: "model_not_found",
    },
  ],
  "a refusal a client could not parse": [
    { message: "response error: ((HTTP/2 401) Malformed JSON in response.)", kind: "auth" },
    { message: "Malformed JSON in response", httpStatus: 403, kind: "auth" },
  ],
};

const NEAR_MISSES: Case[] = [
  // Go's dialer running out of time is a timeout.
  { message: 'Post "https://api.example.com/v1/chat": dial tcp 1.2.3.4:443: i/o timeout', kind: "timeout" },
  // A provider's own unknown model stays hard.
  { message: "The model `demo-9` does not exist", httpStatus: 404, kind: "model_not_found" },
  // An answer that is not JSON, without a refusal's status, is still an unusable answer.
  { message: "Malformed JSON in response", kind: "output_invalid" },
  // A URL that is not a model's path says nothing about the model.
  { message: "The requested URL /v1/chat was not found on this server.", httpStatus: 404, kind: "unknown" },
];

describeWordings("wordings of clients in other languages (batch 20)", FAMILIES, NEAR_MISSES, {
  families: ["Google's front end not finding the model's URL"],
  status: 503,
});
