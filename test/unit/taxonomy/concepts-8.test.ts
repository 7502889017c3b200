import { describe, expect, it } from "vitest";
import { classifyError } from "../../../src/taxonomy/classify.js";
import type { Case } from "./wording-cases.js";

/**
 * The concepts the rules were broadened by from batch 8's train split (issue 17 item 11), each in
 * wordings the corpus does not hold, so the rule has to carry the meaning rather than the string it
 * was written from; then the near misses each must not swallow.
 */
const CONCEPTS: Record<string, Case[]> = {
  "a key by another name is a credential, not a model": [
    { message: "Invalid model key", httpStatus: 401, kind: "auth" },
    { message: "Error: incorrect service key supplied", kind: "auth" },
  ],
  "rate limiting in other grammatical forms": [
    { message: "Your request was rejected because of rate limiting.", kind: "rate_limit" },
    { message: "You are being rate-limited upstream; slow down", kind: "rate_limit" },
    { message: "Free accounts are capped: your QPS is 2", kind: "rate_limit" },
    { message: "Daily allowance used up. Your quota will reset at midnight UTC.", kind: "rate_limit" },
  ],
  "a full queue and heavy traffic are a provider short of servers": [
    { message: '{"error":{"message":"QueueFull"}}', kind: "overloaded" },
    { message: "Request dropped: the inference queue is full", kind: "overloaded" },
    { message: "We are experiencing an unusually high volume of requests.", kind: "overloaded" },
  ],
  "down for maintenance is the provider's side": [
    { message: "The API is down for scheduled maintenance", kind: "server_error" },
    { message: "Service under maintenance, back soon", kind: "server_error" },
  ],
  "a tool the model asked for that we never offered": [
    { message: "requested function does not exist", httpStatus: 400, kind: "output_invalid" },
    { message: "tool call 'lookup' rejected: not in request.tools", kind: "output_invalid" },
  ],
  "an answer with its structure but nothing in it": [
    { message: "Candidate(content=Content(parts=[]), finish_reason=1)", kind: "output_invalid" },
    { message: '{"candidates":[{"index":0,"candidates_token_count":0}]}', kind: "output_invalid" },
  ],
  "a safety rating that says not blocked is not a block": [
    {
      message: "Candidate finish_reason=2, token_count=0, safety_ratings=[{'blocked': False}]",
      kind: "output_invalid",
    },
  ],
  "credits in the passive": [
    { message: "More credits are required to run this request.", kind: "billing" },
    { message: "Credits are required to complete this generation", kind: "billing" },
  ],
  "something of ours the provider needs sent back": [
    { message: "The thinking signature must be passed back unchanged", kind: "bad_request" },
  ],
  "a prompt too long in other servers' words": [
    { message: "Validation: `inputs` must be at most 2048 tokens", httpStatus: 422, kind: "context_length" },
    {
      message: "The maximum prompt length is 8192 tokens for this model",
      httpStatus: 400,
      kind: "context_length",
    },
    { message: "Too many input tokens. Max input tokens: 8192", httpStatus: 400, kind: "context_length" },
    { message: "total tokens (input + output) exceeds 32768", httpStatus: 400, kind: "context_length" },
    { message: "Your request exceeds the model's token limit", httpStatus: 400, kind: "context_length" },
  ],
  "more of our malformed request in words": [
    { message: "model name does not match the required pattern", kind: "bad_request" },
    {
      message: "cannot unmarshal number into Go struct field Request.stream of type bool",
      kind: "bad_request",
    },
    { message: "'n' and 'best_of' are mutually exclusive", kind: "bad_request" },
    { message: "Please ensure that the tool response follows the tool call.", kind: "bad_request" },
    { message: "GenerateContentRequest.contents: contents are not specified", kind: "bad_request" },
    { message: "This route does not accept the logprobs parameter", kind: "bad_request" },
  ],
  "a web framework's own 404 is a wrong route, whatever its quotes": [
    { message: "Error code: 404 - {'detail': 'Not Found'}", kind: "bad_request" },
  ],
};

describe("concepts from batch 8's train split, in other words", () => {
  for (const [concept, cases] of Object.entries(CONCEPTS))
    it.each(cases)(`${concept}: $message`, ({ message, httpStatus, kind }) => {
      expect(classifyError({ provider: "p", httpStatus, message }).kind).toBe(kind);
    });
});

describe("near misses the broadened concepts must not swallow", () => {
  it.each<Case>([
    // A model said to be invalid is still the model's story, not a key's.
    { message: "Invalid model: gpt-x", kind: "model_not_found" },
    // A safety rating that says blocked still is one.
    { message: "safety_ratings=[{'category': 'HARM_CATEGORY_X', 'blocked': True}]", kind: "content_filter" },
    // A quota that runs out for the month is money, not a rate.
    {
      message: "You exceeded your current quota, please check your plan and billing details",
      kind: "billing",
    },
    // A request queue that is merely mentioned under a client error is not an outage.
    { message: "messages.2: queue position must be an integer", httpStatus: 400, kind: "bad_request" },
    // A token budget per minute is a rate, whatever it says about input tokens or prompt length.
    { message: "Too many input tokens per minute, please slow down", httpStatus: 429, kind: "rate_limit" },
    {
      message: "Please reduce the prompt length or the maximum tokens requested, or try again later.",
      httpStatus: 429,
      kind: "rate_limit",
    },
    // Maintenance of our own account settings is not an outage.
    { message: "Invalid API key: the key was revoked during account maintenance", kind: "auth" },
  ])("$message -> $kind", ({ message, httpStatus, kind }) => {
    expect(classifyError({ provider: "p", httpStatus, message }).kind).toBe(kind);
  });

  it("never turns a 401 that names a model key into a hard verdict", () => {
    const c = classifyError({ provider: "p", httpStatus: 401, message: "401 Invalid model key" });
    expect(c.class).toBe("provider_wide");
  });
});
