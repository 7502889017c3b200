import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 23 (src/taxonomy/wordings-23.ts, issue 17 item 11): what editor and
 * IDE plugins print around the providers' errors, each family from batch 23's train messages by
 * meaning, in words of our own here (no held-out text). Then the near misses each family must leave
 * to the rule they belong to, and the hard ones under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a token without the scope the endpoint needs": [
    { message: "The `inference` scope is required to access this endpoint", kind: "auth" },
  ],
  "a client failing to parse the answer": [
    {
      message: "[plugin] Error parsing JSON: Unexpected token < in JSON at position 0",
      kind: "output_invalid",
    },
  ],
  "a model the local server has not loaded": [
    { message: "Model with key 'demo-7b' is not loaded.", kind: "model_unavailable" },
    { message: "error: model demo-2 not currently loaded", kind: "model_unavailable" },
  ],
  "our call blocked by the browser": [
    {
      message: "Access to fetch at 'https://api.example.com/v1/chat' has been blocked by CORS policy",
      kind: "bad_request",
    },
  ],
  "a parameter over its bound": [
    { message: "3 is greater than the maximum of 2 - 'temperature'", kind: "bad_request" },
    { message: "-1 is less than the minimum of 0 - 'top_p'", httpStatus: 400, kind: "bad_request" },
  ],
  "a host the client could not reach": [
    { message: "The assistant is not reachable right now.", kind: "network" },
    { message: "Error: host api.example.com is unreachable", kind: "network" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A prompt over the model's window stays a context length.
  { message: "This model's maximum context length is 8192 tokens", kind: "context_length" },
  // Loading that failed for memory is the host that cannot hold the model; a JSON body that did not
  // load is not a model.
  { message: "Failed to load request body: not loaded", kind: "unknown" },
  // A permission denied on the model is not a scope missing from the token.
  { message: "Permission denied", httpStatus: 403, kind: "auth" },
];

describeWordings("wordings of editor and IDE plugins (batch 23)", FAMILIES, NEAR_MISSES, {
  families: ["a model the local server has not loaded"],
  status: 503,
});
