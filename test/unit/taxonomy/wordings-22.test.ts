import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 22 (src/taxonomy/wordings-22.ts, issue 17 item 11): what terminal
 * and personal assistants and role-play front ends print around the providers' errors, each family
 * from batch 22's train messages by meaning, in words of our own here (no held-out text). Then the
 * near misses each family must leave to the rule they belong to, and the hard ones under a 5xx or a
 * retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a KeyError on the answer's choices, printed bare": [
    { message: "Request to the chat API failed: 'choices'", kind: "output_invalid" },
  ],
  "a model closed to this account": [
    {
      message: "the requested model (demo-2) is not allowed for your account",
      httpStatus: 400,
      kind: "model_unavailable",
    },
    { message: "Model demo-3.5 is not enabled for this project", kind: "model_unavailable" },
  ],
  "an HTML page where the stream should be": [
    {
      message: "SSE request received unexpected content-type text/html; charset=utf-8",
      kind: "server_error",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // A field named choices in our own request is not the answer's.
  { message: "Invalid value for 'choices': expected an integer", httpStatus: 400, kind: "bad_request" },
  // A feature, not a model, closed to the account is not a hard verdict.
  { message: "Fine-tuning is not allowed for your account", httpStatus: 403, kind: "auth" },
  // A JSON content type we did not expect is not an HTML page.
  { message: "unexpected content-type application/json", kind: "unknown" },
];

describeWordings(
  "wordings of terminal assistants and role-play front ends (batch 22)",
  FAMILIES,
  NEAR_MISSES,
  {
    families: ["a model closed to this account"],
    status: 503,
  },
);
