import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 31 (src/taxonomy/wordings-31.ts; issue 17 item 11): account-level
 * access limits, streams and answers cut short, and providers' error pages no batch had mined, each
 * family from batch 31's train messages by meaning, in words of our own here (no held-out text).
 * Then the near misses each family must leave to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a bill left unpaid": [
    {
      message: "Your organization has an outstanding balance, so requests are blocked until it is paid",
      httpStatus: 403,
      kind: "billing",
    },
    { message: "Request denied: invoice is overdue", kind: "billing" },
  ],
  "a service closed to this kind of account": [
    {
      message: "This API isn't available to personal accounts; create a team to continue",
      httpStatus: 429,
      kind: "auth",
    },
    { message: "Inference is not enabled for individual users", httpStatus: 403, kind: "auth" },
  ],
  "an app or key without the grant to call the service": [
    { message: "No permission to access the service. Grant the interface to your app first", kind: "auth" },
    { message: "no right to call this api", kind: "auth" },
  ],
  "one prompt over the model's length in other words": [
    { message: "Prompt token length too long for this model", httpStatus: 400, kind: "context_length" },
    { message: "提示词超长", kind: "context_length" },
  ],
  "an answer without the field every completion carries": [
    {
      message: "failed to decode response: missing field `candidates` at line 1 column 2",
      kind: "output_invalid",
    },
  ],
  "an API method or surface that is not there": [
    { message: "Unsupported API method: chat.create", kind: "bad_request" },
    { message: "接口 API v1/old 已下线，请迁移", kind: "bad_request" },
  ],
  "a model with more traffic than it can take, in Chinese": [
    { message: "当前访问量过大，请稍后再试", kind: "overloaded" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model kept from a kind of account is the model's matter, not the account's.
  {
    message: "Model llama-3 is not available for personal accounts",
    httpStatus: 403,
    kind: "model_unavailable",
  },
  // A permission on a named model stays with the model rules (batch 26).
  {
    message: "You do not have permission to access tuned model tunedModels/abc",
    httpStatus: 403,
    kind: "model_unavailable",
  },
  // A request field the server could not find is our body refused, not an empty answer.
  {
    message:
      "Failed to deserialize the JSON body into the target type: missing field `messages` at line 1 column 10",
    httpStatus: 422,
    kind: "bad_request",
  },
];

describeWordings(
  "the wordings of batch 31 (account limits, error pages no batch had mined)",
  FAMILIES,
  NEAR_MISSES,
  {
    families: [],
    status: 503,
  },
);
