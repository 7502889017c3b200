import type { SuccessorEvidence } from "../catalog/successor.js";
import type { ProviderHealth } from "../policy/evaluate.js";
import type { ModelSignals } from "../signals/read.js";
import { classOf } from "../taxonomy/kinds.js";
import { hardEvidenceHolds, suggestForModel } from "./classifier.js";
import type { SettingsFix } from "./settings-detect.js";
import type { OperatorAction, Situation, SituationVerdict } from "./types.js";

/**
 * Expands situation verdicts (from the LLM or the classifier) to per-model proposals, with the
 * deterministic overrides that no answer can argue with: only hard-class evidence can disable a
 * model, a paused or blocked provider's models are never demoted, a model that succeeded or
 * started failing within the last 48 hours is not disabled, and the operator run never enables a
 * failing model. This is
 * where an injected "disable every model" dies, before the policy even looks.
 */

/** A situation's verdict and where it came from. */
export interface ChosenVerdict {
  verdict: SituationVerdict;
  source: "llm" | "classifier";
  model?: string;
}

export interface ModelProposal {
  provider: string;
  model_id: string;
  situation: Situation;
  action: OperatorAction;
  confidence: number;
  reasoning: string;
  source: "llm" | "classifier";
  /** The LLM (backend:model) that gave the verdict, when it came from one. */
  model?: string;
  /** Set when a deterministic rule changed the verdict's action. */
  override?: string;
  /** A rename's successor and its catalog evidence (src/operator/renames.ts). */
  successor?: SuccessorEvidence;
  /** Why a hard failure was not turned into a rename (no or ambiguous successor). */
  noSuccessor?: { outcome: string; reason: string; candidates: string[] };
  /** For `set_settings`: what to write and why (src/operator/settings-pass.ts). */
  settings?: SettingsFix;
}

/** A success within the evidence window means the failure is not established. */
const RECENT_SUCCESS_MS = 48 * 3_600_000;

export function expandVerdicts(
  situations: Situation[],
  verdicts: Map<string, ChosenVerdict>,
  signals: Map<string, ModelSignals>,
  providers: Map<string, ProviderHealth>,
  now: Date,
): ModelProposal[] {
  const out: ModelProposal[] = [];
  for (const situation of situations) {
    const chosen = verdicts.get(situation.id) ?? {
      verdict: situation.suggestion,
      source: "classifier" as const,
    };
    for (const modelId of situation.modelIds) {
      const s = signals.get(`${situation.provider}:${modelId}`);
      const override = overrideFor(
        chosen.verdict.action,
        situation,
        s,
        providers.get(situation.provider),
        now,
      );
      out.push({
        provider: situation.provider,
        model_id: modelId,
        situation,
        action: override ? "monitor" : chosen.verdict.action,
        confidence: chosen.verdict.confidence,
        reasoning: override
          ? `${override} (proposed: ${chosen.verdict.action})`
          : modelReasoning(chosen, situation, s, providers.get(situation.provider), now),
        source: chosen.source,
        ...(chosen.model ? { model: chosen.model } : {}),
        ...(override ? { override } : {}),
      });
    }
  }
  return out;
}

/**
 * The reasoning a change of one model records: the classifier's, worded by the model's own streak
 * (its decision is about it alone). An LLM's reasoning is its own text about the whole situation,
 * kept as it is; when the situation holds several models, the model's own streak follows it, so a
 * person does not read the oldest member's age as this model's. Monitor and ignore stay the
 * situation's words: one decision covers the situation.
 */
function modelReasoning(
  chosen: ChosenVerdict,
  situation: Situation,
  s: ModelSignals | undefined,
  provider: ProviderHealth | undefined,
  now: Date,
): string {
  const action = chosen.verdict.action;
  if (!s || action === "monitor" || action === "ignore") return chosen.verdict.reasoning;
  if (chosen.source !== "classifier")
    return situation.modelCount > 1
      ? `${chosen.verdict.reasoning} (the LLM's reading of ${situation.modelCount} models; ${ownStreak(s)})`
      : chosen.verdict.reasoning;
  const health = provider ?? { state: "healthy", hasHealthyModels: situation.providerHasHealthyModels };
  const own = suggestForModel(situation, health, s, now);
  return own.action === action ? own.reasoning : chosen.verdict.reasoning;
}

/** One model's own failure, as its decision states it beside a reading of its whole situation. */
function ownStreak(s: ModelSignals): string {
  const since = s.streakStartedAt ? ` since ${s.streakStartedAt.toISOString()}` : "";
  const success = s.lastSuccessAt ? `last success ${s.lastSuccessAt.toISOString()}` : "no success on record";
  return `${s.model_id}: failing for ${s.failingForHours ?? 0} h${since}, ${success}`;
}

function overrideFor(
  action: OperatorAction,
  situation: Situation,
  s: ModelSignals | undefined,
  provider: ProviderHealth | undefined,
  now: Date,
): string | null {
  if (action === "enable") return "the operator run never enables a failing model; a human does";
  if (action === "set_settings") return "settings come from what the errors name, not from a verdict";
  if (action !== "disable" && action !== "deprecate" && action !== "rename") return null;
  if (classOf(situation.kind) !== "hard") return `${situation.kind} is not evidence about the model`;
  if (provider && (provider.state === "paused" || provider.state === "blocked")) {
    return `provider ${situation.provider} is ${provider.state}: its models are not demoted`;
  }
  if (s?.lastSuccessAt && now.getTime() - s.lastSuccessAt.getTime() < RECENT_SUCCESS_MS) {
    return `succeeded at ${s.lastSuccessAt.toISOString()}, within 48 h`;
  }
  if (s && !hardEvidenceHolds(s))
    return `failing for only ${s.failingForHours ?? 0} h; not yet evidence enough`;
  return null;
}
