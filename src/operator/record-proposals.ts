import type { DecisionDoc } from "../storage/decisions-repository.js";
import { openDecisionsByTarget, proposeManyOnce, type Proposal } from "../decisions/service.js";
import type { Evidence } from "../policy/evaluate.js";
import { SYSTEM_PRINCIPAL } from "../policy/principal.js";
import type { ModelSignals } from "../signals/read.js";
import { modelKey } from "../storage/signals-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { MODEL_ACTIONS } from "./actions.js";
import type { ModelProposal } from "./expand.js";
import { changeKey, personWordReason, personWords, stillHolds, type PersonWord } from "./person-word.js";
import type { Situation } from "./types.js";

/** A proposal to record, and what its decision counts as in the run record. */
interface Pending {
  proposal: Proposal;
  counter: (d: DecisionDoc) => string;
}

interface RecordContext {
  evidence: Evidence;
  runId: string;
  bump: (k: string, n?: number) => void;
  isOpen: (action: string, provider: string, modelId: string) => boolean;
  /** A person's rejection or revert of a change, by changeKey (person-word.ts). */
  words: ReadonlyMap<string, PersonWord>;
  now: Date;
}

/**
 * Turns proposals into decisions. Disables are per model, so approvals and caps work per model;
 * watch decisions are per situation. A proposal that repeats an open decision, or a watch
 * decision whose evidence has not changed, is not recorded again. A change of a model a person
 * rejected or reverted is not proposed again for a while, then waits for a person (person-word.ts).
 */
export async function recordProposals(
  repos: Repositories,
  proposals: ModelProposal[],
  situations: Situation[],
  signals: ModelSignals[],
  evidence: Evidence,
  runId: string,
  now: Date,
  bump: (k: string, n?: number) => void,
  standing: StandingReads,
): Promise<DecisionDoc[]> {
  // What is open and what people said were read once for the run (readStanding); one more read
  // for the pass: which watches were already recorded for these situations with this evidence.
  const isOpen = standing.isOpen;
  const watched = new Set(
    (
      await repos.decisions.find(
        { situation_id: situations.map((s) => s.id) },
        { fields: ["situation_id", "evidence_digest", "action"] },
      )
    ).map((d) => `${d.situation_id}\u0000${d.evidence_digest}\u0000${d.action}`),
  );
  const ctx: RecordContext = { evidence, runId, bump, isOpen, words: standing.words, now };
  const pending = [
    ...modelDecisions(proposals, ctx),
    ...watchDecisions(proposals, situations, watched, ctx),
    ...providerDeprecations(signals, ctx),
  ];
  const recorded = await proposeManyOnce(
    repos,
    pending.map((p) => p.proposal),
    SYSTEM_PRINCIPAL,
    evidence,
    now,
  );
  // A duplicate: another proposer recorded the same change pending since the read above.
  recorded.forEach((r, i) => bump(r.duplicate ? "already_open" : pending[i]!.counter(r.decision)));
  return recorded.filter((r) => !r.duplicate).map((r) => r.decision);
}

/** What a run reads once to know which proposals stand: the open decisions and people's words. */
export interface StandingReads {
  isOpen: (action: string, provider: string, modelId: string) => boolean;
  /** A person's rejection, revert or enable of a change, by changeKey (person-word.ts). */
  words: ReadonlyMap<string, PersonWord>;
}

export async function readStanding(repos: Repositories, now: Date): Promise<StandingReads> {
  const [open, words] = await Promise.all([openDecisionsByTarget(repos), personWords(repos, now)]);
  return {
    isOpen: (action, provider, modelId) =>
      (open.get(modelKey(provider, modelId)) ?? []).some((d) => d.action === action),
    words,
  };
}

/**
 * The model changes of `proposals` as a run records them (`modelDecisions` below): those a
 * person's word holds back are left out (`held`), and those already open are named apart
 * (`open`), so that a dry run says what the run would propose and neither run shows a held change
 * as the one a situation's model gets. Other proposals (watches) pass through.
 */
export function standingProposals(
  proposals: readonly ModelProposal[],
  reads: StandingReads,
  now: Date,
): { standing: ModelProposal[]; open: ModelProposal[]; held: ModelProposal[] } {
  const out = { standing: [] as ModelProposal[], open: [] as ModelProposal[], held: [] as ModelProposal[] };
  for (const p of proposals) {
    const model = MODEL_ACTIONS.has(p.action);
    const word = model ? reads.words.get(changeKey(p.action, p.provider, p.model_id)) : undefined;
    if (model && reads.isOpen(p.action, p.provider, p.model_id)) out.open.push(p);
    else if (word && stillHolds(word, now)) out.held.push(p);
    else out.standing.push(p);
  }
  return out;
}

function proposer(p: ModelProposal): DecisionDoc["proposed_by"] {
  return p.source === "llm"
    ? { kind: "llm", name: "operator-llm", model: p.model ?? "unknown" }
    : { kind: "classifier", name: "deterministic-classifier" };
}

/** Disables, deprecations, renames and settings changes, one decision per model, unless one is already open. */
function modelDecisions(proposals: ModelProposal[], ctx: RecordContext): Pending[] {
  const pending: Pending[] = [];
  for (const p of proposals.filter((p) => MODEL_ACTIONS.has(p.action))) {
    if (ctx.isOpen(p.action, p.provider, p.model_id)) {
      ctx.bump("already_open");
      continue;
    }
    const word = ctx.words.get(changeKey(p.action, p.provider, p.model_id));
    if (word && stillHolds(word, ctx.now)) {
      ctx.bump("held_by_person");
      continue;
    }
    pending.push({
      proposal: {
        action: p.action,
        targets: [{ provider: p.provider, model_id: p.model_id }],
        situationId: p.situation.id,
        evidence: {
          ...evidenceRecord(p.situation, ctx.evidence.signals?.get(`${p.provider}:${p.model_id}`)),
          ...(p.successor ? { rename_to: p.successor.to, successor: p.successor } : {}),
          ...(p.noSuccessor ? { successor: p.noSuccessor } : {}),
          ...(p.settings ? settingsEvidence(p.settings) : {}),
          ...(word ? { person_word: word } : {}),
        },
        confidence: p.confidence,
        reasoning: p.reasoning,
        proposer: proposer(p),
        runId: ctx.runId,
        evidenceDigest: p.situation.evidenceDigest,
        ...(word ? { waitFor: personWordReason(word) } : {}),
      },
      counter: (d) => `decision_${d.status}`,
    });
  }
  return pending;
}

/** Monitor/ignore, one decision per situation, unless recorded already with this evidence. */
function watchDecisions(
  proposals: ModelProposal[],
  situations: Situation[],
  watched: ReadonlySet<string>,
  ctx: RecordContext,
): Pending[] {
  const pending: Pending[] = [];
  for (const s of situations) {
    const watch = proposals.filter(
      (p) => p.situation.id === s.id && (p.action === "monitor" || p.action === "ignore"),
    );
    if (watch.length === 0) continue;
    const first = watch[0]!;
    if (watched.has(`${s.id}\u0000${s.evidenceDigest}\u0000${first.action}`)) {
      ctx.bump("unchanged_watch");
      continue;
    }
    pending.push({
      proposal: {
        action: first.action,
        targets: watch.map((p) => ({ provider: p.provider, model_id: p.model_id })),
        situationId: s.id,
        evidence: evidenceRecord(s, undefined),
        confidence: first.confidence,
        reasoning: watchReasoning(watch),
        proposer: proposer(first),
        runId: ctx.runId,
        evidenceDigest: s.evidenceDigest,
      },
      counter: (d) => `decision_${d.action}`,
    });
  }
  return pending;
}

/**
 * One watch decision covers every model of its situation that is watched, and each may be watched
 * for its own reason (a disable held back because this one succeeded at 09:00, that one failed
 * for only 3 h). One shared reason is the decision's; otherwise each reason names its models, so
 * that no model is shown another's evidence.
 */
export function watchReasoning(watch: readonly Pick<ModelProposal, "model_id" | "reasoning">[]): string {
  const byReason = new Map<string, string[]>();
  for (const p of watch) byReason.set(p.reasoning, [...(byReason.get(p.reasoning) ?? []), p.model_id]);
  if (byReason.size <= 1) return watch[0]?.reasoning ?? "";
  return [...byReason]
    .map(([reason, ids]) => `${ids.join(", ")}: ${reason}`)
    .join("; ")
    .slice(0, 1_000);
}

/** Models the provider itself flags deprecated while we still measure them: propose deprecating. */
function providerDeprecations(signals: ModelSignals[], ctx: RecordContext): Pending[] {
  const pending: Pending[] = [];
  for (const m of signals.filter((m) => m.catalog.enabled && m.catalog.deprecated)) {
    if (ctx.isOpen("deprecate", m.provider, m.model_id)) continue;
    const word = ctx.words.get(changeKey("deprecate", m.provider, m.model_id));
    if (word && stillHolds(word, ctx.now)) {
      ctx.bump("held_by_person");
      continue;
    }
    pending.push({
      proposal: {
        action: "deprecate",
        targets: [{ provider: m.provider, model_id: m.model_id }],
        evidence: { deprecated_by_provider: true, ...(word ? { person_word: word } : {}) },
        confidence: 0.95,
        reasoning: "the provider flags this model deprecated; stop measuring it and keep its history",
        proposer: { kind: "fast_pass", name: "fast-pass" },
        runId: ctx.runId,
        ...(word ? { waitFor: personWordReason(word) } : {}),
      },
      counter: (d: DecisionDoc) => `fast_pass_deprecate_${d.status}`,
    });
  }
  return pending;
}

/** What a set_settings decision writes (`settings`, read by its execution) and why. */
function settingsEvidence(fix: NonNullable<ModelProposal["settings"]>): Record<string, unknown> {
  return {
    settings: fix.settings,
    settings_reasons: fix.reasons,
    ...(fix.profileSource ? { profile_source: fix.profileSource } : {}),
  };
}

function evidenceRecord(s: Situation, m: ModelSignals | undefined): Record<string, unknown> {
  return {
    kind: s.kind,
    fingerprint: s.fingerprint,
    situation_started_at: s.startedAt,
    provider_has_healthy_models: s.providerHasHealthyModels,
    ...(m
      ? {
          failing_for_hours: m.failingForHours,
          consecutive_failures: m.consecutiveFailures,
          last_success_at: m.lastSuccessAt,
          last_error_at: m.lastError?.at ?? null,
        }
      : { models: s.modelCount }),
  };
}
