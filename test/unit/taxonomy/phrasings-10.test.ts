import { describe, expect, it } from "vitest";
import { describeWordings, kindOf, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 10 (ECOSYSTEM_WORDINGS in src/taxonomy/phrasings.ts, issue 17
 * item 11): servers and providers outside the product's ten, each family from batch 10's train
 * messages by meaning, in words of our own here (no held-out text). Then the near misses each
 * family must leave to the rule they belong to, and the hard ones under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a prompt the loaded context cannot hold": [
    { message: "prompt of 9000 tokens is longer than the model's context length", kind: "context_length" },
    {
      message: "Try to load the model with a larger context length, or shorten the input",
      kind: "context_length",
    },
    {
      message: "too many tokens: total number of tokens (prompt and prediction) cannot exceed 4096",
      kind: "context_length",
    },
  ],
  "two options that exclude each other, a per-request cap, a withdrawn API or URL": [
    { message: "invalid request: cannot specify both tools and tool_choice none", kind: "bad_request" },
    { message: "At most 3 image(s) may be provided in one request.", kind: "bad_request" },
    { message: "Completions API was removed on June 1. Please migrate to Chat API.", kind: "bad_request" },
    { message: "https://old.example.com/v1 is no longer supported. Use the new host.", kind: "bad_request" },
    {
      message: "Resource not found. Please check the URL and try again.",
      httpStatus: 404,
      kind: "bad_request",
    },
  ],
  "a model this server or account cannot serve": [
    { message: "Model not supported by provider fireworks-ai", kind: "model_unavailable" },
    { message: "this model is not supported by your version of the server", kind: "model_unavailable" },
    { message: "The model you asked for requires a newer version of the runtime", kind: "model_unavailable" },
    { message: "DeploymentModelNotSupported: the model is not supported", kind: "model_unavailable" },
    { message: "No models loaded. Load a model first.", kind: "model_unavailable" },
    {
      message: "model requires more system memory (12.0 GiB) than is available (8.0 GiB)",
      kind: "model_unavailable",
    },
    { message: "Not enough resources to load the model", kind: "model_unavailable" },
  ],
  "nothing usable came back": [
    { message: "Error in extracting tool call from response.", kind: "output_invalid" },
    { message: "Error: No content provided", kind: "output_invalid" },
  ],
  "a local server failing to load or render": [
    { message: "could not load model: rpc error: code = Canceled desc =", kind: "server_error" },
    { message: "Failed to load the model", kind: "server_error" },
    { message: 'Error rendering prompt with jinja template: "Unknown test: mapping"', kind: "server_error" },
  ],
  "an identity without the role an operation needs": [
    { message: "(PermissionDenied) Principal does not have access to API/Operation.", kind: "auth" },
  ],
  "a validator's allowed values or a part we had to send back": [
    { message: "response_format must be one of: text, json_object", kind: "bad_request" },
    {
      message: "The reasoning_content in the thinking mode must be passed back to the API.",
      kind: "bad_request",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // A parameter the model does not take is ours, even "not supported by the provider".
  { message: "Parameter 'logprobs' is not supported by the provider", kind: "bad_request" },
  // Loading failed because the model is unknown or too big: the hard rules decide, not server_error.
  { message: "Failed to load model: model 'foo' not found", kind: "model_not_found" },
  { message: "Failed to load model: insufficient memory to load the model", kind: "model_unavailable" },
  // A retired model's message names the model: retired, not a withdrawn API.
  {
    message: "The model `old-1` has been deprecated and the API no longer supports it. See deprecations.",
    kind: "model_retired",
  },
  // A "not found" that names a model is not our URL, whatever advice follows.
  { message: "The model `x-1` was not found. Please check the URL of the docs.", kind: "model_not_found" },
];

describeWordings(
  "wordings of servers and providers outside the product's ten (batch 10)",
  FAMILIES,
  NEAR_MISSES,
  {
    families: ["a model this server or account cannot serve"],
    status: 503,
  },
);

describe("a host that cannot hold or run the model, under a 500", () => {
  // Ollama answers "model requires more system memory … than is available" and "this model is not
  // supported by your version of Ollama" with a 500: the model's matter on that host, which retrying
  // will not change. A 503 or 429, or words that it will pass, still veto the hard verdict, and a 500
  // does not make the rest of the family hard.
  it("is model_unavailable under a 500 or no status", () => {
    for (const message of [
      "model requires more system memory (39.4 GiB) than is available (30.0 GiB)",
      "Not enough resources to load the model",
      "Model loading was stopped due to insufficient system resources",
      "runner terminated: this model is not supported by your version of the server",
      "The model you asked for requires a newer version of the runtime",
      "error loading model: unknown model architecture: 'demo9'",
    ]) {
      expect(kindOf({ message, httpStatus: 500, kind: "model_unavailable" }), message).toBe(
        "model_unavailable",
      );
      expect(kindOf({ message, kind: "model_unavailable" }), message).toBe("model_unavailable");
    }
  });

  it("is not hard under a 503 or 429 or beside words that it will pass", () => {
    for (const message of [
      "model requires more system memory (12.0 GiB) than is available (8.0 GiB)",
      "unknown model architecture: 'demo9'",
    ])
      for (const c of [
        { message, httpStatus: 503 },
        { message, httpStatus: 429 },
        { message: `${message}; temporarily unable to load, try again later`, httpStatus: 500 },
      ])
        expect(kindOf({ ...c, kind: "server_error" }), JSON.stringify(c)).not.toMatch(/^model_/);
  });

  it("does not make the rest of the family hard under a 500", () => {
    for (const message of ["No models loaded.", "Model not supported by provider fireworks-ai"])
      expect(kindOf({ message, httpStatus: 500, kind: "server_error" }), message).toBe("server_error");
  });

  it("is not an API version our client is too old for", () => {
    const message = "This API requires a newer version of the client library";
    expect(kindOf({ message, httpStatus: 500, kind: "server_error" })).toBe("server_error");
  });
});
