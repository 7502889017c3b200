import { loadCatalogIndex } from "../catalog/service.js";
import type { Deps } from "../deps.js";
import type { OperatorLlmBackend } from "../providers/llm/backend.js";
import { createOperatorLlmChain } from "../providers/llm/index.js";
import type { WorkContext, WorkResult } from "../scheduled-work.js";
import type { CandidateSelection } from "./candidates.js";
import type { EvaluationPlan } from "./evaluate.js";
import { matchCatalog, type MatchingResult } from "./matching.js";
import { emptyReport, summarize, type AdmissionPassReport } from "./pass-report.js";
import {
  addCandidates,
  evaluateCandidates,
  promote,
  readState,
  retire,
  type PassContext,
  type PassState,
} from "./pass-steps.js";
import { rejectRefutedCandidates, refutedGuessIds } from "./refuted-candidates.js";
import type { RetirementPlan } from "./retirement.js";

export { ADMISSION_PRINCIPAL } from "./pass-steps.js";
export type { AdmissionPassReport } from "./pass-report.js";

export interface AdmissionPassOptions {
  runId: string;
  /** The operator LLM chain for matching; empty: matching uses the rules only. */
  chain: readonly OperatorLlmBackend[];
  /** Compute and report what the pass would do; no writes, no LLM call. */
  dryRun?: boolean;
  /** Called before every write phase: a run that lost its lease stops there. */
  assertLease?: () => Promise<void>;
}

/**
 * One admission pass (issue 6 parts 6, 7 and 3): judge probing candidates (promote, reject,
 * duplicate spelling), send rejected candidates whose recheck date came back to probing,
 * register new candidates from the catalog, propose deprecating fleet models absent from three
 * complete reads, and match OpenRouter entries to direct-provider ids. Every `models` change is
 * an audited, revertible mutation batch; promotions and deprecations are decisions under the
 * policy, the candidates' lifecycle is bookkeeping (src/decisions/bookkeeping.ts). The kill switch
 * stops every write and paid call; the report says what would happen.
 */
export async function runAdmissionPass(deps: Deps, opts: AdmissionPassOptions): Promise<AdmissionPassReport> {
  const { repos } = deps;
  const now = deps.clock();
  const { policy } = await repos.policies.current();
  const ctx: PassContext = {
    deps,
    now,
    policy,
    write: !opts.dryRun && !policy.kill_switch,
    lease: opts.assertLease ?? (async () => {}),
    report: emptyReport(now, opts.dryRun === true, policy.kill_switch),
  };
  const state = await readState(ctx);
  const plan = await evaluateCandidates(ctx, state);
  const index = await loadCatalogIndex(repos, now);
  await promote(ctx, state, plan, index);
  const openrouter = await repos.openrouterCatalog.find();
  const providers = new Set((await repos.discoveryRuns.providers()).filter((p) => p !== "openrouter"));
  const selection = await addCandidates(ctx, state, { index, openrouter, providers });
  const retirement = await retire(ctx, state);
  const matching = await matchCatalog(
    {
      openrouter,
      providerRows: await repos.providerCatalog.find(),
      fleet: state.fleet,
      index,
      probes: state.probes,
    },
    {
      config: deps.config,
      chain: ctx.write ? opts.chain : [],
      spend: repos.spend,
      policies: repos.policies,
      now,
      runId: opts.runId,
      providers: [...providers].sort(),
      dryRun: !ctx.write,
      bounds: {
        maxGuesses: deps.config.admission.matchMaxGuesses,
        maxUsd: deps.config.admission.matchMaxGuessUsd,
      },
    },
  );
  const { report } = ctx;
  report.costUsd = matching.costUsd;
  report.problems.push(...matching.problems);
  if (ctx.write && matching.updates.length > 0) {
    await ctx.lease();
    await repos.openrouterCatalog.setMatches(matching.updates);
  }
  // A refuted guess's candidate is rejected in the pass that refutes it, not after another probe.
  await rejectRefutedCandidates(ctx, state, plan, refutedGuessIds(openrouter, matching.updates));
  report.counts = passCounts(report, state, plan, selection, retirement, matching);
  report.summary = summarize(report);
  if (!opts.dryRun) {
    await ctx.lease();
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

function passCounts(
  report: AdmissionPassReport,
  state: PassState,
  plan: EvaluationPlan,
  selection: CandidateSelection,
  retirement: RetirementPlan,
  matching: MatchingResult,
): Record<string, number> {
  return {
    candidates_probing: state.probing.length,
    new_candidates: report.newCandidates.length,
    candidates_deferred: selection.deferred,
    promotions_proposed: report.promotions.length,
    promotions_pending: report.promotions.filter((p) => p.status === "pending").length,
    promotions_executed: report.promotions.filter((p) => p.status === "executed").length,
    awaiting_approval: plan.awaitingApproval,
    waiting_for_probes: plan.waiting,
    rejected: report.rejections.length,
    duplicates_rejected: report.rejections.filter((r) => r.kind === "duplicate_spelling").length,
    refuted_guesses_rejected: report.rejections.filter((r) => r.kind === "refuted_guess").length,
    rechecks: report.rechecks.length,
    evaluation_deferred: plan.deferred,
    retire_proposed: report.retirements.filter((r) => !r.status.startsWith("held:")).length,
    retire_held_by_person: report.retirements.filter((r) => r.status.startsWith("held:")).length,
    retire_already_open: retirement.alreadyProposed,
    retire_added_since_reads: retirement.addedSinceReads,
    retire_held: retirement.mass.reduce((n, m) => n + m.held, 0) + retirement.deferred,
    mass_disappearances: retirement.mass.length,
    matched_by_rules: matching.ruleMatched,
    matched_by_llm: matching.llmMatched,
    llm_no_match: matching.llmNoMatch,
    guesses_verified: matching.verified,
    guesses_refuted: matching.refuted,
    guesses_exhausted: matching.exhausted,
    llm_calls: matching.calls,
  };
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
