import { describe, expect, it } from "vitest";
import { classifyError, describeError, extractStatus } from "../../../src/taxonomy/classify.js";
import { ALL_ERROR_KINDS, classOf } from "../../../src/taxonomy/kinds.js";
import { MESSAGES } from "./messages.js";

describe("classifyError on real provider and SDK messages", () => {
  it.each(MESSAGES.map((m, i) => ({ ...m, label: `${i} ${m.provider} → ${m.kind}` })))(
    "$label",
    ({ provider, httpStatus, exceptionType, model, message, kind }) => {
      const got = classifyError({ provider, httpStatus, exceptionType, model, message });
      expect(got.kind, message).toBe(kind);
      expect(got.class).toBe(classOf(kind));
    },
  );

  it("covers every provider of the brief with several messages each", () => {
    const perProvider = new Map<string, number>();
    for (const m of MESSAGES) perProvider.set(m.provider, (perProvider.get(m.provider) ?? 0) + 1);
    for (const p of [
      "openai",
      "anthropic",
      "bedrock",
      "groq",
      "together",
      "fireworks",
      "deepinfra",
      "cerebras",
      "mistral",
      "openrouter",
      "vertex",
    ]) {
      expect(perProvider.get(p) ?? 0, p).toBeGreaterThanOrEqual(5);
    }
    expect(MESSAGES.length).toBeGreaterThanOrEqual(100);
  });

  it("classifies the same message the same way whether or not the status is passed separately", () => {
    for (const m of MESSAGES.filter((x) => x.message.startsWith("Error code: "))) {
      const without = classifyError({ provider: m.provider, message: m.message, model: m.model });
      expect(without.kind, m.message).toBe(m.kind);
    }
  });
});

describe("precedence", () => {
  const c = (message: string, httpStatus?: number, exceptionType?: string): string =>
    classifyError({ provider: "p", message, httpStatus, exceptionType }).kind;

  it("a 429 that says insufficient_quota is billing", () => {
    expect(c("Error code: 429 - {'error': {'type': 'insufficient_quota'}}", 429)).toBe("billing");
  });

  it("a 400 whose body has code model_not_found is model_not_found", () => {
    expect(c("Error code: 400 - {'error': {'code': 'model_not_found', 'message': 'x'}}", 400)).toBe(
      "model_not_found",
    );
  });

  it("a 404 that says not supported in v1/chat/completions is bad_request", () => {
    expect(c("This model is only supported in v1/responses and not in v1/chat/completions.", 404)).toBe(
      "bad_request",
    );
  });

  it("a 403 about access to the model is model_unavailable, a bare 403 is auth", () => {
    expect(c("You don't have access to the model with the specified model ID.", 403)).toBe(
      "model_unavailable",
    );
    expect(c("Forbidden", 403)).toBe("auth");
  });

  it("the caller's status wins over one printed in the text, but a 200 does not count", () => {
    expect(extractStatus(503, "Error code: 429")).toBe(503);
    expect(extractStatus(200, "Error code: 429")).toBe(429);
    expect(extractStatus(null, "no status here")).toBeNull();
  });

  it("reads status codes in every printed shape", () => {
    const shapes: [string, number][] = [
      ["Error code: 404 - {}", 404],
      ["status: 429", 429],
      ["status_code=503", 503],
      ['{"status": 502}', 502],
      ["HTTP 503 Service Unavailable", 503],
      ["HTTP/1.1 502 Bad Gateway", 502],
      ["429 - Resource has been exhausted", 429],
      ["NotFound: 404 Publisher Model", 404],
      ["ResourceExhausted: 429 Quota exceeded", 429],
      ["404 page not found", 404],
      ["404 Client Error: Not Found for url: https://x", 404],
      ["Request failed with status code 500", 500],
      ["API error occurred: Status 401", 401],
      ["429 RESOURCE_EXHAUSTED. {...}", 429],
      ["{'error': {'code': 403, 'status': 'PERMISSION_DENIED'}}", 403],
      ["openai.RateLimitError: rate", 429],
      // A code with its own reason phrase, anywhere in the text.
      ['failed to get title: POST "https://x/v1/chat/completions/responses": 404 Not Found', 404],
      ["Client error: `POST http://x/v1/chat` resulted in a `503 Service Unavailable` response", 503],
    ];
    for (const [text, status] of shapes) expect(extractStatus(null, text.toLowerCase()), text).toBe(status);
    // Numbers that are not statuses stay out: token counts, limits, leading counts.
    expect(extractStatus(null, "500 tokens were requested")).toBeNull();
    expect(extractStatus(null, "limit 4290, requested 5000")).toBeNull();
    // A number beside another code's reason phrase is not a status line.
    expect(extractStatus(null, "sent 500 not found items")).toBeNull();
  });
});

describe("describeError", () => {
  it("returns the classification, what decided it, the normalized message and a fingerprint", () => {
    const d = describeError({
      provider: "openai",
      httpStatus: 404,
      model: "gpt-4.5-preview",
      message: "The model `gpt-4.5-preview` does not exist",
    });
    expect(d).toEqual({
      kind: "model_not_found",
      class: "hard",
      basis: "rules",
      normalized_message: "the model `<model>` does not exist",
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown,
    });
  });

  it("every kind of the taxonomy is reachable from the fixtures", () => {
    const seen = new Set(MESSAGES.map((m) => m.kind));
    for (const k of ALL_ERROR_KINDS) expect(seen.has(k), k).toBe(true);
  });
});
