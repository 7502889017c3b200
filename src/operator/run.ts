import { randomBytes } from "node:crypto";
import type { Config } from "../config/config.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import { executeApproved, expirePending } from "../decisions/service.js";
import { recoverInterrupted } from "../decisions/recover.js";
import { asDatabaseUnavailable } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Evidence, ProviderHealth } from "../policy/evaluate.js";
import { SYSTEM_PRINCIPAL } from "../policy/principal.js";
import type { OperatorLlmBackend } from "../providers/llm/backend.js";
import { backfillSignals } from "../signals/backfill.js";
import type { Repositories } from "../storage/repositories.js";
import { expandVerdicts, type ChosenVerdict, type ModelProposal } from "./expand.js";
import type { OperatorRunDoc } from "../storage/operator-state-repository.js";
import { readFleetState } from "./fleet-state.js";
import type { ProviderAssessment } from "./provider-state.js";
import type { Situation } from "./types.js";
import { classOf } from "../taxonomy/kinds.js";
import { decide } from "./decide.js";
import type { LlmDecisionResult } from "./llm-decision.js";
import { readStanding, recordProposals, standingProposals } from "./record-proposals.js";
import { withRenames } from "./renames.js";
import { preferSettingsFixes } from "./settings-pass.js";
import { createTally, runRecord, startedRecord, type Tally } from "./run-record.js";

/**
 * One operator run (DESIGN section 7): catch up the signals, fast pass, situations, one LLM
 * call, expansion with deterministic overrides, the policy, execution through the mutation path
 * under the caps, pending decisions for the rest, and one immutable run record. A dry run
 * computes the same and writes nothing at all (it does not call the LLM either: a call is spend,
 * and spend is always recorded), unless it is asked to show the LLM's verdicts: then its one call
 * is charged and written to the spend ledger, and nothing else.
 */

export interface OperatorDeps {
  repos: Repositories;
  config: Config;
  logger: Logger;
  chain: readonly OperatorLlmBackend[];
}

export interface OperatorRunOptions {
  dryRun?: boolean;
  /** With `dryRun`: ask the LLM anyway (one call, charged and recorded in the spend ledger). */
  askLlm?: boolean;
  provider?: string;
  now?: Date;
  /**
   * The scheduled job's fencing check: called after the LLM's answer (the long wait) and before
   * executing, so a run that lost its lease meanwhile writes no decisions and changes nothing.
   */
  assertLease?: () => Promise<void>;
  /** Called as each phase starts, and once at the end, with the counts so far (the CLI shows them). */
  onProgress?: (e: OperatorProgress) => void;
}

/** The phases of a run in order; a dry run skips backfill, record and execute. */
export type OperatorPhase = "backfill" | "fleet" | "decide" | "record" | "execute" | "done";

export interface OperatorProgress {
  phase: OperatorPhase;
  /** The run's counts so far (a copy): what the run record will hold. */
  counts: Readonly<Record<string, number>>;
}

export interface OperatorRunResult {
  run: OperatorRunDoc;
  situations: Situation[];
  /** What each situation's models get: the proposals without the changes a person's word holds back. */
  proposals: ModelProposal[];
  /** Those of `proposals` already open as a decision: a run proposes them no more (a dry run's `already_open`). */
  alreadyOpen: ModelProposal[];
  decisions: DecisionDoc[];
  /** The LLM's verdicts by situation id (fresh or cached): what it decided, before the policy. */
  verdicts: Map<string, ChosenVerdict>;
}

/** What a run lost in each phase has and has not done (for the one-line outage message). */
const DONE_BY_PHASE: Record<OperatorPhase, string> = {
  backfill: "no decision was recorded and nothing executed",
  fleet: "no decision was recorded and nothing executed",
  decide: "no decision was recorded and nothing executed",
  record: "decisions may be partly recorded, nothing executed",
  execute: "decisions were recorded and execution had begun",
  done: "everything was done but the run record",
};

export async function runOperator(
  deps: OperatorDeps,
  opts: OperatorRunOptions = {},
): Promise<OperatorRunResult> {
  let phase: OperatorPhase = "backfill";
  const onProgress = (e: OperatorProgress): void => {
    phase = e.phase;
    opts.onProgress?.(e);
  };
  try {
    return await runPhases(deps, { ...opts, onProgress });
  } catch (e) {
    throw asDatabaseUnavailable(e, `the operator run (${phase} phase: ${DONE_BY_PHASE[phase]})`);
  }
}

async function runPhases(deps: OperatorDeps, opts: OperatorRunOptions): Promise<OperatorRunResult> {
  const { repos } = deps;
  const now = opts.now ?? new Date();
  const started = performance.now();
  const runId = `run_${now.toISOString().replace(/[-:.]/g, "").slice(0, 15)}_${randomBytes(3).toString("hex")}`;
  const dryRun = opts.dryRun === true;
  const { counts, timings, bump, lap } = createTally();
  const progress = (phase: OperatorPhase): void => opts.onProgress?.({ phase, counts: { ...counts } });

  if (!dryRun) {
    progress("backfill");
    await prepareRun(deps, runId, now, opts.provider ?? null, { bump, lap });
  }

  progress("fleet");
  const { signals, signalMap, health, situations, providerChanges } = await assessFleet(deps, now, {
    provider: opts.provider,
    dryRun,
    tally: { bump, lap },
  });
  // Only situations whose outcome a judgement can change go to the LLM: hard-class and
  // unclassified failures at a provider that is not stopped. For everything else the expansion
  // below would override any answer, so asking would only spend tokens.
  const askable = situations.filter((s) => isJudgementCall(s, health));
  bump("situations_for_llm", askable.length);
  progress("decide");
  const { verdicts, llm, decidedBy, fallbackReason } = await decide(deps, askable, {
    dryRun,
    askLlm: opts.askLlm === true,
    now,
    runId,
  });
  lap("llm_ms");
  // A fix a failure names comes first (the model stays, its requests change); a gone model with a clear
  // successor becomes a rename.
  const proposals = await withRenames(
    repos,
    await preferSettingsFixes(deps, expandVerdicts(situations, verdicts, signalMap, health, now), signalMap),
  );
  bump("overrides", proposals.filter((p) => p.override).length);

  // What each situation's models get: not a change a person's word holds back. A dry run counts
  // as the run would: a change already open or held is not one it would propose.
  const reads = await readStanding(repos, now);
  const { standing, open, held } = standingProposals(proposals, reads, now);
  if (dryRun) {
    if (open.length > 0) bump("already_open", open.length);
    if (held.length > 0) bump("held_by_person", held.length);
    for (const p of standing) bump(`would_${p.action}`);
  }
  const evidence: Evidence = { now, signals: signalMap, providers: health };
  const decisions: DecisionDoc[] = [];
  const batchIds: string[] = [];
  if (!dryRun) {
    await opts.assertLease?.();
    progress("record");
    decisions.push(
      ...(await recordProposals(repos, proposals, situations, signals, evidence, runId, now, bump, reads)),
    );
    lap("decisions_ms");
    await opts.assertLease?.();
    progress("execute");
    batchIds.push(...(await executePhase(repos, now, bump)));
    lap("execute_ms");
  }

  const run = runRecord({
    runId,
    now,
    elapsedMs: performance.now() - started,
    dryRun,
    provider: opts.provider ?? null,
    degraded: llmFellShort(llm, deps.chain.length),
    decision: { verdicts, llm, decidedBy, fallbackReason },
    tally: { counts, timings },
    situations,
    decisionIds: decisions.map((d) => d._id),
    batchIds,
    providerChanges,
  });
  if (!dryRun) await repos.operatorState.finishRun(run);
  progress("done");
  const line = `operator run ${runId}: ${situations.length} situations, decided by ${decidedBy}`;
  if (run.outcome === "degraded") deps.logger.warn(`${line}; degraded: ${fallbackReason ?? ""}`, { counts });
  else deps.logger.info(line, { counts });
  return { run, situations, proposals: [...standing, ...open], alreadyOpen: open, decisions, verdicts };
}

/**
 * Degraded: situations went to the LLM and no usable answer came back (unreachable, garbage, over
 * budget, no price), so the classifier decided them, even when cached verdicts decided others. A
 * dry run that chose not to call (no --ask-llm: `llm` is null) or no LLM configured falls back on
 * purpose, not by a fault.
 */
function llmFellShort(llm: LlmDecisionResult | null, chainLength: number): boolean {
  return llm !== null && !llm.ok && llm.reason !== "not_configured" && chainLength > 0;
}

/**
 * One read of the fleet (signals, provider health, situations), counted and timed; provider state
 * changes are stored unless this is a dry run.
 */
async function assessFleet(
  deps: OperatorDeps,
  now: Date,
  opts: { provider: string | undefined; dryRun: boolean; tally: Pick<Tally, "bump" | "lap"> },
) {
  const { repos } = deps;
  const { bump, lap } = opts.tally;
  const {
    signals,
    providers: assessments,
    health,
    fastPass,
    situations,
  } = await readFleetState(repos, deps.config, now, {
    ...(opts.provider ? { provider: opts.provider } : {}),
    windows: false,
  });
  const signalMap = new Map(signals.map((s) => [`${s.provider}:${s.model_id}`, s]));
  bump("models", signals.length);
  lap("signals_ms"); // signals, provider health and situations: one read of the fleet
  const providerChanges = [...assessments.values()]
    .filter((a) => a.change)
    .map((a) => ({ provider: a.provider, from: a.change!.from, to: a.change!.to, reason: a.change!.reason }));
  if (!opts.dryRun) await storeProviderChanges(repos, assessments, now);
  for (const f of fastPass) bump(`fast_pass_${f.reason}`);
  bump("situations", situations.length);
  lap("situations_ms");
  return { signals, signalMap, health, situations, providerChanges };
}

/**
 * Before a (non-dry) run reads the fleet: recover what a crash left, record the run as started,
 * fold signals other writers stored, expire stale pending decisions.
 */
async function prepareRun(
  deps: OperatorDeps,
  runId: string,
  now: Date,
  provider: string | null,
  { bump, lap }: Pick<Tally, "bump" | "lap">,
): Promise<void> {
  const { repos } = deps;
  await recoverBeforeRun(repos, now, bump);
  await repos.operatorState.recordRun(startedRecord(runId, now, provider));
  // Our writers record signals as they write; this folds what another runner wrote, and
  // looks for it at most every OPERATOR_BACKFILL_RECHECK_MINUTES (the look is a count that
  // grows with the history on FerretDB).
  const backfill = await backfillSignals(repos, {
    now,
    recheckAfterMs: deps.config.operator.backfillRecheckMinutes * 60_000,
  });
  bump("backfilled_docs", backfill.metricsRead + backfill.errorsRead);
  lap("backfill_ms");
  bump("expired_decisions", await expirePending(repos, now));
}

/**
 * Finishes what a crashed run (or approval, or revert) left behind before this run decides
 * anything: interrupted batches, decisions claimed but not moved on, runs without a final record.
 */
async function recoverBeforeRun(
  repos: Repositories,
  now: Date,
  bump: (k: string, n?: number) => void,
): Promise<void> {
  const r = await recoverInterrupted(repos, SYSTEM_PRINCIPAL.name, now);
  if (r.batchesFinished.length > 0) bump("recovered_batches", r.batchesFinished.length);
  if (r.decisionsSettled.length > 0) bump("recovered_decisions", r.decisionsSettled.length);
  if (r.claimsReleased.length > 0) bump("released_claims", r.claimsReleased.length);
  for (const run of await repos.operatorState.unfinishedRuns()) {
    await repos.operatorState.finishRun({
      ...run,
      outcome: "failed",
      error: `interrupted: the run stopped before it finished; closed by the next run at ${now.toISOString()}`,
    });
    bump("recovered_runs");
  }
}

/** Executes approved decisions under the policy's caps, oldest first; returns the batch ids. */
async function executePhase(
  repos: Repositories,
  now: Date,
  bump: (k: string, n?: number) => void,
): Promise<string[]> {
  const { policy } = await repos.policies.current();
  // Approved decisions from earlier passes go first: an over-cap pool drains in order. Decisions of one
  // pass share their created_at; among them the order is the models' (their ids are random).
  const approved = (await repos.decisions.find({ status: "approved" }, { oldestFirst: true })).sort(
    (a, b) => a.created_at.getTime() - b.created_at.getTime() || firstTarget(a).localeCompare(firstTarget(b)),
  );
  const exec = await executeApproved(repos, approved, SYSTEM_PRINCIPAL.name, now, {
    total: policy.caps.per_pass,
    perProvider: policy.caps.per_provider,
  });
  bump("executed", exec.executed.length);
  bump("deferred_over_cap", exec.deferred.length);
  return exec.batches.map((b) => b._id);
}

function firstTarget(d: DecisionDoc): string {
  const t = d.targets[0];
  return t ? `${t.provider}:${t.model_id}` : "";
}

function isJudgementCall(s: Situation, health: Map<string, ProviderHealth>): boolean {
  const state = health.get(s.provider)?.state;
  const cls = classOf(s.kind);
  return (cls === "hard" || cls === "unknown") && state !== "paused" && state !== "blocked";
}

async function storeProviderChanges(
  repos: Repositories,
  assessments: Map<string, ProviderAssessment>,
  now: Date,
): Promise<void> {
  for (const a of assessments.values()) {
    if (!a.change) continue;
    const c = a.change;
    await repos.operatorState.setProviderState(a.provider, {
      state: c.to,
      reason: c.reason,
      kind: c.kind,
      authority: c.authority,
      since: now,
      affected_models: a.providerWideFailing,
      updated_at: now,
    });
  }
}
