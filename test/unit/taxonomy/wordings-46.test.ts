import { classifyError } from "../../../src/taxonomy/classify.js";
import { extractStatus } from "../../../src/taxonomy/status.js";
import { describe, expect, it } from "vitest";
import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 46 (src/taxonomy/wordings-46.ts; issue 17 item 11): the product's thinner
 * providers and the tools that call them, client libraries in other languages, providers' and gateways'
 * documented errors, each family from batch 46's train messages by meaning, in words of our own here (no
 * held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a model kept from the kind of credentials or plan we call with": [
    { message: "model `acme-9` is not supported with gateway-managed keys.", kind: "model_unavailable" },
    { message: "The model acme-9 is not supported for your free plan", kind: "model_unavailable" },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "credentials of ours for a tool server, not the provider's": [
    { message: "Invalid API key for MCP server 'files'. Check your token.", kind: "bad_request" },
  ],
  "a token from another tenant": [
    { message: "Token tenant 1234 does not match the resource tenant.", httpStatus: 400, kind: "auth" },
  ],
  "a gateway's cap on what we send": [
    { message: "Request body is too long. Max 1 MB.", kind: "context_length" },
  ],
  "a client reading a field the answer lacked, or a relay's answer that was no completion": [
    { message: 'Undefined array key "choices" in Client.php:42', kind: "output_invalid" },
    { message: "InternalServerError: AcmeException - Invalid response object", kind: "output_invalid" },
  ],
  "our request in other words": [
    {
      message: "Error code: 400 - invalid_image_url: Timeout while downloading cat.png.",
      kind: "bad_request",
    },
    { message: "input batch size 200 > maximum allowed batch size 32", kind: "bad_request" },
    {
      message: '{"error": "Template error: unknown filter", "error_type": "template_error"}',
      kind: "bad_request",
    },
  ],
  "a model that timed out, in two words": [{ message: "Model acme/demo-7b time out", kind: "timeout" }],
};

const NEAR_MISSES: Case[] = [
  // The old openai-python's "Invalid response object from API" is its own reading of an error body.
  {
    message:
      'openai.error.APIError: Invalid response object from API: \'{"message":""}\' (HTTP response code was 502)',
    httpStatus: 502,
    kind: "server_error",
  },
  // A feature "not supported for your plan" is not the model kept from it.
  { message: "Streaming is not supported for your plan", kind: "bad_request" },
];

describeWordings(
  "the wordings of batch 46 (thinner providers, other languages' clients, documented errors)",
  { ...FAMILIES, ...NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);

describe("statuses batch 46 taught", () => {
  it("reads a google.rpc.Status body's gRPC code as the HTTP status it maps to", () => {
    expect(extractStatus(null, "{'code': 13, 'message': 'failed to send request.', 'details': []}")).toBe(
      500,
    );
    expect(extractStatus(null, '{"code": 8, "message": "quota", "details": []}')).toBe(429);
    expect(
      classifyError({ provider: "x", message: "{'code': 14, 'message': 'try later', 'details': []}" }).class,
    ).toBe("transient");
    // A code with no details list is a provider's own numbering, not gRPC's.
    expect(extractStatus(null, '{"code": 13, "message": "something"}')).toBeNull();
  });
});
