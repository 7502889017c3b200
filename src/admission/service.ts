import { loadCatalogIndex } from "../catalog/service.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import { executeApproved, propose } from "../decisions/service.js";
import type { Deps } from "../deps.js";
import { applyBatch, type ChangeRequest } from "../mutations/mutate.js";
import type { Principal } from "../policy/principal.js";
import type { OperatorLlmBackend } from "../providers/llm/backend.js";
import { createOperatorLlmChain } from "../providers/llm/index.js";
import type { WorkContext, WorkResult } from "../scheduled-work.js";
import type { ProbeRunDoc } from "../storage/probe-runs-repository.js";
import { selectCandidates, candidateChange } from "./candidates.js";
import { ADMISSION_ACTOR, keyOf, planEvaluation } from "./evaluate.js";
import { admissionStart } from "./evidence.js";
import { matchCatalog } from "./matching.js";
import { planRetirement, type MassDisappearance } from "./retirement.js";

const DAY_MS = 86_400_000;
/** How far back a pass reads probe runs besides the candidates' own admission starts (guess checks). */
const PROBE_LOOKBACK_MS = 14 * DAY_MS;

/**
 * The admission pass acts as the system: it proposes, and the policy decides what may run
 * without a human. Promotions are authority-gated unless the policy's `auto_promote` allows them.
 */
export const ADMISSION_PRINCIPAL: Principal = { name: "admission", role: "operator", kind: "system" };
const PROPOSER = { kind: "fast_pass" as const, name: "admission" };

export interface AdmissionPassOptions {
  runId: string;
  /** The operator LLM chain for matching; empty: matching uses the rules only. */
  chain: readonly OperatorLlmBackend[];
  /** Compute and report what the pass would do; no writes, no LLM call. */
  dryRun?: boolean;
  /** Called before every write phase: a run that lost its lease stops there. */
  assertLease?: () => Promise<void>;
}

type Target = { provider: string; model_id: string };

export interface AdmissionPassReport {
  at: Date;
  dryRun: boolean;
  killSwitch: boolean;
  counts: Record<string, number>;
  summary: string;
  newCandidates: (Target & { source: string })[];
  promotions: (Target & { reason: string; decision_id: string | null; status: string })[];
  rejections: (Target & { kind: string; reason: string })[];
  rechecks: Target[];
  retirements: (Target & { decision_id: string | null; status: string })[];
  massDisappearances: MassDisappearance[];
  notEvaluable: { provider: string; reason: string }[];
  batches: string[];
  problems: string[];
  costUsd: number;
}

/**
 * One admission pass (issue 6 parts 6, 7 and 3): judge probing candidates (promote, reject,
 * duplicate spelling), send rejected candidates whose recheck date came back to probing,
 * register new candidates from the catalog, propose deprecating fleet models absent from three
 * complete reads, and match OpenRouter entries to direct-provider ids. Every `models` change is
 * an audited, revertible mutation batch; promotions and deprecations are decisions under the
 * policy. The kill switch stops every write and paid call; the report says what would happen.
 */
export async function runAdmissionPass(deps: Deps, opts: AdmissionPassOptions): Promise<AdmissionPassReport> {
  const { repos, config } = deps;
  const now = deps.clock();
  const { policy } = await repos.policies.current();
  const write = !opts.dryRun && !policy.kill_switch;
  const lease = opts.assertLease ?? (async () => {});
  const report: AdmissionPassReport = {
    at: now,
    dryRun: opts.dryRun === true,
    killSwitch: policy.kill_switch,
    counts: {},
    summary: "",
    newCandidates: [],
    promotions: [],
    rejections: [],
    rechecks: [],
    retirements: [],
    massDisappearances: [],
    notEvaluable: [],
    batches: [],
    problems: [],
    costUsd: 0,
  };

  // One read of each collection, filtered in memory (FerretDB pushes down only _id filters).
  const fleet = await repos.models.find();
  const probing = fleet.filter((m) => m.status === "probing");
  const oldestStart = Math.min(
    now.getTime() - PROBE_LOOKBACK_MS,
    ...probing.map((m) => admissionStart(m, now).getTime()),
  );
  const probes = await repos.probeRuns.since(new Date(oldestStart));
  const probesByModel = new Map<string, ProbeRunDoc[]>();
  for (const p of probes) probesByModel.set(keyOf(p), [...(probesByModel.get(keyOf(p)) ?? []), p]);
  const promoteDecisions = await repos.decisions.find({ action: "promote" });
  const openPromotions = new Set(
    promoteDecisions
      .filter((d) => d.status === "pending" || d.status === "approved")
      .flatMap((d) => d.targets.map(keyOf)),
  );
  const declined = new Map<string, Date>();
  for (const d of promoteDecisions) {
    if (d.status !== "rejected" || (d.rejected_by ?? "").startsWith("policy:")) continue;
    for (const t of d.targets) declined.set(keyOf(t), d.created_at);
  }

  // 1. Evaluate candidates and find due rechecks.
  const plan = planEvaluation({
    fleet,
    probes: probesByModel,
    openPromotions,
    declined,
    rules: config.admission,
    policy,
    now,
  });
  report.rejections = plan.rejections.map((r) => ({ ...target(r.model), kind: r.kind, reason: r.reason }));
  report.rechecks = plan.rechecks.map(target);
  const evaluationChanges: ChangeRequest[] = [...plan.rejections.map((r) => r.change), ...plan.rechecks];
  if (write && evaluationChanges.length > 0) {
    await lease();
    const batch = await applyBatch(
      repos,
      {
        actor: ADMISSION_ACTOR,
        reason: `admission: ${plan.rejections.length} rejection(s), ${plan.rechecks.length} recheck(s) back to probing`,
        changes: evaluationChanges,
      },
      now,
    );
    report.batches.push(batch._id);
    for (const c of batch.changes.filter((c) => c.status === "failed"))
      report.problems.push(`${c.provider}:${c.model_id}: ${c.error ?? "failed"}`);
  }

  // 2. Promotions: one decision each, under the policy.
  const index = await loadCatalogIndex(repos, now);
  const prices = new Map(
    index.entries
      .filter((e) => e.origin === "provider_catalog")
      .map((e) => [`${e.provider}:${e.modelId}`, e.facts.outputPricePerMillion?.value ?? null]),
  );
  const dayStart = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  let promotedToday = promoteDecisions.filter(
    (d) => d.approval_channel === "policy" && d.approved_at !== undefined && d.approved_at >= dayStart,
  ).length;
  const approved: DecisionDoc[] = [];
  for (const p of plan.promotions.slice(0, policy.caps.per_pass)) {
    const t = target(p.model);
    if (!write) {
      report.promotions.push({ ...t, reason: p.reason, decision_id: null, status: "would propose" });
      continue;
    }
    await lease();
    const decision = await propose(
      repos,
      {
        action: "promote",
        targets: [t],
        evidence: { admission: p.evidence, window_hours: config.admission.windowHours },
        confidence: 0.9,
        reasoning: `admission probes passed: ${p.reason}`,
        proposer: PROPOSER,
      },
      ADMISSION_PRINCIPAL,
      {
        now,
        promotion: {
          promotedToday,
          outputPricePerMillion: new Map([
            [`${t.provider}:${t.model_id}`, prices.get(`${t.provider}:${t.model_id}`) ?? null],
          ]),
        },
      },
      now,
    );
    if (decision.status === "approved") {
      approved.push(decision);
      promotedToday++;
    }
    report.promotions.push({ ...t, reason: p.reason, decision_id: decision._id, status: decision.status });
  }
  await executeAll(deps, approved, report, now, policy.caps);

  // 3. New candidates from the catalog and from confident guesses.
  const openrouter = await repos.openrouterCatalog.find();
  const ledgerProviders = new Set((await repos.discoveryRuns.providers()).filter((p) => p !== "openrouter"));
  const selection = selectCandidates({
    index,
    fleet,
    openrouter,
    policy,
    maxPerPass: config.admission.maxPerPass,
    matchMinConfidence: config.admission.matchMinConfidence,
    providers: ledgerProviders,
  });
  report.newCandidates = selection.chosen.map((c) => ({
    provider: c.provider,
    model_id: c.model_id,
    source: c.source,
  }));
  if (write && selection.chosen.length > 0) {
    await lease();
    const batch = await applyBatch(
      repos,
      {
        actor: ADMISSION_ACTOR,
        reason: `admission: ${selection.chosen.length} new candidate(s) to probe before promotion`,
        changes: selection.chosen.map((c) => candidateChange(c, now)),
      },
      now,
    );
    report.batches.push(batch._id);
  }

  // 4. Retirement on evidence.
  const retirement = await planRetirement(repos, fleet, policy, {
    maxPerProvider: config.admission.retireMaxPerProvider,
    maxFraction: config.admission.retireMaxFraction,
  });
  report.massDisappearances = retirement.mass;
  report.notEvaluable = retirement.notEvaluable;
  const retireApproved: DecisionDoc[] = [];
  for (const r of retirement.proposals) {
    const t = { provider: r.provider, model_id: r.model_id };
    if (!write) {
      report.retirements.push({ ...t, decision_id: null, status: "would propose" });
      continue;
    }
    await lease();
    const decision = await propose(
      repos,
      {
        action: "deprecate",
        targets: [t],
        evidence: {
          absent_from_complete_reads: r.reads.map((x) => ({
            id: x.id,
            finished_at: x.finished_at,
            models: x.model_count,
          })),
        },
        confidence: 0.8,
        reasoning: `missing from the last ${r.reads.length} complete catalog reads of ${r.provider}`,
        proposer: PROPOSER,
        evidenceDigest: r.digest,
      },
      ADMISSION_PRINCIPAL,
      { now },
      now,
    );
    if (decision.status === "approved") retireApproved.push(decision);
    report.retirements.push({ ...t, decision_id: decision._id, status: decision.status });
  }
  await executeAll(deps, retireApproved, report, now, policy.caps);

  // 5. Matching OpenRouter entries to direct-provider ids.
  const matching = await matchCatalog(
    { openrouter, providerRows: await repos.providerCatalog.find(), fleet, index, probes },
    {
      config,
      chain: write ? opts.chain : [],
      spend: repos.spend,
      now,
      runId: opts.runId,
      providers: [...ledgerProviders].sort(),
      dryRun: !write,
    },
  );
  report.costUsd = matching.costUsd;
  report.problems.push(...matching.problems);
  if (write && matching.updates.length > 0) {
    await lease();
    await repos.openrouterCatalog.setMatches(matching.updates);
  }

  report.counts = {
    candidates_probing: probing.length,
    new_candidates: report.newCandidates.length,
    candidates_deferred: selection.deferred,
    promotions_proposed: report.promotions.length,
    promotions_pending: report.promotions.filter((p) => p.status === "pending").length,
    promotions_executed: report.promotions.filter((p) => p.status === "executed").length,
    awaiting_approval: plan.awaitingApproval,
    waiting_for_probes: plan.waiting,
    rejected: report.rejections.length,
    duplicates_rejected: report.rejections.filter((r) => r.kind === "duplicate_spelling").length,
    rechecks: report.rechecks.length,
    evaluation_deferred: plan.deferred,
    retire_proposed: report.retirements.length,
    retire_already_open: retirement.alreadyProposed,
    retire_held: retirement.mass.reduce((n, m) => n + m.held, 0) + retirement.deferred,
    mass_disappearances: retirement.mass.length,
    matched_by_rules: matching.ruleMatched,
    matched_by_llm: matching.llmMatched,
    llm_no_match: matching.llmNoMatch,
    guesses_verified: matching.verified,
    llm_calls: matching.calls,
  };
  report.summary = summarize(report);
  if (!opts.dryRun) {
    await lease();
    await repos.admissionPasses.insert({
      run_id: opts.runId,
      at: now,
      counts: report.counts,
      mass_disappearances: report.massDisappearances,
      problems: report.problems.slice(0, 20),
      summary: report.summary,
    });
  }
  return report;
}

/** Executes what the policy approved, within its caps; the rest stays approved for the next pass. */
async function executeAll(
  deps: Deps,
  decisions: DecisionDoc[],
  report: AdmissionPassReport,
  now: Date,
  caps: { per_pass: number; per_provider: number },
): Promise<void> {
  if (decisions.length === 0) return;
  const done = await executeApproved(deps.repos, decisions, ADMISSION_ACTOR, now, {
    total: caps.per_pass,
    perProvider: caps.per_provider,
  });
  report.batches.push(...done.batches.map((b) => b._id));
  for (const d of done.executed) {
    for (const row of [...report.promotions, ...report.retirements])
      if (row.decision_id === d._id) row.status = d.status;
  }
}

function target(m: Target): Target {
  return { provider: m.provider, model_id: m.model_id };
}

function summarize(r: AdmissionPassReport): string {
  const c = r.counts;
  const parts = [
    `${c["new_candidates"]} new candidate(s)`,
    `${c["promotions_proposed"]} promotion(s) (${c["promotions_pending"]} pending approval)`,
    `${c["rejected"]} rejected (${c["duplicates_rejected"]} duplicate spellings)`,
    `${c["rechecks"]} back to probing`,
    `${c["retire_proposed"]} deprecation(s) proposed`,
    `${c["matched_by_rules"]} + ${c["matched_by_llm"]} catalog matches (rules + LLM)`,
  ];
  const mass = r.massDisappearances.map((m) => m.reason);
  const prefix = r.killSwitch ? "kill switch on, nothing written: " : r.dryRun ? "dry run: " : "";
  return `${prefix}${parts.join("; ")}${mass.length > 0 ? `. ${mass.join(". ")}` : ""}`;
}

/**
 * The work of `admission-retirement`: one pass per tick (see src/jobs/wiring.ts). `chain` is the
 * job services' operator chain when one is injected (tests); otherwise built from OPERATOR_LLM.
 */
export function admissionService(
  deps: Deps,
): (ctx: WorkContext, chain?: readonly OperatorLlmBackend[]) => Promise<WorkResult> {
  return async (ctx, injected) => {
    const chain = injected ?? createOperatorLlmChain(deps.config);
    const report = await runAdmissionPass(deps, {
      runId: ctx.runId,
      chain,
      assertLease: () => ctx.assertLease(),
    });
    return { counts: report.counts, costUsd: report.costUsd, summary: report.summary.slice(0, 1_000) };
  };
}
