import { describeWordings, kindOf, type Case } from "./wording-cases.js";
import { describe, expect, it } from "vitest";

/**
 * The wordings added after batch 42 (src/taxonomy/wordings-42.ts; issue 17 item 11): the product's smaller
 * providers, the hard class and its near misses, each family from batch 42's train messages by meaning, in
 * words of our own here (no held-out text). Then the near misses each family must leave to the rule they
 * belong to, and the veto a hedged guess at the cause puts on a hard verdict.
 */
const FAMILIES: Record<string, Case[]> = {
  "a gateway none of whose accounts serves the model": [
    {
      message: 'Model "acme-9" is not supported by any configured account in this group',
      httpStatus: 404,
      kind: "model_unavailable",
    },
    { message: "model foo-2 is not supported by any available provider", kind: "model_unavailable" },
  ],
  "a model name the API cannot parse": [
    { message: "request.model: invalid model name format", httpStatus: 400, kind: "model_not_found" },
  ],
  "a model the plan leaves out": [
    {
      message: "Your plan does not include access to acme/large-1. Upgrade to use it.",
      httpStatus: 403,
      kind: "model_unavailable",
    },
  ],
  "a gate the account must open for the model": [
    {
      message: "Access to this model requires the terms to be accepted in the console.",
      httpStatus: 403,
      kind: "model_unavailable",
    },
  ],
  "a router with no provider for the model": [
    {
      message: "Unable to find inference provider information for model acme/x-7b",
      kind: "model_unavailable",
    },
    {
      message: "No available providers supporting model acme-1 (region restriction)",
      kind: "model_unavailable",
    },
  ],
  "the model named unavailable": [
    { message: "Unavailable model: acme-5", httpStatus: 400, kind: "model_unavailable" },
    { message: "404 ERR_MODEL_UNAVAILABLE", kind: "model_unavailable" },
    {
      message: 'Model "acme-mini" is not available. Please choose a different model.',
      kind: "model_unavailable",
    },
  ],
  "a free variant withdrawn": [
    {
      message: "The free Acme 7B period has ended. Please migrate to the paid slug acme/acme-7b",
      kind: "model_retired",
    },
  ],
};

const CASES_NOT_HARD: Record<string, Case[]> = {
  "a quota another model would raise": [
    {
      message: "Quota exceeded. Switch to the Pro model for higher quota limits.",
      httpStatus: 429,
      kind: "rate_limit",
    },
  ],
  "a base URL we configured wrong": [
    { message: "You may have forgot to add '/api' to the end of your baseUrl", kind: "bad_request" },
  ],
  "an answer with no choices, dereferenced": [
    {
      message: 'NullPointerException: the return value of "Completions.getChoices()" is null',
      kind: "output_invalid",
    },
  ],
  "a stream the server reset": [
    { message: "okhttp3 StreamResetException: stream was reset: PROTOCOL_ERROR", kind: "network" },
    { message: "The stream was reset: cancel", kind: "network" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model said not found in so many words stays not found, and a key refused stays auth.
  { message: "The model acme-5 does not exist", httpStatus: 404, kind: "model_not_found" },
  { message: "Invalid API key provided", httpStatus: 401, kind: "auth" },
  // A quota spent with no other model offered stays money.
  {
    message: "You exceeded your current quota, please check your plan and billing details.",
    kind: "billing",
  },
  // A parameter a model does not support stays ours: it names no account or provider.
  { message: "Parameter 'logprobs' is not supported by this model", httpStatus: 400, kind: "bad_request" },
  // A stream cut with no reset stays network; a relay's pool with no free account stays capacity (batch 41).
  { message: "No available account for model: acme-5", httpStatus: 503, kind: "overloaded" },
];

describeWordings(
  "the wordings of batch 42 (smaller providers, the hard class and its near misses)",
  { ...FAMILIES, ...CASES_NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);

describe("a hedged guess at the cause is no evidence about the model", () => {
  it("leaves a not-found a client lists among likely causes, or beside a base URL it calls invalid, without a hard verdict", () => {
    const hedged: Case[] = [
      {
        message: "Request failed. Likely causes: invalid apiBase, or Model/deployment not found for: acme-5",
        kind: "unknown",
      },
      { message: "InvalidApiBase: https://x.example/v1 Model not found: acme-5", kind: "unknown" },
      { message: "404. This may mean the model acme-5 does not exist or the URL is wrong", kind: "unknown" },
    ];
    for (const c of hedged) expect(kindOf(c), c.message).not.toMatch(/^model_/);
    // The same words without the hedge are the model's.
    expect(kindOf({ message: "Model/deployment not found for: acme-5", kind: "model_not_found" })).toBe(
      "model_not_found",
    );
  });
});
