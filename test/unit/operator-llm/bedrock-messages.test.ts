import { describe, expect, it } from "vitest";
import {
  fromConverseOutput,
  supportsForcedToolChoice,
  toConverseInput,
  toDocument,
  VERDICT_TOOL_NAME,
} from "../../../src/providers/llm/bedrock-messages.js";

const request = {
  system: "sys",
  user: "usr",
  jsonSchema: { type: "object", properties: { verdicts: { type: "array" } } },
  maxOutputTokens: 1234,
  signal: new AbortController().signal,
};

describe("toConverseInput", () => {
  it("forces the verdict tool for model families that support a forced tool choice", () => {
    const input = toConverseInput("us.anthropic.claude-sonnet-4-5-20250929-v1:0", request);
    expect(input).toEqual({
      modelId: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      system: [{ text: "sys" }],
      messages: [{ role: "user", content: [{ text: "usr" }] }],
      inferenceConfig: { maxTokens: 1234, temperature: 0 },
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: VERDICT_TOOL_NAME,
              description: "Submit one verdict per situation id.",
              inputSchema: { json: request.jsonSchema },
            },
          },
        ],
        toolChoice: { tool: { name: VERDICT_TOOL_NAME } },
      },
    });
  });

  it("relies on the prompt for other models", () => {
    expect(toConverseInput("meta.llama3-3-70b-instruct-v1:0", request).toolConfig).toBeUndefined();
  });

  it.each([
    ["anthropic.claude-3-haiku-20240307-v1:0", true],
    ["global.anthropic.claude-opus-4-5-20251101-v1:0", true],
    ["us.amazon.nova-pro-v1:0", true],
    ["mistral.mistral-large-2407-v1:0", true],
    [
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0",
      true,
    ],
    ["meta.llama3-1-70b-instruct-v1:0", false],
    ["amazon.titan-text-express-v1", false],
    ["deepseek.r1-v1:0", false],
  ])("supportsForcedToolChoice(%s) is %s", (modelId, expected) => {
    expect(supportsForcedToolChoice(modelId)).toBe(expected);
  });
});

describe("fromConverseOutput", () => {
  it("serialises the verdict tool's input as the answer text", () => {
    const answer = {
      verdicts: [{ situation_id: "sit_a", action: "monitor", confidence: 0.5, reasoning: "r" }],
    };
    const response = fromConverseOutput({
      $metadata: {},
      output: {
        message: {
          role: "assistant",
          content: [
            { text: "Calling the tool." },
            { toolUse: { toolUseId: "t1", name: VERDICT_TOOL_NAME, input: answer } },
          ],
        },
      },
      stopReason: "tool_use",
      usage: { inputTokens: 900, outputTokens: 120, totalTokens: 1020 },
      metrics: { latencyMs: 10 },
    });
    expect(response).toEqual({
      text: JSON.stringify(answer),
      usage: { inputTokens: 900, outputTokens: 120 },
      finishReason: "tool_use",
    });
  });

  it("joins text blocks when no tool was called, and survives an empty output", () => {
    const text = fromConverseOutput({
      $metadata: {},
      output: { message: { role: "assistant", content: [{ text: '{"verdicts":' }, { text: "[]}" }] } },
      stopReason: "end_turn",
      usage: undefined,
      metrics: undefined,
    });
    expect(text).toEqual({
      text: '{"verdicts":[]}',
      usage: { inputTokens: 0, outputTokens: 0 },
      finishReason: "end_turn",
    });
    expect(
      fromConverseOutput({
        $metadata: {},
        output: undefined,
        stopReason: undefined,
        usage: undefined,
        metrics: undefined,
      }),
    ).toEqual({
      text: "",
      usage: { inputTokens: 0, outputTokens: 0 },
      finishReason: "unknown",
    });
  });
});

describe("toDocument", () => {
  it("copies JSON values and drops what JSON cannot hold", () => {
    expect(toDocument({ a: [1, "x", null, true, { b: undefined, c: Number.NaN }], f: () => 1 })).toEqual({
      a: [1, "x", null, true, { c: null }],
    });
  });
});
