import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 35 (src/taxonomy/wordings-35.ts; issue 17 item 11): answers with
 * nothing in them, streams that end without their last event, relays' and local servers' own words,
 * each family from batch 35's train messages by meaning, in words of our own here (no held-out text).
 * Then the near misses each family must leave to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a model the account's plan does not include": [
    {
      message:
        '403 {"type":"error","error":{"type":"permission_error","message":"this model requires a subscription"}}',
      httpStatus: 403,
      kind: "model_unavailable",
    },
    { message: "The model requires a paid plan, upgrade to use it", kind: "model_unavailable" },
  ],
  // patterns.ts's terms-acceptance rule, broadened by meaning beside it: the model's own terms named.
  "a model's terms to accept first": [
    {
      message: "Please accept this model's license on its page before using it.",
      httpStatus: 403,
      kind: "model_unavailable",
    },
  ],
  "a key refused, as one camel-case error type": [
    { message: "{ errorType: 'InvalidOpenAIAPIKey' }", kind: "auth" },
    { message: "code: ApiKeyExpired", kind: "auth" },
  ],
  "a relay's or provider's word filter": [
    { message: "prompt contains sensitive words, request refused", httpStatus: 400, kind: "content_filter" },
    { message: "status_msg: input new_sensitive", httpStatus: 500, kind: "content_filter" },
    { message: "the image is sensitive, please check your input", kind: "content_filter" },
  ],
  "the prompt and the answer's budget together over the window": [
    {
      message: "prompt tokens + max_new_tokens must be smaller than the context window of this model",
      kind: "context_length",
    },
  ],
  "an answer with no choice, or nothing in it": [
    {
      message: "text = resp.choices[0].text TypeError: 'NoneType' object is not subscriptable",
      kind: "output_invalid",
    },
    { message: "The reply contains no text.", kind: "output_invalid" },
    { message: "The assistant has nothing to say.", kind: "output_invalid" },
  ],
  "an answer cut off by its output budget": [
    { message: "The model stopped before finishing its reply", kind: "output_invalid" },
    { message: "Gemini's output hit the 8192 output token limit.", kind: "output_invalid" },
  ],
  "structured output that does not parse": [
    { message: "response text is not valid JSON: unexpected end of input", kind: "output_invalid" },
  ],
  "concurrency too high, in Chinese": [{ message: "当前账户并发数过高，请稍后再试", kind: "rate_limit" }],
  "a stream gone quiet past a deadline": [
    { message: "No data received for 30 s from the model stream", kind: "timeout" },
    { message: "no stream activity for 60000ms", kind: "timeout" },
  ],
  "a stream that ended before its closing event": [
    { message: "stream ended without a final event", kind: "network" },
    { message: "The response stopped arriving mid-way.", kind: "network" },
  ],
  "a router's list that names no such model": [
    {
      message: "There is no 'model_name' with this string: my-llm",
      httpStatus: 400,
      kind: "model_not_found",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // A request whose max_tokens is over the model's limit names the parameter: our request, not a cut answer.
  {
    message: "max_tokens is too large: 100000. This model supports at most 8192 completion tokens",
    httpStatus: 400,
    kind: "bad_request",
  },
  // Credits a model requires stay billing; a plan it requires is the model's matter.
  { message: "This request requires more credits, or fewer max_tokens.", httpStatus: 402, kind: "billing" },
  // A permission on the account's project stays a credential matter.
  { message: "You do not have permission to access this project.", httpStatus: 403, kind: "auth" },
  // A stream the client cut after its own deadline in other words stays a timeout.
  { message: "Request timed out.", kind: "timeout" },
];

describeWordings("the wordings of batch 35 (empty answers, cut streams, relays)", FAMILIES, NEAR_MISSES, {
  families: ["a model the account's plan does not include", "a router's list that names no such model"],
  status: 503,
});
