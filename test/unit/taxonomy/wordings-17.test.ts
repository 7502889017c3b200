import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 17 (src/taxonomy/wordings-17.ts, issue 17 item 11): what Python agent
 * frameworks print around the providers' errors, each family from batch 17's train messages by meaning,
 * in words of our own here (no held-out text). Then the near misses each family must leave to the rule
 * they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a prompt outside the input-length range the model takes": [
    {
      message: "InvalidParameter: Range of input length should be [1, 30720]",
      httpStatus: 400,
      kind: "context_length",
    },
    { message: "input length must be between 1 and 8192 tokens", kind: "context_length" },
  ],
  "a server that could not read a tool call in the model's text": [
    {
      message: "Tool error: Failed to parse generated text: expected value at line 1",
      httpStatus: 422,
      kind: "output_invalid",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // A framework's wrapper around another error says nothing: the error inside decides.
  {
    message: "Error in generating tool call with model: Invalid API key provided",
    httpStatus: 401,
    kind: "auth",
  },
  // Parsing our own request is ours.
  { message: "Failed to parse the request body as JSON", httpStatus: 400, kind: "bad_request" },
  // An output length we asked for is a parameter of ours, not the prompt's length.
  { message: "max_tokens must be between 1 and 4096", httpStatus: 400, kind: "bad_request" },
];

describeWordings("wordings of Python agent frameworks (batch 17)", FAMILIES, NEAR_MISSES, {
  families: [],
  status: 503,
});
