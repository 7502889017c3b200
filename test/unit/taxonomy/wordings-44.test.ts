import { describe, expect, it } from "vitest";
import { extractStatus } from "../../../src/taxonomy/classify.js";
import { describeWordings, kindOf, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 44 (src/taxonomy/wordings-44.ts; issue 17 item 11): OpenRouter, Vertex and
 * Bedrock as 2025-2026 users quote them, chat front-ends and apps, tools that call LLM APIs in bulk, each
 * family from batch 44's train messages by meaning, in words of our own here (no held-out text). Then the
 * near misses, and the word "unavailable" read as a status only where a status stands (status.ts).
 */
const FAMILIES: Record<string, Case[]> = {
  "a model the caller's credential is not allowed": [
    { message: "This model is unavailable for this API key. Pick another model.", kind: "model_unavailable" },
  ],
  "a preset named as the model that does not exist": [
    { message: 'Preset "fast-qwen" not found.', httpStatus: 404, kind: "model_not_found" },
  ],
  "Anthropic's not-found answer as a client prints it": [
    { message: "Request failed: API error: model: claude-x-1", kind: "model_not_found" },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "a guardrail answered instead of the model": [
    { message: "choices=[Choices(finish_reason='guardrail_intervened', index=0)]", kind: "content_filter" },
  ],
  "a reasoning item the provider did not issue to this caller": [
    { message: "reasoning encrypted_content was not issued to this organization", kind: "bad_request" },
  ],
  "a usage limit hit, in Japanese": [{ message: "APIの利用制限に達しました", kind: "rate_limit" }],
  "a model at its capacity, in Chinese": [{ message: "该模型已达容量上限", kind: "overloaded" }],
  "an upstream down, or something unavailable for now": [
    { message: "Error: upstream is unavailable", kind: "server_error" },
    { message: "The service is currently unavailable", kind: "server_error" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model named unavailable with a retry hint is no verdict about it.
  { message: "The model acme-1 is temporarily unavailable, please try again later", kind: "overloaded" },
  // A preset's settings refused is our request, not a missing model.
  { message: "Invalid preset configuration: temperature out of range", httpStatus: 400, kind: "bad_request" },
];

describeWordings(
  "the wordings of batch 44 (OpenRouter, Vertex and Bedrock; apps; bulk callers)",
  { ...FAMILIES, ...NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);

describe("the word 'unavailable' as a status", () => {
  it("names 503 where a status stands, and nothing in a sentence", () => {
    expect(extractStatus(null, '{"error": {"code": 14, "status": "UNAVAILABLE"}}')).toBe(503);
    expect(extractStatus(null, "grpc status UNAVAILABLE: The service is unavailable.")).toBe(503);
    expect(extractStatus(null, "rpc error: code = Unavailable desc = connection refused")).toBe(503);
    expect(extractStatus(null, "503 UNAVAILABLE")).toBe(503);
    expect(extractStatus(null, "The selected model is unavailable for this API credential.")).toBeNull();
    expect(extractStatus(null, "Model tried to call unavailable tool 'x'")).toBeNull();
  });
});

describe("a request refused for its content under a 403", () => {
  it("is the content filter's, not credentials', while an account barred for its terms stays credentials", () => {
    const cases: Case[] = [
      {
        message: "403: permission denied. Content violates usage policies (check: VIOLENCE)",
        httpStatus: 403,
        kind: "content_filter",
      },
      {
        message: "The prompt was prohibited due to a violation of the terms",
        httpStatus: 403,
        kind: "content_filter",
      },
      {
        message: "This account has been disabled for violation of Terms of Service.",
        httpStatus: 403,
        kind: "auth",
      },
    ];
    for (const c of cases) expect(kindOf(c), c.message).toBe(c.kind);
  });
});

describe("a client's JSON.parse error is read by what it quotes of the answer", () => {
  it("a server's error text or page is the server's failure, a model's text an unusable answer, an event stream ours", () => {
    const cases: Case[] = [
      {
        message: `SyntaxError: Unexpected token 'I', "Internal S"... is not valid JSON`,
        kind: "server_error",
      },
      { message: `Unexpected token '<', "<!DOCTYPE "... is not valid JSON`, kind: "server_error" },
      { message: `Unexpected token 'H', "Here is th"... is not valid JSON`, kind: "output_invalid" },
      { message: `Unexpected token 'd', "data: {"ch"... is not valid JSON`, kind: "bad_request" },
      // Our own request body refused as JSON stays ours.
      { message: "The request body is not valid JSON", httpStatus: 400, kind: "bad_request" },
    ];
    for (const c of cases) expect(kindOf(c), c.message).toBe(c.kind);
  });
});
