import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 62 (src/taxonomy/wordings-62.ts; issue 17 item 11), each family from batch
 * 62's train messages by meaning, in words of our own here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a request the provider's abuse sentinel blocked": [
    {
      message: '{"error":{"message":"Please try again later.","code":"sentinel_block"}}',
      kind: "content_filter",
    },
  ],
  "a guardrail's canned refusal as the whole message": [
    { message: "Sorry, the model cannot answer this question.", kind: "content_filter" },
    { message: "I can't help with that request.", kind: "content_filter" },
  ],
  "a trial key's allowance of calls per month": [
    { message: "Your free key is limited to 100 requests per month; upgrade for more.", kind: "billing" },
  ],
  "a cache of ours the provider does not hold": [
    { message: "Not found: cached content 1234567890.", httpStatus: 404, kind: "bad_request" },
  ],
  "the model's id as the whole body of a 404": [
    { message: "model: demo-9-large", httpStatus: 404, kind: "model_not_found" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A refusal inside a longer answer is not the canned reply; a model field that names no id is our request.
  {
    message:
      "The assistant said: sorry, the model cannot answer this question, then crashed with an internal error",
    kind: "server_error",
  },
  { message: "model: field required", httpStatus: 400, kind: "bad_request" },
];

describeWordings(
  "the wordings of batch 62 (product providers' SDK issues, gateways' pages, cassettes and SDK test data)",
  FAMILIES,
  NEAR_MISSES,
  { families: ["the model's id as the whole body of a 404"], status: 503 },
);
