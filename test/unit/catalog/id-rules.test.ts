import { describe, expect, it } from "vitest";
import { notBenchmarkableFromId } from "../../../src/catalog/id-rules.js";
import { checkModelId } from "../../../src/catalog/model-id-rules.js";
import { SNAPSHOTS, snapshotRows } from "../../helpers/fake-catalog-server.js";

/** One table decides: the catalog's derivation and `models add` give the same answer for every id. */
const refused = (provider: string, id: string): boolean =>
  checkModelId(provider, id).errors.some((e) => e.includes("not benchmarkable"));

const ids = (file: string, field = "id"): string[] => snapshotRows(file).map((r) => String(r[field]));

describe("the one benchmarkability table, on real catalog ids", () => {
  it("refuses the brief's models to avoid, each with its reason", () => {
    const avoid: [string, string, string][] = [
      ["bedrock", "amazon.nova-canvas-v1:0", "image"],
      ["bedrock", "amazon.titan-image-generator-v2:0", "image"],
      ["bedrock", "amazon.nova-reel-v1:0", "video"],
      ["bedrock", "cohere.embed-v4:0", "embedding"],
      ["bedrock", "amazon.titan-embed-text-v2:0", "embedding"],
      ["bedrock", "amazon.nova-sonic-v1:0", "speech"],
      ["bedrock", "openai.gpt-oss-safeguard-120b", "moderation"],
      ["groq", "meta-llama/llama-guard-4-12b", "moderation"],
      ["groq", "meta-llama/llama-prompt-guard-2-86m", "moderation"],
      ["groq", "llama-guard-3-8b", "moderation"],
      ["groq", "groq/compound", "compound"],
      ["groq", "groq/compound-mini", "compound"],
      ["groq", "whisper-large-v3-turbo", "transcription"],
      ["openai", "text-embedding-3-small", "embedding"],
      ["openai", "tts-1-hd", "speech"],
      ["openai", "gpt-4o-mini-tts", "speech"],
      ["openai", "gpt-4o-transcribe", "transcription"],
      ["openai", "gpt-4o-audio-preview", "speech"],
      ["openai", "dall-e-3", "image"],
      ["openai", "gpt-image-1", "image"],
      ["openai", "omni-moderation-latest", "moderation"],
      ["openrouter", "google/gemini-2.5-flash-image", "image"],
      ["openrouter", "openrouter/auto", "router"],
    ];
    for (const [provider, id, reason] of avoid) {
      expect(notBenchmarkableFromId(id), id).toBe(reason);
      expect(refused(provider, id), id).toBe(true);
    }
  });

  it("accepts chat models from the same catalogs", () => {
    const chat: [string, string][] = [
      ["openai", "gpt-4.1"],
      ["openai", "o3"],
      ["openai", "chatgpt-4o-latest"],
      ["bedrock", "amazon.nova-pro-v1:0"],
      ["bedrock", "us.anthropic.claude-sonnet-4-20250514-v1:0"],
      ["groq", "llama-3.3-70b-versatile"],
      ["groq", "openai/gpt-oss-120b"],
      ["groq", "moonshotai/kimi-k2-instruct-0905"],
      ["groq", "qwen/qwen3-32b"],
      ["mistral", "mistral-large-latest"],
      ["cerebras", "llama-3.3-70b"],
    ];
    for (const [provider, id] of chat)
      expect(checkModelId(provider, id), id).toEqual({ errors: [], warnings: [] });
    // Anthropic's listing holds chat models only.
    for (const id of ids(SNAPSHOTS.anthropic)) expect(refused("anthropic", id), id).toBe(false);
  });

  it("refuses every Bedrock model whose listing says it outputs no text", () => {
    const rows = snapshotRows(SNAPSHOTS.bedrockModels);
    const noText = rows.filter((r) => !(r["outputModalities"] as string[]).includes("TEXT"));
    expect(noText.length).toBeGreaterThan(10);
    for (const r of noText) expect(refused("bedrock", String(r["modelId"])), String(r["modelId"])).toBe(true);
  });

  it("refuses every OpenRouter model that outputs anything besides text", () => {
    const rows = snapshotRows(SNAPSHOTS.openrouterJun);
    const notText = rows.filter((r) => {
      const out = (r["architecture"] as { output_modalities?: string[] }).output_modalities ?? [];
      return out.some((m) => m !== "text");
    });
    expect(notText.length).toBeGreaterThan(3);
    for (const r of notText) expect(refused("openrouter", String(r["id"])), String(r["id"])).toBe(true);
  });

  it("gives models add and catalog derivation the same answer for every id in every snapshot", () => {
    const all: [string, string][] = [
      ...ids(SNAPSHOTS.openai).map((id): [string, string] => ["openai", id]),
      ...ids(SNAPSHOTS.groq).map((id): [string, string] => ["groq", id]),
      ...ids(SNAPSHOTS.groqOld).map((id): [string, string] => ["groq", id]),
      ...ids(SNAPSHOTS.deepinfra).map((id): [string, string] => ["deepinfra", id]),
      ...ids(SNAPSHOTS.mistral).map((id): [string, string] => ["mistral", id]),
      ...ids(SNAPSHOTS.openrouterJun).map((id): [string, string] => ["openrouter", id]),
      ...ids(SNAPSHOTS.bedrockModels, "modelId").map((id): [string, string] => ["bedrock", id]),
    ];
    expect(all.length).toBeGreaterThan(500);
    for (const [provider, id] of all)
      expect(refused(provider, id), id).toBe(notBenchmarkableFromId(id) !== null);
  });
});
