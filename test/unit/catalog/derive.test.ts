import { describe, expect, it } from "vitest";
import type { CatalogEntry } from "../../../src/catalog/catalog-index.js";
import { deriveFacts } from "../../../src/catalog/derive/index.js";
import { perTokenToPerMillion } from "../../../src/catalog/price.js";
import type { Fact } from "../../../src/catalog/types.js";
import { snapshotIndex } from "./snapshot-index.js";

const index = snapshotIndex();
function entry(key: string): CatalogEntry {
  const e = index.entries.find((x) => x.key === key);
  if (!e) throw new Error(`no catalog entry ${key}`);
  return e;
}
const f = <T>(value: T, source: Fact<T>["source"]): Fact<T> => ({ value, source });

describe("prices", () => {
  it("converts OpenRouter per-token strings to per-million numbers without float noise", () => {
    expect(perTokenToPerMillion("0.0000025")).toBe(2.5);
    expect(perTokenToPerMillion("0.000000039")).toBe(0.039);
    expect(perTokenToPerMillion("0")).toBe(0);
  });

  it('treats "-1", negatives, empty and missing prices as unknown, never as free', () => {
    for (const v of ["-1", "-0.5", "", undefined, null, "n/a"]) expect(perTokenToPerMillion(v)).toBeNull();
  });
});

describe("derived facts for known models (real snapshots)", () => {
  it("OpenRouter anthropic/claude-sonnet-4.5: everything stated by OpenRouter", () => {
    const x = entry("openrouter:anthropic/claude-sonnet-4.5").facts;
    expect(x.tools).toEqual(f(true, "openrouter"));
    expect(x.reasoning).toEqual(f(true, "openrouter"));
    expect(x.structuredOutputs).toEqual(f(true, "openrouter"));
    expect(x.inputModalities).toEqual(f(["text", "image", "file"], "openrouter"));
    expect(x.outputModalities).toEqual(f(["text"], "openrouter"));
    expect(x.inputPricePerMillion).toEqual(f(3, "openrouter"));
    expect(x.outputPricePerMillion).toEqual(f(15, "openrouter"));
    expect(x.contextLength).toEqual(f(1_000_000, "openrouter"));
    expect(x.maxOutputTokens).toEqual(f(64_000, "openrouter"));
    expect(x.createdAt).toEqual(f(new Date(1759161676 * 1000), "openrouter"));
    expect(x.family).toEqual(f("claude-4.x", "derived-from-id"));
    expect(x.benchmarkable).toEqual(f(true, "openrouter"));
  });

  it("OpenRouter openai/gpt-4o-mini and openai/gpt-oss-120b: prices, reasoning stated both ways", () => {
    const mini = entry("openrouter:openai/gpt-4o-mini").facts;
    expect([mini.inputPricePerMillion?.value, mini.outputPricePerMillion?.value]).toEqual([0.15, 0.6]);
    expect(mini.reasoning).toEqual(f(false, "openrouter"));
    expect(mini.family?.value).toBe("gpt-4o");
    const oss = entry("openrouter:openai/gpt-oss-120b").facts;
    expect([oss.inputPricePerMillion?.value, oss.outputPricePerMillion?.value]).toEqual([0.039, 0.18]);
    expect(oss.reasoning).toEqual(f(true, "openrouter"));
    expect(oss.maxOutputTokens).toBeNull(); // top_provider.max_completion_tokens is null
    expect(oss.family?.value).toBe("gpt-oss");
  });

  it("OpenRouter routers, guards and audio/image generators are not benchmarkable, with the reason", () => {
    const auto = entry("openrouter:openrouter/auto");
    expect(auto.facts.inputPricePerMillion).toBeNull();
    expect(auto.facts.outputPricePerMillion).toBeNull();
    expect(auto.facts.notBenchmarkableReason).toBe("router");
    expect(entry("openrouter:meta-llama/llama-guard-4-12b").facts.notBenchmarkableReason).toBe("moderation");
    expect(entry("openrouter:meta-llama/llama-guard-4-12b").facts.benchmarkable.source).toBe(
      "derived-from-id",
    );
    expect(entry("openrouter:openai/gpt-audio").facts.notBenchmarkableReason).toBe("speech");
    expect(entry("openrouter:google/gemini-2.5-flash-image").facts.notBenchmarkableReason).toBe("image");
  });

  it("Bedrock: modalities and invocation from the list, profiles inherit from their model", () => {
    const base = entry("bedrock:anthropic.claude-sonnet-4-20250514-v1:0").facts;
    expect(base.inputModalities).toEqual(f(["text", "image"], "provider_catalog"));
    expect(base.notBenchmarkableReason).toBe("inference-profile-only");
    expect(base.reasoning).toEqual(f(true, "derived-from-id"));
    expect(base.tools).toEqual(f(true, "derived-from-id"));
    const profile = entry("bedrock:us.anthropic.claude-sonnet-4-20250514-v1:0").facts;
    expect(profile.benchmarkable).toEqual(f(true, "provider_catalog"));
    expect(profile.inputModalities).toEqual(f(["text", "image"], "provider_catalog"));
    expect(profile.createdAt).toEqual(f(new Date("2025-05-20T00:00:00Z"), "provider_catalog"));
    expect(entry("bedrock:amazon.titan-embed-text-v2:0").facts.notBenchmarkableReason).toBe("embedding");
    expect(entry("bedrock:amazon.nova-premier-v1:0:8k").facts.notBenchmarkableReason).toBe("dedicated-only");
    expect(entry("bedrock:amazon.nova-reel-v1:0").facts.notBenchmarkableReason).toBe("video");
    expect(entry("bedrock:cohere.rerank-v3-5:0").facts.notBenchmarkableReason).toBe("rerank");
    expect(entry("bedrock:anthropic.claude-3-7-sonnet-20250219-v1:0").facts.lifecycle).toEqual(
      f("legacy", "provider_catalog"),
    );
  });

  it("DeepInfra metadata: per-million prices, context, tags; null metadata is not a chat model", () => {
    const oss = entry("deepinfra:openai/gpt-oss-20b").facts;
    expect(oss.inputPricePerMillion).toEqual(f(0.03, "provider_catalog"));
    expect(oss.outputPricePerMillion).toEqual(f(0.14, "provider_catalog"));
    expect(oss.contextLength).toEqual(f(131_072, "provider_catalog"));
    expect(oss.reasoning).toEqual(f(true, "provider_catalog"));
    const seed = entry("deepinfra:ByteDance/Seed-2.0-mini").facts;
    expect(seed.inputModalities).toEqual(f(["text", "image"], "provider_catalog"));
    expect(seed.reasoning).toBeNull(); // no tag: unknown, not false
    expect(entry("deepinfra:BAAI/bge-m3").facts.notBenchmarkableReason).toBe("embedding");
    expect(entry("deepinfra:black-forest-labs/FLUX-1-dev").facts.notBenchmarkableReason).toBe("image");
  });

  it("Groq, Mistral: context, limits, capabilities and kinds", () => {
    const llama = entry("groq:llama-3.1-8b-instant").facts;
    expect(llama.contextLength).toEqual(f(131_072, "provider_catalog"));
    expect(llama.maxOutputTokens).toEqual(f(131_072, "provider_catalog"));
    expect(llama.createdAt).toEqual(f(new Date(1693721698 * 1000), "provider_catalog"));
    expect(llama.family?.value).toBe("llama-3");
    expect(entry("groq:meta-llama/llama-guard-4-12b").facts.notBenchmarkableReason).toBe("moderation");
    const pixtral = entry("mistral:pixtral-large-2411").facts;
    expect(pixtral.tools).toEqual(f(true, "provider_catalog"));
    expect(pixtral.inputModalities).toEqual(f(["text", "image"], "provider_catalog"));
    expect(pixtral.contextLength).toEqual(f(131_072, "provider_catalog"));
    expect(entry("mistral:mistral-embed").facts.notBenchmarkableReason).toBe("embedding");
    expect(entry("mistral:mistral-ocr-latest").facts.notBenchmarkableReason).toBe("ocr");
  });

  it("OpenAI, Anthropic, Cerebras lists: what the id says, marked as derived", () => {
    const o3 = entry("openai:o3-2025-04-16").facts;
    expect(o3.family).toEqual(f("o-series", "derived-from-id"));
    expect(o3.reasoning).toEqual(f(true, "derived-from-id"));
    expect(o3.tools).toEqual(f(true, "derived-from-id"));
    expect(o3.structuredOutputs).toEqual(f(true, "derived-from-id"));
    expect(o3.createdAt).toEqual(f(new Date(1744133301 * 1000), "provider_catalog"));
    expect(o3.outputPricePerMillion).toBeNull();
    const reasons = Object.fromEntries(
      [
        "whisper-1",
        "gpt-4o-mini-tts",
        "text-embedding-3-large",
        "dall-e-3",
        "omni-moderation-latest",
        "gpt-4o-search-preview",
        "babbage-002",
      ].map((id) => [id, entry(`openai:${id}`).facts.notBenchmarkableReason]),
    );
    expect(reasons).toEqual({
      "whisper-1": "transcription",
      "gpt-4o-mini-tts": "speech",
      "text-embedding-3-large": "embedding",
      "dall-e-3": "image",
      "omni-moderation-latest": "moderation",
      "gpt-4o-search-preview": "agentic",
      "babbage-002": "not-chat",
    });
    expect(entry("openai:gpt-4.1").facts.family?.value).toBe("gpt-4.1");
    const sonnet37 = entry("anthropic:claude-3-7-sonnet-20250219");
    expect(sonnet37.name).toBe("Claude Sonnet 3.7");
    expect(sonnet37.facts.family?.value).toBe("claude-3.x");
    expect(sonnet37.facts.reasoning).toEqual(f(true, "derived-from-id"));
    expect(sonnet37.facts.createdAt).toEqual(f(new Date("2025-02-24T00:00:00Z"), "provider_catalog"));
    expect(entry("anthropic:claude-3-5-sonnet-20241022").facts.reasoning).toEqual(
      f(false, "derived-from-id"),
    );
    const thinking = entry("cerebras:qwen-3-235b-a22b-thinking-2507").facts;
    expect(thinking.createdAt).toBeNull(); // Cerebras says created: 0
    expect(thinking.reasoning).toEqual(f(true, "derived-from-id"));
    expect(thinking.family?.value).toBe("qwen");
  });

  it("model families across spellings", () => {
    const family = (key: string): string | undefined => entry(key).facts.family?.value;
    expect(family("openrouter:google/gemini-2.5-flash")).toBe("gemini-2.5");
    expect(family("bedrock:us.meta.llama3-2-11b-instruct-v1:0")).toBe("llama-3");
    expect(family("bedrock:us.meta.llama4-scout-17b-instruct-v1:0")).toBe("llama-4");
    expect(family("fireworks:accounts/fireworks/models/deepseek-r1-0528")).toBe("deepseek");
    expect(family("mistral:codestral-2501")).toBe("mistral");
    expect(family("anthropic:claude-opus-4-20250514")).toBe("claude-4.x");
  });
});

describe("rows with new or missing fields", () => {
  it("reads a row with extra unknown fields and ignores them", () => {
    const raw = {
      id: "acme/new-model",
      name: "Acme New",
      supported_parameters: ["tools", "reasoning"],
      architecture: { input_modalities: ["text"], output_modalities: ["text"], brand_new: { nested: true } },
      pricing: { prompt: "0.000001", completion: "0.000002", surprise_fee: "9" },
      context_length: 32768,
      future_field: [1, 2, 3],
    };
    const x = deriveFacts({ origin: "openrouter", provider: "openrouter", modelId: raw.id, raw });
    expect(x.tools?.value).toBe(true);
    expect([x.inputPricePerMillion?.value, x.outputPricePerMillion?.value]).toEqual([1, 2]);
    expect(x.contextLength?.value).toBe(32768);
  });

  it("reads a row missing every optional field: unknown, not false or zero", () => {
    const x = deriveFacts({
      origin: "openrouter",
      provider: "openrouter",
      modelId: "acme/bare",
      raw: { id: "acme/bare" },
    });
    expect(x.tools).toBeNull();
    expect(x.reasoning).toBeNull();
    expect(x.inputModalities).toBeNull();
    expect(x.inputPricePerMillion).toBeNull();
    expect(x.contextLength).toBeNull();
    expect(x.createdAt).toBeNull();
    expect(x.benchmarkable).toEqual(f(true, "derived-from-id"));
  });

  it("tolerates wrong types from a source", () => {
    const raw = {
      id: "x",
      supported_parameters: "tools",
      architecture: null,
      pricing: { prompt: {}, completion: [] },
      context_length: "lots",
    };
    const x = deriveFacts({ origin: "openrouter", provider: "openrouter", modelId: "x", raw });
    expect([x.tools, x.inputPricePerMillion, x.contextLength]).toEqual([null, null, null]);
  });
});
