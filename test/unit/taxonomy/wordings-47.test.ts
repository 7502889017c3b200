import { describe, expect, it } from "vitest";
import { classifyError } from "../../../src/taxonomy/classify.js";
import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 47 (src/taxonomy/wordings-47.ts; issue 17 item 11): the hard class and its
 * near misses, the provider-wide class and its borders, the transient class as streaming clients report it,
 * each family from train messages by meaning, in words of our own here (no held-out text). Then the near
 * misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a model kept from the account's usage tier or unaccepted terms": [
    {
      message: "Your organization must qualify for usage tier 4 to access 'acme-9'",
      kind: "model_unavailable",
    },
    { message: "You must agree to the terms of use to use this model.", kind: "model_unavailable" },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "an account refused for unpaid invoices": [
    { message: "Access denied: the account has past-due invoices.", httpStatus: 403, kind: "billing" },
  ],
  "a cap that says when it resets": [
    { message: "You've hit your daily limit · resets 9pm", kind: "rate_limit" },
  ],
  "a full queue": [{ message: "Request queue is full, retry", kind: "overloaded" }],
  "an answer stopped by its budget, or with nothing usable": [
    { message: "Response incomplete: reason max_output_tokens", kind: "output_invalid" },
    { message: "Stream ended before valid content was received", httpStatus: 500, kind: "output_invalid" },
  ],
  "a relayed stream cut before its end": [
    { message: "upstream stream closed before the final event", httpStatus: 502, kind: "network" },
    { message: "Upstream stream ended without a terminal event", kind: "network" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A feature's tier is not the model's.
  { message: "Your organization must qualify for tier 2 to use batch jobs", kind: "unknown" },
];

describeWordings(
  "the wordings of batch 47 (hard near misses, account borders, streaming)",
  { ...FAMILIES, ...NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);

describe("501 Not Implemented", () => {
  it("does not veto a hard verdict, as a 503 does: the server will not do it tomorrow either", () => {
    const message = "'acme-9' is no longer available. Use the v3 model services.";
    expect(classifyError({ provider: "x", httpStatus: 501, message }).kind).toBe("model_retired");
    expect(classifyError({ provider: "x", httpStatus: 503, message }).class).not.toBe("hard");
  });
});
