import type { CatalogIndex } from "../catalog/catalog-index.js";
import { applyBookkeeping } from "../decisions/bookkeeping.js";
import { executeApproved, propose } from "../decisions/service.js";
import type { Deps } from "../deps.js";
import type { ChangeRequest } from "../mutations/mutate.js";
import type { Policy } from "../policy/policy.js";
import type { Principal } from "../policy/principal.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import type { ModelDoc } from "../storage/documents.js";
import type { ProbeRunDoc } from "../storage/probe-runs-repository.js";
import {
  changeKey,
  personWordReason,
  personWords,
  stillHolds,
  type PersonWord,
} from "../operator/person-word.js";
import { candidateChange, selectCandidates, type CandidateSelection } from "./candidates.js";
import { ADMISSION_ACTOR, keyOf, planEvaluation, type EvaluationPlan } from "./evaluate.js";
import { admissionStart } from "./evidence.js";
import { target, type AdmissionPassReport } from "./pass-report.js";
import { planRetirement, type RetirementPlan } from "./retirement.js";

/** The steps of one admission pass (service.ts runs them in order); each fills the report. */

const DAY_MS = 86_400_000;
/** How far back a pass reads probe runs besides the candidates' own admission starts (guess checks). */
const PROBE_LOOKBACK_MS = 14 * DAY_MS;

/**
 * The admission pass acts as the system: it proposes, and the policy decides what may run
 * without a human. Promotions are authority-gated unless the policy's `auto_promote` allows them.
 */
export const ADMISSION_PRINCIPAL: Principal = { name: "admission", role: "operator", kind: "system" };
const PROPOSER = { kind: "fast_pass" as const, name: "admission" };

export interface PassContext {
  deps: Deps;
  now: Date;
  policy: Policy;
  /** False on a dry run or with the kill switch on: nothing is written, no LLM is called. */
  write: boolean;
  lease: () => Promise<void>;
  report: AdmissionPassReport;
}

/** What the pass reads once, filtered in memory (FerretDB pushes down only _id filters). */
export interface PassState {
  fleet: ModelDoc[];
  probing: ModelDoc[];
  probes: ProbeRunDoc[];
  probesByModel: Map<string, ProbeRunDoc[]>;
  promoteDecisions: DecisionDoc[];
}

export async function readState(ctx: PassContext): Promise<PassState> {
  const { repos } = ctx.deps;
  const fleet = await repos.models.find();
  const probing = fleet.filter((m) => m.status === "probing");
  const oldestStart = Math.min(
    ctx.now.getTime() - PROBE_LOOKBACK_MS,
    ...probing.map((m) => admissionStart(m, ctx.now).getTime()),
  );
  const probes = await repos.probeRuns.since(new Date(oldestStart));
  const probesByModel = new Map<string, ProbeRunDoc[]>();
  for (const p of probes) probesByModel.set(keyOf(p), [...(probesByModel.get(keyOf(p)) ?? []), p]);
  const promoteDecisions = await repos.decisions.find({ action: "promote" });
  return { fleet, probing, probes, probesByModel, promoteDecisions };
}

/** 1. Judge candidates and find due rechecks; rejections and rechecks are one bookkeeping batch. */
export async function evaluateCandidates(ctx: PassContext, state: PassState): Promise<EvaluationPlan> {
  const openPromotions = new Set(
    state.promoteDecisions
      .filter((d) => d.status === "pending" || d.status === "approved")
      .flatMap((d) => d.targets.map(keyOf)),
  );
  const declined = new Map<string, Date>();
  for (const d of state.promoteDecisions) {
    if (d.status !== "rejected" || (d.rejected_by ?? "").startsWith("policy:")) continue;
    for (const t of d.targets) declined.set(keyOf(t), d.created_at);
  }
  const plan = planEvaluation({
    fleet: state.fleet,
    probes: state.probesByModel,
    openPromotions,
    declined,
    rules: ctx.deps.config.admission,
    policy: ctx.policy,
    now: ctx.now,
  });
  const { report } = ctx;
  report.rejections = plan.rejections.map((r) => ({ ...target(r.model), kind: r.kind, reason: r.reason }));
  report.rechecks = plan.rechecks.map(target);
  const changes: ChangeRequest[] = [...plan.rejections.map((r) => r.change), ...plan.rechecks];
  if (ctx.write && changes.length > 0) {
    await ctx.lease();
    const reason = `admission: ${plan.rejections.length} rejection(s), ${plan.rechecks.length} recheck(s) back to probing`;
    const batch = await applyBookkeeping(
      ctx.deps.repos,
      { actor: ADMISSION_ACTOR, reason, changes },
      ctx.now,
    );
    report.batches.push(batch._id);
    for (const c of batch.changes.filter((c) => c.status === "failed"))
      report.problems.push(`${c.provider}:${c.model_id}: ${c.error ?? "failed"}`);
  }
  return plan;
}

/** 2. Promotions: one decision each, under the policy; what it approves executes within its caps. */
export async function promote(
  ctx: PassContext,
  state: PassState,
  plan: EvaluationPlan,
  index: CatalogIndex,
): Promise<void> {
  const prices = new Map(
    index.entries
      .filter((e) => e.origin === "provider_catalog")
      .map((e) => [`${e.provider}:${e.modelId}`, e.facts.outputPricePerMillion?.value ?? null]),
  );
  const dayStart = new Date(Math.floor(ctx.now.getTime() / DAY_MS) * DAY_MS);
  let promotedToday = state.promoteDecisions.filter(
    (d) => d.approval_channel === "policy" && d.approved_at !== undefined && d.approved_at >= dayStart,
  ).length;
  const approved: DecisionDoc[] = [];
  for (const p of plan.promotions.slice(0, ctx.policy.caps.per_pass)) {
    const t = target(p.model);
    if (!ctx.write) {
      ctx.report.promotions.push({ ...t, reason: p.reason, decision_id: null, status: "would propose" });
      continue;
    }
    await ctx.lease();
    const id = `${t.provider}:${t.model_id}`;
    const evidence = {
      now: ctx.now,
      promotion: { promotedToday, outputPricePerMillion: new Map([[id, prices.get(id) ?? null]]) },
    };
    const proposal = {
      action: "promote" as const,
      targets: [t],
      evidence: { admission: p.evidence, window_hours: ctx.deps.config.admission.windowHours },
      confidence: 0.9,
      reasoning: `admission probes passed: ${p.reason}`,
      proposer: PROPOSER,
    };
    const decision = await propose(ctx.deps.repos, proposal, ADMISSION_PRINCIPAL, evidence, ctx.now);
    if (decision.status === "approved") {
      approved.push(decision);
      promotedToday++;
    }
    ctx.report.promotions.push({
      ...t,
      reason: p.reason,
      decision_id: decision._id,
      status: decision.status,
    });
  }
  await executeAll(ctx, approved);
}

/** 3. New candidates from the catalog and from confident guesses, added disabled for probing. */
export async function addCandidates(
  ctx: PassContext,
  state: PassState,
  input: Omit<
    Parameters<typeof selectCandidates>[0],
    "fleet" | "policy" | "maxPerPass" | "matchMinConfidence"
  >,
): Promise<CandidateSelection> {
  const { config, repos } = ctx.deps;
  const selection = selectCandidates({
    ...input,
    fleet: state.fleet,
    policy: ctx.policy,
    maxPerPass: config.admission.maxPerPass,
    matchMinConfidence: config.admission.matchMinConfidence,
  });
  ctx.report.newCandidates = selection.chosen.map((c) => ({
    provider: c.provider,
    model_id: c.model_id,
    source: c.source,
  }));
  if (ctx.write && selection.chosen.length > 0) {
    await ctx.lease();
    const reason = `admission: ${selection.chosen.length} new candidate(s) to probe before promotion`;
    const changes = selection.chosen.map((c) => candidateChange(c, ctx.now));
    const batch = await applyBookkeeping(repos, { actor: ADMISSION_ACTOR, reason, changes }, ctx.now);
    ctx.report.batches.push(batch._id);
  }
  return selection;
}

/** 4. Retirement on evidence: a deprecate decision per model absent from complete reads. */
export async function retire(ctx: PassContext, state: PassState): Promise<RetirementPlan> {
  const { config, repos } = ctx.deps;
  const retirement = await planRetirement(repos, state.fleet, ctx.policy, {
    maxPerProvider: config.admission.retireMaxPerProvider,
    maxFraction: config.admission.retireMaxFraction,
  });
  ctx.report.massDisappearances = retirement.mass;
  ctx.report.notEvaluable = retirement.notEvaluable;
  const approved: DecisionDoc[] = [];
  const words =
    retirement.proposals.length > 0 ? await personWords(repos, ctx.now) : new Map<string, PersonWord>();
  for (const r of retirement.proposals) {
    const t = { provider: r.provider, model_id: r.model_id };
    // A person who rejected or undid this model's deprecation: not again for a week, then only for a person.
    const word = words.get(changeKey("deprecate", r.provider, r.model_id));
    if (word && stillHolds(word, ctx.now)) {
      const status = `held: ${word.by} ${word.how} its deprecation on ${word.at.toISOString().slice(0, 10)} (${word.decision_id})`;
      ctx.report.retirements.push({ ...t, decision_id: null, status });
      continue;
    }
    if (!ctx.write) {
      ctx.report.retirements.push({ ...t, decision_id: null, status: "would propose" });
      continue;
    }
    await ctx.lease();
    const reads = r.reads.map((x) => ({ id: x.id, finished_at: x.finished_at, models: x.model_count }));
    const proposal = {
      action: "deprecate" as const,
      targets: [t],
      evidence: { absent_from_complete_reads: reads, ...(word ? { person_word: word } : {}) },
      confidence: 0.8,
      reasoning: `missing from the last ${r.reads.length} complete catalog reads of ${r.provider}`,
      proposer: PROPOSER,
      evidenceDigest: r.digest,
      ...(word ? { waitFor: personWordReason(word) } : {}),
    };
    const decision = await propose(repos, proposal, ADMISSION_PRINCIPAL, { now: ctx.now }, ctx.now);
    if (decision.status === "approved") approved.push(decision);
    ctx.report.retirements.push({ ...t, decision_id: decision._id, status: decision.status });
  }
  await executeAll(ctx, approved);
  return retirement;
}

/** Executes what the policy approved, within its caps; the rest stays approved for the next pass. */
async function executeAll(ctx: PassContext, decisions: DecisionDoc[]): Promise<void> {
  if (decisions.length === 0) return;
  const done = await executeApproved(ctx.deps.repos, decisions, ADMISSION_ACTOR, ctx.now, {
    total: ctx.policy.caps.per_pass,
    perProvider: ctx.policy.caps.per_provider,
  });
  ctx.report.batches.push(...done.batches.map((b) => b._id));
  for (const d of done.executed) {
    for (const row of [...ctx.report.promotions, ...ctx.report.retirements])
      if (row.decision_id === d._id) row.status = d.status;
  }
}
