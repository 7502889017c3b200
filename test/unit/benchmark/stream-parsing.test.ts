import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/config.js";
import { parseRetryAfter } from "../../../src/providers/stream/errors.js";
import { createStreamAdapter } from "../../../src/providers/stream/factory.js";
import { parseModelMetadata } from "../../../src/providers/stream/model-metadata.js";
import { readErrorBody } from "../../../src/providers/stream/sse.js";
import { ThinkTagSplitter } from "../../../src/providers/stream/think-tags.js";
import type { StreamEvent } from "../../../src/providers/stream/types.js";

function split(parts: string[]): { reasoning: string; answer: string } {
  const splitter = new ThinkTagSplitter();
  const out = { reasoning: "", answer: "" };
  for (const part of [...parts.map((p) => splitter.push(p)), splitter.flush()]) {
    out.reasoning += part.reasoning;
    out.answer += part.answer;
  }
  return out;
}

describe("ThinkTagSplitter", () => {
  it("separates a leading <think> block from the answer, tags split across chunks", () => {
    expect(split(["<thi", "nk>plan", " the ess", "ay</th", "ink>\n\nThe press"])).toEqual({
      reasoning: "plan the essay",
      answer: "The press",
    });
  });

  it("leaves text without a leading tag as answer, including a tag later on", () => {
    expect(split(["The <think> tag ", "is text here"])).toEqual({
      reasoning: "",
      answer: "The <think> tag is text here",
    });
  });

  it("keeps an unterminated block as reasoning", () => {
    expect(split(["  <think>still thinking"])).toEqual({ reasoning: "still thinking", answer: "" });
  });

  it("does not hold back text that only starts like the tag", () => {
    const splitter = new ThinkTagSplitter();
    expect(splitter.push("<b>bold")).toEqual({ reasoning: "", answer: "<b>bold" });
  });
});

describe("readErrorBody", () => {
  it("reads the OpenAI shape", () => {
    expect(
      readErrorBody(
        '{"error":{"message":"The model `x` does not exist","type":"invalid_request_error","code":"model_not_found"}}',
      ),
    ).toEqual({
      message: "The model `x` does not exist",
      errorType: "invalid_request_error",
    });
  });
  it("reads the Anthropic shape without taking its envelope type", () => {
    expect(
      readErrorBody('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'),
    ).toEqual({
      message: "Overloaded",
      errorType: "overloaded_error",
    });
  });
  it("does not mistake a numeric code for a type (OpenRouter)", () => {
    expect(readErrorBody('{"error":{"code":402,"message":"Insufficient credits"}}')).toEqual({
      message: "Insufficient credits",
      errorType: null,
    });
  });
  it("reads flat and detail shapes, and keeps non-JSON text", () => {
    expect(
      readErrorBody('{"object":"error","message":"Invalid model: x","type":"invalid_model"}').errorType,
    ).toBe("invalid_model");
    expect(readErrorBody('{"detail":"Not Found"}').message).toBe("Not Found");
    expect(readErrorBody("<html>502 Bad Gateway</html>").message).toBe("<html>502 Bad Gateway</html>");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("7")).toBe(7);
    expect(parseRetryAfter("Sun, 01 Mar 2026 12:00:30 GMT", Date.parse("2026-03-01T12:00:00Z"))).toBe(30);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe("parseModelMetadata", () => {
  it("accepts the known quirks and keeps unknown keys", () => {
    const parsed = parseModelMetadata({ api: "responses", omit_temperature: true, other_runner_field: 1 });
    expect(parsed).toEqual({
      ok: true,
      metadata: { api: "responses", omit_temperature: true, other_runner_field: 1 },
    });
    expect(parseModelMetadata(null)).toEqual({ ok: true, metadata: {} });
  });
  it("names the field that is wrong", () => {
    const parsed = parseModelMetadata({ omit_temperature: "yes" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(/^omit_temperature:/);
  });
});

describe("createStreamAdapter", () => {
  const config = loadConfig({});
  const request = {
    model: "m",
    prompt: "p",
    maxOutputTokens: 8,
    temperature: null,
    reasoning: null,
    metadata: {},
  };
  const ctx = { signal: new AbortController().signal, now: () => performance.now() };

  async function firstFailure(events: AsyncIterable<StreamEvent>): Promise<unknown> {
    try {
      for await (const _ of events) return null;
    } catch (error) {
      return error;
    }
    return null;
  }

  it("gives a provider without a streaming adapter one that fails at setup", async () => {
    const adapter = createStreamAdapter("another-writers-provider", config);
    expect(await firstFailure(adapter.stream(request, ctx))).toMatchObject({
      point: "setup",
      kind: "bad_request",
    });
  });

  it("fails Vertex at setup, naming the settings, when it is not configured", async () => {
    const error = await firstFailure(createStreamAdapter("vertex", config).stream(request, ctx));
    expect(error).toMatchObject({ point: "setup", kind: "auth" });
    expect(String((error as Error).message)).toMatch(/VERTEX_PROJECT VERTEX_LOCATION/);
  });

  it("fails at setup, naming the setting, when the API key is missing", async () => {
    const adapter = createStreamAdapter("groq", config);
    const error = await firstFailure(adapter.stream(request, ctx));
    expect(error).toMatchObject({ point: "setup", kind: "auth" });
    expect(String((error as Error).message)).toMatch(/GROQ_API_KEY/);
  });

  it("chooses the OpenAI API surface from model metadata", () => {
    const adapter = createStreamAdapter("openai", config);
    expect(adapter.requestMode({})).toBe("chat_completions");
    expect(adapter.requestMode({ api: "responses" })).toBe("responses");
    expect(createStreamAdapter("anthropic", config).requestMode({})).toBe("anthropic_messages");
    expect(createStreamAdapter("bedrock", config).requestMode({})).toBe("bedrock_converse_stream");
    // Vertex serves three wire formats; the model id says which.
    const vertex = createStreamAdapter("vertex", config);
    expect(vertex.requestMode({}, "gemini-2.5-flash")).toBe("gemini_generate_content");
    expect(vertex.requestMode({}, "claude-sonnet-4-5@20250929")).toBe("anthropic_messages");
    expect(vertex.requestMode({}, "meta/llama-3.3-70b-instruct-maas")).toBe("chat_completions");
  });
});
