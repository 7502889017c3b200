import {
  familyFromId,
  inputModalitiesFromId,
  notBenchmarkableFromId,
  reasoningFromId,
  structuredOutputsFromId,
  toolsFromId,
} from "../id-rules.js";
import type { DerivedFacts, NotBenchmarkableReason, SourceFacts } from "../types.js";
import {
  deriveBedrockFoundationModel,
  deriveBedrockInferenceProfile,
  type BedrockFoundationModels,
} from "./bedrock.js";
import { fact } from "./common.js";
import { deriveDeepInfra } from "./deepinfra.js";
import { deriveFireworks } from "./fireworks.js";
import { deriveIdOnlyList } from "./first-party.js";
import { deriveGroq } from "./groq.js";
import { deriveMistral } from "./mistral.js";
import { deriveOpenRouter } from "./openrouter.js";
import { deriveTogether } from "./together.js";
import { deriveVertex } from "./vertex.js";

export type { BedrockFoundationModels } from "./bedrock.js";

export interface DeriveInput {
  origin: "openrouter" | "provider_catalog";
  /** "openrouter" for OpenRouter entries; the provider id otherwise. */
  provider: string;
  modelId: string;
  raw: Record<string, unknown>;
  /** Bedrock rows: "foundation_model" or "inference_profile". */
  kind?: string | null;
}

export interface DeriveContext {
  bedrockFoundationModels?: BedrockFoundationModels;
}

/** What the row's own source states, per provider. */
export function deriveSourceFacts(input: DeriveInput, ctx: DeriveContext = {}): SourceFacts {
  if (input.origin === "openrouter") return deriveOpenRouter(input.raw);
  switch (input.provider) {
    case "bedrock":
      return isInferenceProfile(input)
        ? deriveBedrockInferenceProfile(input.raw, ctx.bedrockFoundationModels ?? new Map())
        : deriveBedrockFoundationModel(input.raw);
    case "deepinfra":
      return deriveDeepInfra(input.raw, input.modelId);
    case "groq":
      return deriveGroq(input.raw);
    case "mistral":
      return deriveMistral(input.raw, input.modelId);
    case "together":
      return deriveTogether(input.raw);
    case "fireworks":
      return deriveFireworks(input.raw);
    case "vertex":
      return deriveVertex(input.raw, input.modelId);
    default:
      return deriveIdOnlyList(input.raw);
  }
}

/** OpenRouter serves every model through chat completions, so "completions-only" never applies there. */
function idReason(input: DeriveInput): NotBenchmarkableReason | null {
  const reason = notBenchmarkableFromId(input.modelId);
  return reason === "not-chat" && input.origin === "openrouter" ? null : reason;
}

export function isInferenceProfile(input: Pick<DeriveInput, "kind" | "raw">): boolean {
  return input.kind === "inference_profile" || typeof input.raw["inferenceProfileId"] === "string";
}

/**
 * Every derived fact for one catalog row: what its source states first, then what the id says
 * for the facts the source is silent on (marked derived-from-id), else unknown.
 */
export function deriveFacts(input: DeriveInput, ctx: DeriveContext = {}): DerivedFacts {
  const s = deriveSourceFacts(input, ctx);
  const id = input.modelId;
  const ID = "derived-from-id" as const;
  const reason = s.notBenchmarkable ?? fact(idReason(input), ID);
  return {
    family: s.family ?? fact(familyFromId(id), ID),
    tools: s.tools ?? fact(toolsFromId(id), ID),
    reasoning: s.reasoning ?? fact(reasoningFromId(id), ID),
    structuredOutputs: s.structuredOutputs ?? fact(structuredOutputsFromId(id), ID),
    inputModalities: s.inputModalities ?? fact(inputModalitiesFromId(id), ID),
    outputModalities: s.outputModalities ?? null,
    inputPricePerMillion: s.inputPricePerMillion ?? null,
    outputPricePerMillion: s.outputPricePerMillion ?? null,
    contextLength: s.contextLength ?? null,
    maxOutputTokens: s.maxOutputTokens ?? null,
    createdAt: s.createdAt ?? null,
    lifecycle: s.lifecycle ?? null,
    benchmarkable: reason
      ? { value: false, source: reason.source }
      : { value: true, source: s.outputModalities?.source ?? ID },
    notBenchmarkableReason: reason?.value ?? null,
  };
}
