import { describe, expect, it } from "vitest";
import { apportion, displayName } from "../../../src/demo/catalog.js";
import { pyRepr } from "../../../src/demo/error-formats.js";
import { providerError } from "../../../src/demo/messages.js";
import { createRng, hashSeed } from "../../../src/demo/random.js";
import { pythonIso } from "../../../src/demo/documents.js";

describe("demo building blocks", () => {
  it("the PRNG is a pure function of the seed and the labels", () => {
    const draw = (seed: number, ...labels: string[]): number[] => {
      const rng = createRng(seed, ...labels);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(1, "a")).toEqual(draw(1, "a"));
    expect(draw(1, "a")).not.toEqual(draw(2, "a"));
    expect(draw(1, "ab", "c")).not.toEqual(draw(1, "a", "bc"));
    expect(hashSeed(1, "x")).toBe(hashSeed(1, "x"));
    const rng = createRng(9);
    for (let i = 0; i < 1000; i++) {
      const v = rng.int(3, 5);
      expect(v >= 3 && v <= 5 && Number.isInteger(v)).toBe(true);
    }
  });

  it("apportion splits a total exactly, by weight", () => {
    expect(apportion(10, [1, 1])).toEqual([5, 5]);
    expect(apportion(523, [60, 22, 65]).reduce((a, b) => a + b, 0)).toBe(523);
    expect(apportion(5, [100, 1, 1], 1)).toEqual([3, 1, 1]);
  });

  it("renders provider errors the way each provider's SDK prints them", () => {
    const rng = createRng(1);
    const openai = providerError("openai", "model_not_found", { model: "gpt-4-0314", rng });
    expect(openai).toMatchObject({ httpStatus: 404, excType: "NotFoundError", stage: "generate" });
    expect(openai.message).toBe(
      "Error code: 404 - {'error': {'message': 'The model `gpt-4-0314` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}",
    );
    const bedrock = providerError("bedrock", "model_retired", { model: "anthropic.claude-v2:1", rng });
    expect(bedrock.message).toBe(
      "An error occurred (ResourceNotFoundException) when calling the ConverseStream operation: This model version has reached the end of its life. Please refer to the AWS documentation for more details.",
    );
    const terms = providerError("groq", "model_unavailable", { model: "allam-2-7b", rng });
    expect(terms.message).toContain("'code': 'model_terms_required'");
    const surface = providerError("openai", "bad_request", { model: "o1-pro", rng });
    expect(surface.message).toContain(
      "This model is only supported in v1/responses and not in v1/chat/completions.",
    );
    const budget = providerError("openai", "output_invalid", { model: "o3-mini", rng });
    expect(budget).toMatchObject({ stage: "validate", httpStatus: null });
    // Anthropic overloads: the SSE error event's JSON, or HTTP 529.
    const overloads = Array.from({ length: 20 }, () =>
      providerError("anthropic", "overloaded", { model: "claude-haiku-4-5", rng }),
    );
    expect(
      overloads.some((e) => e.message.startsWith('{"type":"error","error":{"type":"overloaded_error"')),
    ).toBe(true);
    expect(overloads.some((e) => e.httpStatus === 529)).toBe(true);
  });

  it("pyRepr matches Python's repr for the shapes SDK errors contain", () => {
    expect(pyRepr({ a: null, b: true, c: [1, "x"], d: "it's" })).toBe(
      `{'a': None, 'b': True, 'c': [1, 'x'], 'd': "it's"}`,
    );
  });

  it("formats timestamps as Python's isoformat() and names models readably", () => {
    expect(pythonIso(new Date("2026-11-20T10:42:07.123Z"))).toBe("2026-11-20T10:42:07.123000+00:00");
    expect(displayName("us.anthropic.claude-3-7-sonnet-20250219-v1:0")).toBe("Claude 3 7 Sonnet 20250219");
    expect(displayName("accounts/fireworks/models/llama-v3p1-405b-instruct")).toBe(
      "Llama V3p1 405b Instruct",
    );
  });
});
