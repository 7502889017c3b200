import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 27 (src/taxonomy/wordings-27.ts; issue 17 item 11): apps no earlier
 * batch had mined (subtitle translators, chat bots, home automation, note apps), each family from
 * batch 27's train messages by meaning, in words of our own here (no held-out text). Then the near
 * misses each family must leave to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "usage paid beyond a plan, said as what a request draws from": [
    {
      message: "Requests from this client are now charged to your extra usage; add credit to continue.",
      httpStatus: 400,
      kind: "billing",
    },
    { message: "This request counts against extra usage, not your subscription.", kind: "billing" },
  ],
  "an answer with a different number of parts than asked for": [
    {
      message: "Translation failed: the model produced 41 segments instead of the expected 40.",
      kind: "output_invalid",
    },
    {
      message: "Batch job encountered an error: LLM returned 12 items but expected 10",
      kind: "output_invalid",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // Extra usage that the account must first turn on stays billing (batch 16's rule).
  { message: "Extra usage is required for long context requests.", httpStatus: 429, kind: "billing" },
  // A request field longer than allowed is our request, not the answer's count.
  {
    message:
      "Invalid 'tools[2].function.description': string too long. Expected a string with maximum length 1024, but got a string with length 2000 instead.",
    httpStatus: 400,
    kind: "bad_request",
  },
  // A wrapper that encountered an error, with no count of the answer, stays the server's.
  { message: "Translate encountered an error translating with the model.", kind: "server_error" },
];

describeWordings("wordings of apps no earlier batch had mined (batch 27)", FAMILIES, NEAR_MISSES, {
  families: [],
  status: 503,
});
