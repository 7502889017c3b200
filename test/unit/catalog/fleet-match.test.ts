import { describe, expect, it } from "vitest";
import { FleetMatcher } from "../../../src/catalog/fleet-match.js";
import { modelKey } from "../../../src/catalog/model-key.js";

const matcher = new FleetMatcher([
  { provider: "anthropic", model_id: "claude-3-5-sonnet-20241022", enabled: true },
  { provider: "openai", model_id: "GPT-4.1", enabled: false },
  { provider: "openai", model_id: "gpt-4o", enabled: true },
  { provider: "bedrock", model_id: "us.anthropic.claude-3-5-haiku-20241022-v1:0", enabled: true },
  { provider: "bedrock", model_id: "us.meta.llama3-2-90b-instruct-v1:0", enabled: true },
  { provider: "fireworks", model_id: "accounts/fireworks/models/llama-v3p1-8b-instruct", enabled: true },
  { provider: "groq", model_id: "llama-3.1-8b-instant", enabled: true },
]);

describe("model keys", () => {
  it("give one key to the spellings of one model", () => {
    const strict = (p: string, id: string): string => modelKey(p, id).strict;
    expect(strict("bedrock", "us.meta.llama3-1-8b-instruct-v1:0")).toBe(
      strict("openrouter", "meta-llama/llama-3.1-8b-instruct"),
    );
    expect(strict("fireworks", "accounts/fireworks/models/llama-v3p1-8b-instruct")).toBe(
      strict("openrouter", "meta-llama/llama-3.1-8b-instruct"),
    );
    expect(strict("openrouter", "anthropic/claude-sonnet-4.5:free")).toBe(
      strict("openrouter", "anthropic/claude-sonnet-4.5"),
    );
    expect(modelKey("anthropic", "claude-3-5-sonnet-20241022").undated).toBe(
      strict("openrouter", "anthropic/claude-3.5-sonnet"),
    );
    expect(strict("vertex", "claude-sonnet-4-5@20250929")).toBe(
      strict("anthropic", "claude-sonnet-4-5-20250929"),
    );
    expect(modelKey("vertex", "meta/llama-3.3-70b-instruct-maas")).toEqual(
      modelKey("openrouter", "meta-llama/llama-3.3-70b-instruct"),
    );
    // Elsewhere `@` and `-maas` are left as they are.
    expect(strict("openrouter", "x/model@1")).toBe("model@1");
  });

  it("keep sizes, tiers and instruct/base apart", () => {
    const strict = (p: string, id: string): string => modelKey(p, id).strict;
    expect(strict("openrouter", "meta-llama/llama-3.1-8b-instruct")).not.toBe(
      strict("openrouter", "meta-llama/llama-3.1-70b-instruct"),
    );
    expect(strict("groq", "llama-3.1-8b-instant")).not.toBe(
      strict("openrouter", "meta-llama/llama-3.1-8b-instruct"),
    );
    expect(strict("openrouter", "anthropic/claude-3.5-haiku")).not.toBe(
      strict("openrouter", "anthropic/claude-3.5-sonnet"),
    );
  });
});

describe("fleet matching", () => {
  it("an exact provider + id match is verified", () => {
    expect(matcher.match("anthropic", "claude-3-5-sonnet-20241022").matches).toEqual([
      {
        provider: "anthropic",
        modelId: "claude-3-5-sonnet-20241022",
        enabled: true,
        rule: "exact",
        confidence: 1,
        verified: true,
      },
    ]);
  });

  it("a case-only difference matches, unverified", () => {
    const m = matcher.match("openai", "gpt-4.1");
    expect(m.matches[0]).toMatchObject({ modelId: "GPT-4.1", rule: "case-insensitive", verified: false });
    expect(m.inFleet).toBe(true);
    expect(m.benchmarked).toBe(false); // the fleet row is disabled
  });

  it("OpenRouter anthropic/claude-3.5-sonnet ↔ anthropic claude-3-5-sonnet-20241022 (date dropped)", () => {
    expect(matcher.match("openrouter", "anthropic/claude-3.5-sonnet").matches).toEqual([
      {
        provider: "anthropic",
        modelId: "claude-3-5-sonnet-20241022",
        enabled: true,
        rule: "same-model-key-without-date",
        confidence: 0.75,
        verified: false,
      },
    ]);
  });

  it("OpenRouter ↔ Bedrock us. inference profiles for Anthropic and Meta", () => {
    expect(matcher.match("openrouter", "anthropic/claude-3.5-haiku").matches.map((m) => m.modelId)).toEqual([
      "us.anthropic.claude-3-5-haiku-20241022-v1:0",
    ]);
    const llama = matcher.match("openrouter", "meta-llama/llama-3.2-90b-instruct").matches;
    expect(llama).toEqual([
      expect.objectContaining({
        modelId: "us.meta.llama3-2-90b-instruct-v1:0",
        rule: "same-model-key",
        verified: false,
      }),
    ]);
  });

  it("a Bedrock foundation model ↔ the fleet's inference profile for it", () => {
    expect(matcher.match("bedrock", "anthropic.claude-3-5-haiku-20241022-v1:0").matches[0]).toMatchObject({
      modelId: "us.anthropic.claude-3-5-haiku-20241022-v1:0",
      rule: "bedrock-inference-profile",
      confidence: 0.9,
    });
  });

  it("a provider catalog entry is not matched to another provider's fleet model", () => {
    expect(matcher.match("together", "meta-llama/Llama-3.2-90B-Vision-Instruct").inFleet).toBe(false);
    expect(matcher.match("deepinfra", "meta-llama/Meta-Llama-3.1-8B-Instruct").inFleet).toBe(false);
  });

  it("does not merge different models or conflicting vendors", () => {
    expect(matcher.match("openrouter", "meta-llama/llama-3.1-70b-instruct").inFleet).toBe(false);
    expect(matcher.match("openrouter", "openai/gpt-4o-mini").inFleet).toBe(false);
    expect(matcher.match("openrouter", "mistralai/gpt-4o").inFleet).toBe(false); // vendor conflict
    expect(matcher.match("openrouter", "openai/gpt-4o").matches[0]).toMatchObject({
      modelId: "gpt-4o",
      confidence: 0.8,
    });
  });

  it("another release tag of the same family is a near match, not the fleet's model", () => {
    const mistral = new FleetMatcher([
      { provider: "bedrock", model_id: "mistral.mistral-small-2402-v1:0", enabled: false },
    ]);
    // The fleet has February 2024's Mistral Small; March 2026's is a new model to discover.
    const newer = mistral.match("openrouter", "mistralai/mistral-small-2603");
    expect(newer.matches[0]).toMatchObject({
      modelId: "mistral.mistral-small-2402-v1:0",
      rule: "same-model-key-without-suffix",
      confidence: 0.6,
    });
    expect([newer.inFleet, newer.benchmarked]).toEqual([false, false]);
    // The same release is the fleet's model.
    expect(mistral.match("openrouter", "mistralai/mistral-small-2402").inFleet).toBe(true);
  });
});
