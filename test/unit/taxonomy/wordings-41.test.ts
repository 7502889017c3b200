import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 41 (src/taxonomy/wordings-41.ts; issue 17 item 11): the lines between
 * kinds of one class (context length, billing and credentials, overloaded and server errors, an unusable
 * answer and our request), each family from batch 41's train messages by meaning, in words of our own here
 * (no held-out text). Then the near misses each family must leave to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a key's or an organisation's balance short of the call": [
    {
      message: "key quota is not enough, remaining quota: $0.01, need quota: $0.02",
      httpStatus: 403,
      kind: "billing",
    },
    { message: "The account does not have enough credits for this request.", kind: "billing" },
  ],
  "a cloud project with no billing set up": [
    { message: "Project 123 has not configured billing.", httpStatus: 403, kind: "billing" },
  ],
  "a key refused in so many words": [
    { message: "Not a valid API key for this organization", httpStatus: 400, kind: "auth" },
  ],
  "a prompt the server cannot fit": [
    { message: "cannot truncate prompt with n_keep (9000) >= n_ctx (4096)", kind: "context_length" },
  ],
  "a model's text the client could not use": [
    { message: "Could not parse the model's output into the target type Person", kind: "output_invalid" },
    { message: "unexpected tokens remaining in message body", kind: "output_invalid" },
  ],
  "a model the plan keeps until a kind of credit is on": [
    { message: "Priority credits are required to use this model.", kind: "model_unavailable" },
  ],
  "no account or worker free for the model": [
    { message: "No available account for model: claude-x", httpStatus: 503, kind: "overloaded" },
    { message: "当前没有可用的推理服务", httpStatus: 503, kind: "overloaded" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A per-minute limit stays a rate, whatever it counts.
  { message: "Rate limit reached for requests per minute", httpStatus: 429, kind: "rate_limit" },
  // A key that is invalid stays auth, and a body that is not JSON stays ours.
  { message: "Invalid API key provided", httpStatus: 401, kind: "auth" },
  { message: "We could not parse the JSON body of your request.", httpStatus: 400, kind: "bad_request" },
  // Credits required for a feature, with no model named, are no hard verdict (the rules leave it; the
  // lexicon reads it).
  { message: "Usage credits required for 1M context", kind: "unknown" },
];

describeWordings("the wordings of batch 41 (lines between kinds of one class)", FAMILIES, NEAR_MISSES, {
  families: ["a model the plan keeps until a kind of credit is on"],
  status: 503,
});
