import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/config.js";
import { createOperatorLlmChain } from "../../../src/providers/llm/index.js";

describe("createOperatorLlmChain", () => {
  it("builds the backends in the configured fallback order", () => {
    const config = loadConfig({
      OPERATOR_LLM:
        "openai:gpt-5.2,bedrock:us.anthropic.claude-sonnet-4-5-20250929-v1:0,groq:llama-3.3-70b-versatile",
      OPENAI_API_KEY: "sk-test-openai-key",
      GROQ_API_KEY: "gsk_testtesttest",
    });
    const chain = createOperatorLlmChain(config);
    expect(chain.map((b) => `${b.backend}:${b.model}`)).toEqual([
      "openai:gpt-5.2",
      "bedrock:us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "groq:llama-3.3-70b-versatile",
    ]);
  });

  it("is empty when OPERATOR_LLM is empty: the deterministic classifier decides", () => {
    expect(createOperatorLlmChain(loadConfig({}))).toEqual([]);
  });

  it("refuses an unknown backend and a missing key at start-up, naming the setting", () => {
    expect(() => createOperatorLlmChain(loadConfig({ OPERATOR_LLM: "acme:model-1" }))).toThrow(
      /OPERATOR_LLM: unknown backend "acme"/,
    );
    expect(() =>
      createOperatorLlmChain(loadConfig({ OPERATOR_LLM: "together:meta-llama/Llama-3.3-70B" })),
    ).toThrow("OPERATOR_LLM names together:meta-llama/Llama-3.3-70B, but TOGETHER_API_KEY is not set.");
  });
});
