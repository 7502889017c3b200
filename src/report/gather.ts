import type { Config } from "../config/config.js";
import type { Deps } from "../deps.js";
import { JOB_SCHEDULES } from "../config/settings.js";
import type { Evaluation } from "../invariants/run.js";
import { readFleetState, type FleetState } from "../operator/fleet-state.js";
import { BUDGET_CATEGORIES, budgetsInForce } from "../policy/budgets.js";
import { SYSTEM_PRINCIPAL } from "../policy/principal.js";
import { startOfDay } from "../signals/apply.js";
import { situationFixNote } from "../signals/settings.js";
import type { Repositories } from "../storage/repositories.js";
import { PENDING_READ, pendingOn, readPending } from "../storage/pending-on-models.js";
import { gatherProviders } from "./gather-providers.js";
import type { JobStatusDoc } from "../storage/job-status-repository.js";
import type { OperatorRunDoc } from "../storage/operator-state-repository.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import { dayKey } from "../storage/signals-repository.js";
import { classOf, isErrorKind } from "../taxonomy/kinds.js";
import type {
  AdapterFix,
  DiscoveryLine,
  HealthReportData,
  JobLine,
  ProviderSection,
  SpendLine,
  UndoneChange,
} from "./types.js";
import { changeAction, laterChangeOf, renamesAfter } from "../storage/in-force.js";

const DAY_MS = 86_400_000;
/** Most rows a long list of the email shows; its title and the subject count them all. */
const SHOWN = 100;
/** Batches by these actors were executed without a human: the operator run and jobs (`job:<name>`). */
const isAutomatic = (actor: string): boolean => actor === SYSTEM_PRINCIPAL.name || actor.startsWith("job:");

export interface GatherOptions {
  /** Window in days. @default 7 */
  days?: number;
  now?: Date;
  /** The evaluation to show; by default the newest recorded one. */
  invariants?: Evaluation | null;
}

/** Reads everything the health report shows. Read-only. */
export async function gatherHealthReport(deps: Deps, opts: GatherOptions = {}): Promise<HealthReportData> {
  const { repos } = deps;
  const now = opts.now ?? deps.clock();
  const days = opts.days ?? 7;
  const since = windowStart(now, days);
  const fleet = await readFleetState(repos, deps.config, now);
  const { providers, daily } = await gatherProviders(repos, fleet, since, now);
  // Reverts too: a person's undo of one model's change is a revert batch (src/storage/in-force.ts).
  const batches = await repos.mutations.createdBetween(since);
  const { docs: pendingDocs, byModel: pending } = await readPending(repos, [
    "created_at",
    "expires_at",
    "confidence",
    "proposed_by",
    "reasoning",
  ]);
  const gone = fleet.signals.filter(
    (s) => s.catalog.enabled && s.streakStartedAt !== null && s.lastError?.class === "hard",
  );
  return {
    generatedAt: now,
    days,
    consoleUrl: deps.config.email.consoleUrl ?? null,
    providers,
    daily,
    situations: fleet.situations.slice(0, SHOWN).map((s) => ({
      id: s.id,
      provider: s.provider,
      kind: s.kind,
      models: s.modelCount,
      modelIds: s.modelIds,
      startedAt: s.startedAt,
      lastSeenAt: s.lastSeenAt,
      sample: oneLine(s.sampleMessages[0] ?? ""),
      suggestion: s.suggestion.action,
      settingsFix: situationFixNote(s, fleet),
      pending: pendingOn(s, pending),
    })),
    likelyGone: gone
      .sort((a, b) => (b.failingForHours ?? 0) - (a.failingForHours ?? 0))
      .slice(0, SHOWN)
      .map((s) => ({
        provider: s.provider,
        modelId: s.model_id,
        kind: s.lastError?.kind ?? "unknown",
        failingForHours: s.failingForHours,
        message: oneLine(s.lastError?.displayMessage ?? ""),
        pending: pending.get(`${s.provider}:${s.model_id}`) ?? null,
      })),
    situationsTotal: fleet.situations.length,
    likelyGoneTotal: gone.length,
    adapterFixes: await adapterFixes(repos, fleet, providers, batches, since, now),
    autoActions: await autoActions(repos, batches),
    waitingDecisions: pendingDocs.slice(0, SHOWN).map((d) => ({
      id: d._id,
      action: d.action,
      targets: d.targets.map((t) => `${t.provider}:${t.model_id}`),
      createdAt: d.created_at,
      expiresAt: d.expires_at,
      confidence: d.confidence,
      proposedBy: d.proposed_by.model ? `${d.proposed_by.name} (${d.proposed_by.model})` : d.proposed_by.name,
      reasoning: oneLine(d.reasoning, 300),
    })),
    waitingTotal:
      pendingDocs.length < PENDING_READ
        ? pendingDocs.length
        : await repos.decisions.count({ status: "pending" }),
    discovery: await discoveryNews(repos, since),
    spend: await spend(repos, deps.config, now, since),
    invariants: await invariants(repos, opts.invariants),
    jobs: await jobs(repos, now),
  };
}

/**
 * Errors of the "ours" class (our adapter or profile is wrong) in the window, one line per provider
 * and kind: what a reader calls one fix, however many messages it shows up as. The counts are the
 * window's, from the same hour rollup as the Providers section; the models from their day buckets
 * of the window; the messages from their recent errors seen in the window. A model whose settings
 * a batch in force changed after its last error is marked so: that fix is applied already.
 */
async function adapterFixes(
  repos: Repositories,
  fleet: FleetState,
  providers: ProviderSection[],
  batches: MutationBatchDoc[],
  since: Date,
  now: Date,
): Promise<AdapterFix[]> {
  const wanted = providers.flatMap((p) =>
    Object.entries(p.errorsByKind)
      .filter(([kind, n]) => n > 0 && isErrorKind(kind) && classOf(kind) === "ours")
      .map(([kind, n]) => ({ provider: p.provider, kind, count: n })),
  );
  if (wanted.length === 0) return [];
  const perModel = await windowKindCounts(
    repos,
    fleet.signals.filter((s) => wanted.some((w) => w.provider === s.provider)),
    since,
    now,
  );
  const settings = settingsChanges(batches);
  const fixes = wanted.map(({ provider, kind, count }): AdapterFix => {
    const models = fleet.signals
      .filter((s) => s.provider === provider && (perModel.get(s)?.[kind] ?? 0) > 0)
      .sort((a, b) => (perModel.get(b)?.[kind] ?? 0) - (perModel.get(a)?.[kind] ?? 0));
    const messages = new Map<string, { message: string; at: Date }>();
    for (const s of models)
      for (const e of s.recentErrors)
        if (e.kind === kind && e.last_ts >= since) {
          const seen = messages.get(e.fingerprint);
          if (!seen || seen.at < e.last_ts)
            messages.set(e.fingerprint, { message: e.display_message, at: e.last_ts });
        }
    const settingsChanged = models.flatMap((s) => {
      const change = settings.get(`${s.provider}:${s.model_id}`);
      // After the model's last error of any kind: no error of this kind has come since.
      const after = change && (s.lastError === null || change.at > s.lastError.at);
      return after ? [{ modelId: s.model_id, ...change }] : [];
    });
    return {
      provider,
      kind,
      count,
      modelIds: models.map((s) => s.model_id),
      messages: messages.size,
      samples: [...messages.values()]
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, 2)
        .map((m) => oneLine(m.message)),
      settingsChanged,
      needed: models.length === 0 || settingsChanged.length < models.length,
    };
  });
  return fixes.sort((a, b) => Number(b.needed) - Number(a.needed) || b.count - a.count);
}

/** Each model's errors by kind over the window's days, from its day buckets (`_id` reads). */
async function windowKindCounts(
  repos: Repositories,
  models: FleetState["signals"],
  since: Date,
  now: Date,
): Promise<Map<FleetState["signals"][number], Record<string, number>>> {
  const days: string[] = [];
  for (let t = since.getTime(); t <= now.getTime(); t += DAY_MS) days.push(dayKey(new Date(t)));
  const byKey = new Map(models.map((s) => [`${s.provider}:${s.model_id}`, s]));
  const out = new Map<FleetState["signals"][number], Record<string, number>>();
  const keys = [...byKey.keys()];
  for (let i = 0; i < keys.length; i += 100) {
    const ids = keys.slice(i, i + 100).flatMap((k) => days.map((d) => `${k}:${d}`));
    for (const doc of await repos.signals.daysByIds(ids)) {
      const s = byKey.get(`${doc.provider}:${doc.model_id}`);
      if (!s) continue;
      const counts = out.get(s) ?? {};
      for (const [k, n] of Object.entries(doc.errors_by_kind ?? {})) counts[k] = (counts[k] ?? 0) + (n ?? 0);
      out.set(s, counts);
    }
  }
  return out;
}

/**
 * The newest applied settings change per model among these batches that is still in force: its
 * batch not reverted, the change neither undone alone nor replaced by a later one (src/storage/in-force.ts).
 */
function settingsChanges(
  batches: MutationBatchDoc[],
): Map<string, { batchId: string; at: Date; actor: string }> {
  const out = new Map<string, { batchId: string; at: Date; actor: string }>();
  for (const b of batches) {
    if (b.kind !== "apply" || b.reverted_by) continue;
    for (const c of b.changes) {
      if (c.status !== "applied" || changeAction(c) !== "settings") continue;
      if (laterChangeOf(b, c, batches)) continue;
      // Under the id the model has now: the fleet's signals are keyed by it after a rename.
      const key = `${c.provider}:${renamesAfter(b, c, batches).at(-1)?.to ?? c.model_id}`;
      const seen = out.get(key);
      if (!seen || seen.at < b.created_at) out.set(key, { batchId: b._id, at: b.created_at, actor: b.actor });
    }
  }
  return out;
}

/**
 * The automatic batches of the window (`batches`: every batch of it, reverts included), each with
 * the changes still in force and the ones a later batch undid.
 */
async function autoActions(
  repos: Repositories,
  batches: MutationBatchDoc[],
): Promise<HealthReportData["autoActions"]> {
  const mine = batches.filter((b) => b.kind === "apply" && isAutomatic(b.actor));
  const reverts = new Map(
    (await repos.mutations.getMany(mine.flatMap((b) => (b.reverted_by ? [b.reverted_by] : [])))).map((r) => [
      r._id,
      r,
    ]),
  );
  return mine.map((b) => {
    const revert = b.reverted_by ? reverts.get(b.reverted_by) : undefined;
    const changes: Record<string, number> = {};
    const inForce: Record<string, number> = {};
    const undone: UndoneChange[] = [];
    for (const c of b.changes) {
      if (c.status !== "applied") continue;
      const action = changeAction(c);
      changes[action] = (changes[action] ?? 0) + 1;
      if (b.reverted_by) continue;
      const later = laterChangeOf(b, c, batches);
      if (later) undone.push({ model: `${c.provider}:${c.model_id}`, action, by: later });
      else inForce[action] = (inForce[action] ?? 0) + 1;
    }
    return {
      batchId: b._id,
      at: b.created_at,
      actor: b.actor,
      reason: oneLine(b.reason, 300),
      status: b.status,
      applied: b.applied_count,
      failed: b.failed_count,
      models: b.changes.map((c) => `${c.provider}:${c.model_id}`),
      changes,
      inForce,
      undone,
      reverted: b.reverted_by
        ? {
            batchId: b.reverted_by,
            // A revert whose batch is missing (never recorded) still undid nothing we can date.
            actor: revert?.actor ?? "unknown",
            at: revert?.created_at ?? b.created_at,
            status: revert?.status ?? "unknown",
          }
        : null,
    };
  });
}

async function discoveryNews(repos: Repositories, since: Date): Promise<DiscoveryLine[] | null> {
  const runs = await repos.discoveryRuns.finishedSince(since);
  if (runs.length === 0 && (await repos.discoveryRuns.isEmpty())) return null;
  const byProvider = new Map<string, DiscoveryLine>();
  for (const r of runs) {
    const line = byProvider.get(r.provider) ?? {
      provider: r.provider,
      reads: 0,
      completeReads: 0,
      newModels: 0,
      lastReadAt: null,
      lastComplete: null,
      lastError: null,
    };
    line.reads++;
    if (r.complete) line.completeReads++;
    line.newModels += r.new_count;
    line.lastReadAt = r.finished_at;
    line.lastComplete = r.complete;
    line.lastError = r.error ? oneLine(r.error) : null;
    byProvider.set(r.provider, line);
  }
  return [...byProvider.values()].sort((a, b) => a.provider.localeCompare(b.provider));
}

/** The window's first instant: the UTC midnight `days - 1` days before today's. */
function windowStart(now: Date, days: number): Date {
  return new Date(startOfDay(now).getTime() - (days - 1) * DAY_MS);
}

/**
 * The Spend section read again after the assessment: its call is charged once the rest was
 * gathered, and the section must count it, as the assessment states its own cost above.
 */
export function gatherSpend(deps: Deps, now: Date, days: number): Promise<SpendLine[]> {
  return spend(deps.repos, deps.config, now, windowStart(now, days));
}

async function spend(repos: Repositories, config: Config, now: Date, since: Date): Promise<SpendLine[]> {
  const { policy } = await repos.policies.current();
  const ledger = repos.spend;
  const out: SpendLine[] = [];
  const budgets = budgetsInForce(policy, config);
  const days: string[] = [];
  for (let t = since.getTime(); t <= now.getTime(); t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  const today = now.toISOString().slice(0, 10);
  for (const category of BUDGET_CATEGORIES) {
    // From the per-day rollup: the window starts at a UTC midnight, so it is whole days. The
    // rollup holds closed calls; today's open ones count at their estimates, as the budget check
    // and get_costs count them, so the email never reads under what the budget saw.
    const [totals, open] = await Promise.all([
      ledger.dayTotals(category, days),
      ledger.openToday(category, now),
    ]);
    out.push({
      category,
      todayUsd: (totals.get(today)?.usd ?? 0) + open.usd,
      inFlightUsd: open.usd,
      inFlightCalls: open.calls,
      windowUsd: [...totals.values()].reduce((n, d) => n + d.usd, 0) + open.usd,
      budgetUsd: budgets[category].usd_per_day,
      alertFraction: budgets.alert_fraction,
    });
  }
  return out;
}

async function invariants(
  repos: Repositories,
  given: Evaluation | null | undefined,
): Promise<HealthReportData["invariants"]> {
  const rows = given ? given.results : await repos.checkRuns.latestEvaluation();
  const first = rows[0];
  if (!first) return null;
  return {
    evaluationId: first.evaluation_id,
    at: first.at,
    results: rows.map((r) => ({ check: r.check, status: r.status, summary: r.summary })),
  };
}

async function jobs(repos: Repositories, now: Date): Promise<JobLine[]> {
  const latest = await repos.operatorState.latestRun();
  const status = new Map((await repos.jobStatus.all()).map((s) => [s._id, s]));
  const beats = (await repos.heartbeats.all()).filter(
    (h) => h.stopped_at === null && now.getTime() - h.beat_at.getTime() < DAY_MS,
  );
  const scheduled = new Set(beats.flatMap((h) => h.jobs.map((j) => j.name)));
  const unwired = new Map(beats.flatMap((h) => h.unwired.map((u) => [u.name, u.missing] as const)));
  return Object.keys(JOB_SCHEDULES).map((name) => {
    const s = status.get(name);
    const line: JobLine = {
      name,
      lastOutcome: s?.last_run?.outcome ?? null,
      lastRunAt: s?.last_run?.finished_at ?? null,
      consecutiveFailures: s?.consecutive_failures ?? 0,
      lastError: s?.last_run?.error ?? null,
      lastSummary: s?.last_run?.summary ? oneLine(s.last_run.summary) : null,
    };
    const missing = unwired.get(name);
    if (missing !== undefined && !scheduled.has(name)) line.unwiredBecause = missing;
    if (name === OPERATOR_JOB) line.latestOperatorRun = operatorRunLine(latest, s);
    return line;
  });
}

/** The job whose runs are operator runs; `operator run` and the MCP tool make them too. */
const OPERATOR_JOB = "operator-run";

/**
 * The newest operator run from any source (`operator_runs`), and whether this job made it: its
 * start falls within the job's last (or current) run. Dry runs are not recorded.
 */
function operatorRunLine(
  run: OperatorRunDoc | null,
  job: JobStatusDoc | undefined,
): JobLine["latestOperatorRun"] {
  if (!run) return null;
  const at = run.started_at.getTime();
  const within = (from: Date | undefined, to: Date | undefined): boolean =>
    from !== undefined && at >= from.getTime() && (to === undefined || at <= to.getTime());
  const byThisJob =
    within(job?.last_run?.started_at, job?.last_run?.finished_at) ||
    within(job?.running?.started_at, undefined);
  return { runId: run._id, at: run.started_at, outcome: run.outcome, byThisJob };
}

/** Provider text on one line, without control characters, bounded. */
export function oneLine(text: string, max = 200): string {
  const clean = text
    .replace(/\p{Cc}+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}
