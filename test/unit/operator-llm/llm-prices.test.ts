import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/config.js";
import { DEFAULT_OPERATOR_LLM } from "../../../src/config/settings.js";
import { BUILTIN_LLM_PRICES, builtInPricesMarkdown, priceOf } from "../../../src/operator/llm-prices.js";

describe("the operator's LLM prices", () => {
  it("the setting wins over the built-in table, which prices the common decision models", () => {
    const config = loadConfig({
      OPERATOR_LLM_PRICES: JSON.stringify({ "gpt-5-mini": { input: 9, output: 9 } }),
    });
    expect(priceOf(config, "gpt-5-mini")).toEqual({ price: { input: 9, output: 9 }, source: "setting" });
    expect(priceOf(loadConfig({}), "gpt-5-mini")).toEqual({
      price: { input: 0.25, output: 2 },
      source: "built_in",
    });
    expect(priceOf(loadConfig({}), "gpt-unpriced-9")).toBeUndefined();
  });

  it("a dated snapshot costs its alias; a geographic Bedrock profile costs 10% more than the global one", () => {
    const config = loadConfig({});
    expect(priceOf(config, "gpt-5-mini-2025-08-07")?.price).toEqual({ input: 0.25, output: 2 });
    expect(priceOf(config, "global.anthropic.claude-haiku-4-5-20251001-v1:0")?.price).toEqual({
      input: 1,
      output: 5,
    });
    const us = priceOf(config, "us.anthropic.claude-haiku-4-5-20251001-v1:0")!.price;
    expect(us.input).toBeCloseTo(1.1, 12);
    expect(us.output).toBeCloseTo(5.5, 12);
    expect(priceOf(config, "xx.anthropic.claude-haiku-4-5-20251001-v1:0")).toBeUndefined();
  });

  it("every default decision model has a built-in price", () => {
    for (const d of DEFAULT_OPERATOR_LLM) expect(priceOf(loadConfig({}), d.model), d.model).toBeDefined();
  });

  it("the README lists the built-in table", () => {
    const cells = (text: string): string[] =>
      text
        .split("\n")
        .filter((l) => l.startsWith("| `"))
        .map((l) =>
          l
            .split("|")
            .map((c) => c.trim())
            .join("|"),
        );
    const readme = readFileSync(join(import.meta.dirname, "../../../README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf("<!-- llm-prices:start -->"),
      readme.indexOf("<!-- llm-prices:end -->"),
    );
    expect(cells(section)).toEqual(cells(builtInPricesMarkdown()));
    expect(cells(section)).toHaveLength(Object.keys(BUILTIN_LLM_PRICES).length);
  });
});

describe("the operator's chain when OPERATOR_LLM is empty", () => {
  it("an OpenAI key alone chooses gpt-5-mini; Bedrock credentials alone a Claude Haiku profile; none: none", () => {
    expect(loadConfig({ OPENAI_API_KEY: "sk-test-openai-key" }).operator.llm).toEqual([
      { backend: "openai", model: "gpt-5-mini" },
    ]);
    const bedrock = loadConfig({ BEDROCK_ENABLED: "true" }).operator;
    expect(bedrock.llm).toEqual([
      { backend: "bedrock", model: "us.anthropic.claude-haiku-4-5-20251001-v1:0" },
    ]);
    expect(bedrock.llmChosenBy).toMatch(
      /^default: OPERATOR_LLM is empty and Bedrock credentials \(BEDROCK_ENABLED\)$/,
    );
    expect(loadConfig({}).operator.llm).toEqual([]);
  });

  it("an explicit chain is kept as written, and `none` keeps the classifier even with a key", () => {
    expect(loadConfig({ OPENAI_API_KEY: "sk-test-openai-key", OPERATOR_LLM: "none" }).operator).toMatchObject(
      {
        llm: [],
        llmChosenBy: "OPERATOR_LLM=none",
      },
    );
    expect(
      loadConfig({ OPENAI_API_KEY: "sk-test-openai-key", OPERATOR_LLM: "openai:gpt-5.2" }).operator.llm,
    ).toEqual([{ backend: "openai", model: "gpt-5.2" }]);
    expect(() => loadConfig({ OPERATOR_LLM: "nonsense" })).toThrow(/OPERATOR_LLM: must be backend:model/);
  });
});
