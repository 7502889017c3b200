import { perTokenToPerMillion } from "../price.js";
import type { SourceFacts } from "../types.js";
import {
  asDate,
  asPositiveInt,
  asRecord,
  asString,
  asStringArray,
  fact,
  normalizeModalities,
  parseModalityArrow,
  reasonFromOutputs,
} from "./common.js";

const S = "openrouter" as const;

/**
 * OpenRouter states most facts: `supported_parameters` (tools, reasoning, structured_outputs),
 * `architecture.input_modalities/output_modalities`, `pricing` per token as strings,
 * `context_length`, `top_provider.max_completion_tokens`, `created` and `expiration_date`.
 * Without `supported_parameters` capabilities are unknown, not false.
 */
export function deriveOpenRouter(raw: Record<string, unknown>): SourceFacts {
  const params = asStringArray(raw["supported_parameters"]);
  const arch = asRecord(raw["architecture"]);
  const arrow = parseModalityArrow(arch?.["modality"]);
  const inputs = asStringArray(arch?.["input_modalities"]);
  const outputs = asStringArray(arch?.["output_modalities"]);
  const inputModalities = inputs ? normalizeModalities(inputs) : (arrow?.inputs ?? null);
  const outputModalities = outputs ? normalizeModalities(outputs) : (arrow?.outputs ?? null);
  const pricing = asRecord(raw["pricing"]);
  const top = asRecord(raw["top_provider"]);

  const facts: SourceFacts = {
    tools: fact(params ? params.includes("tools") : null, S),
    reasoning: fact(params ? params.includes("reasoning") || params.includes("include_reasoning") : null, S),
    structuredOutputs: fact(params ? params.includes("structured_outputs") : null, S),
    inputModalities: fact(inputModalities, S),
    outputModalities: fact(outputModalities, S),
    inputPricePerMillion: fact(perTokenToPerMillion(pricing?.["prompt"]), S),
    outputPricePerMillion: fact(perTokenToPerMillion(pricing?.["completion"]), S),
    contextLength: fact(asPositiveInt(raw["context_length"]) ?? asPositiveInt(top?.["context_length"]), S),
    maxOutputTokens: fact(asPositiveInt(top?.["max_completion_tokens"]), S),
    createdAt: fact(asDate(raw["created"]), S),
    lifecycle: fact(asString(raw["expiration_date"]) ? ("deprecated" as const) : null, S),
  };
  // A price of "-1" is how OpenRouter lists its routers: the price is whatever model it picks.
  if (asString(pricing?.["prompt"]) === "-1" || asString(pricing?.["completion"]) === "-1") {
    facts.notBenchmarkable = { value: "router", source: S };
  } else if (outputModalities) {
    const reason = reasonFromOutputs(outputModalities);
    if (reason) facts.notBenchmarkable = { value: reason, source: S };
  }
  return facts;
}
