import type { NotBenchmarkableReason, SourceFacts } from "../types.js";
import {
  asDate,
  asRecord,
  asString,
  asStringArray,
  fact,
  normalizeModalities,
  reasonFromOutputs,
} from "./common.js";

const S = "provider_catalog" as const;

/** Lookup from foundation-model id to its row, for inference profiles that route to it. */
export type BedrockFoundationModels = ReadonlyMap<string, Record<string, unknown>>;

/**
 * A foundation model states its modalities, how it can be invoked and its lifecycle. Tools,
 * reasoning and prices are not in the list and are left to the id rules.
 */
export function deriveBedrockFoundationModel(raw: Record<string, unknown>): SourceFacts {
  const inputs = asStringArray(raw["inputModalities"]);
  const outputs = asStringArray(raw["outputModalities"]);
  const outputModalities = outputs ? normalizeModalities(outputs) : null;
  const status = asString(asRecord(raw["modelLifecycle"])?.["status"]);
  const facts: SourceFacts = {
    inputModalities: fact(inputs ? normalizeModalities(inputs) : null, S),
    outputModalities: fact(outputModalities, S),
    lifecycle: fact(status ? (status.toUpperCase() === "LEGACY" ? "legacy" : "active") : null, S),
  };
  const reason = (outputModalities ? reasonFromOutputs(outputModalities) : null) ?? invocationReason(raw);
  if (reason) facts.notBenchmarkable = { value: reason, source: S };
  return facts;
}

/**
 * ON_DEMAND is invocable by its own id; INFERENCE_PROFILE only through a `us.`/`global.`
 * profile (the profile is the benchmarkable entry); PROVISIONED only on bought throughput.
 */
function invocationReason(raw: Record<string, unknown>): NotBenchmarkableReason | null {
  const types = asStringArray(raw["inferenceTypesSupported"]);
  if (!types) return null;
  if (types.includes("ON_DEMAND")) return null;
  if (types.includes("INFERENCE_PROFILE")) return "inference-profile-only";
  return "dedicated-only";
}

/**
 * An inference profile lists only names and the model ARNs it routes to; its capabilities are
 * those of that foundation model, which is invocable through the profile by definition.
 */
export function deriveBedrockInferenceProfile(
  raw: Record<string, unknown>,
  foundationModels: BedrockFoundationModels,
): SourceFacts {
  const target = profileTarget(raw);
  const base = target ? foundationModels.get(target) : undefined;
  const inherited = base ? deriveBedrockFoundationModel(base) : {};
  const { notBenchmarkable, ...rest } = inherited;
  const status = asString(raw["status"]);
  const facts: SourceFacts = {
    ...rest,
    createdAt: fact(asDate(raw["createdAt"]), S),
    lifecycle:
      status && status.toUpperCase() !== "ACTIVE"
        ? { value: "deprecated", source: S }
        : (rest.lifecycle ?? null),
  };
  // Only modality reasons carry over: how the base model is invoked is what the profile changes.
  const invocation =
    notBenchmarkable?.value === "dedicated-only" || notBenchmarkable?.value === "inference-profile-only";
  if (notBenchmarkable && !invocation) facts.notBenchmarkable = notBenchmarkable;
  return facts;
}

/** `arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0` → the id. */
export function profileTarget(raw: Record<string, unknown>): string | null {
  const models = Array.isArray(raw["models"]) ? raw["models"] : [];
  for (const m of models) {
    const arn = asString(asRecord(m)?.["modelArn"]);
    const at = arn?.indexOf("foundation-model/") ?? -1;
    if (arn && at >= 0) return arn.slice(at + "foundation-model/".length);
  }
  return null;
}
