import { notBenchmarkableFromId } from "../id-rules.js";
import { perMillion } from "../price.js";
import type { SourceFacts } from "../types.js";
import { asPositiveInt, asRecord, asStringArray, fact } from "./common.js";

const S = "provider_catalog" as const;

/**
 * DeepInfra's `metadata` (pricing per million, context length, tags) is present for language
 * models and null for everything else (embeddings, image models), so a null metadata means
 * "not a chat model" even when the id does not say which kind it is.
 */
export function deriveDeepInfra(raw: Record<string, unknown>, modelId: string): SourceFacts {
  const meta = asRecord(raw["metadata"]);
  if (!meta) {
    return { notBenchmarkable: { value: notBenchmarkableFromId(modelId) ?? "not-chat", source: S } };
  }
  const pricing = asRecord(meta["pricing"]);
  const tags = asStringArray(meta["tags"]) ?? [];
  return {
    inputPricePerMillion: fact(perMillion(pricing?.["input_tokens"]), S),
    outputPricePerMillion: fact(perMillion(pricing?.["output_tokens"]), S),
    contextLength: fact(asPositiveInt(meta["context_length"]), S),
    // Tags state what a model has; a missing tag is not a statement that it lacks it.
    reasoning: tags.includes("reasoning_effort") ? { value: true, source: S } : null,
    inputModalities: tags.includes("vision") ? { value: ["text", "image"], source: S } : null,
    outputModalities: { value: ["text"], source: S },
  };
}
