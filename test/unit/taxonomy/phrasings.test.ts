import { describe, expect, it } from "vitest";
import { kindOf, type Case } from "./wording-cases.js";

/**
 * The families of wording added after batch 9 (src/taxonomy/phrasings.ts, issue 17 item 11), each
 * from train messages the rules missed whole or cut down by the paraphrase probes: the family in
 * words without a status to lean on, then the near misses each must leave to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a validator's words about our request": [
    {
      message:
        "Received an error from the Anthropic API: tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'",
      kind: "bad_request",
    },
    { message: "tools.3.name: String should have at most 64 characters", kind: "bad_request" },
    { message: "The value of response_format.json_schema.name does not match pattern", kind: "bad_request" },
  ],
  "a dotted field path said to be invalid": [
    {
      message:
        "The format of the value at toolConfig.tools.0.toolSpec.inputSchema.json is invalid. Provide a json object for the field and try again.",
      kind: "bad_request",
    },
    { message: "The type of messages.1.content.0.source.data is invalid", kind: "bad_request" },
  ],
  "parameters said to be incorrect": [
    { message: "Param Incorrect", kind: "bad_request" },
    { message: "Incorrect parameter: top_k", kind: "bad_request" },
  ],
  "an account verification a feature needs": [
    {
      message:
        "Your organization must be verified to generate reasoning summaries. Please go to: https://platform.openai.com/settings/organization/general",
      kind: "bad_request",
    },
    { message: "Your organization must be verified to stream this model.", kind: "bad_request" },
  ],
  "a safety refusal by its code": [
    { message: "ResponsibleAIPolicyViolation", kind: "content_filter" },
    { message: "Error code: 400 - ResponsibleAIPolicyViolation", httpStatus: 400, kind: "content_filter" },
  ],
  "a usage cap that lifts with time": [
    {
      message:
        "You have exceeded your usage limits. Please try again later or contact Fireworks to explore dedicated capacity.",
      kind: "rate_limit",
    },
  ],
  "a prompt too big for the model in other words": [
    {
      message: "400 number of input tokens (189413) have exceeded max prompt tokens (163840) limit.",
      kind: "context_length",
    },
    { message: "The input is too large for the model.", kind: "context_length" },
    { message: "Your request exceeded the model's maximum token limit", kind: "context_length" },
  ],
};

const NEAR_MISSES: Array<[string, Case]> = [
  [
    "a model named as refused stays unavailable",
    { message: "Your organization must be verified to use the model `o3`.", kind: "model_unavailable" },
  ],
  [
    "a monthly usage limit stays money",
    { message: "You have exceeded your usage limit for this month. Upgrade your plan.", kind: "billing" },
  ],
  [
    "a request too large for a per-minute budget stays a rate limit",
    {
      message:
        "Request too large for model `llama-3.1-8b-instant` in organization `org_x` on tokens per minute (TPM): Limit 6000, Requested 14368",
      httpStatus: 413,
      kind: "rate_limit",
    },
  ],
  [
    "an output cap over the model's limit stays our parameter",
    {
      message: "max_tokens is too large: 6000. This model supports at most 4096 completion tokens",
      httpStatus: 400,
      kind: "bad_request",
    },
  ],
  [
    "the model's own output failing validation stays output_invalid",
    {
      message:
        "pydantic_core._pydantic_core.ValidationError: 2 validation errors for typed-dict candidates.0.content Field required",
      kind: "output_invalid",
    },
  ],
  [
    "capacity exceeded for a model stays overloaded",
    { message: "Service tier capacity exceeded for this model.", kind: "overloaded" },
  ],
];

describe("families of wording after batch 9", () => {
  for (const [family, cases] of Object.entries(FAMILIES)) {
    it.each(cases)(`reads ${family}: %s`, (c) => {
      expect(kindOf(c)).toBe(c.kind);
    });
  }

  it.each(NEAR_MISSES)("leaves the near miss alone: %s", (_name, c) => {
    expect(kindOf(c)).toBe(c.kind);
  });
});
