import type { Config } from "../config/config.js";
import type { Deps } from "../deps.js";
import { JOB_SCHEDULES } from "../config/settings.js";
import type { Evaluation } from "../invariants/run.js";
import { readFleetState, type FleetState } from "../operator/fleet-state.js";
import { BUDGET_CATEGORIES, budgetsInForce } from "../policy/budgets.js";
import { SYSTEM_PRINCIPAL } from "../policy/principal.js";
import { startOfDay } from "../signals/apply.js";
import type { Repositories } from "../storage/repositories.js";
import { gatherProviders } from "./gather-providers.js";
import type { AdapterFix, DiscoveryLine, HealthReportData, JobLine, SpendLine } from "./types.js";

const DAY_MS = 86_400_000;
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
  const since = new Date(startOfDay(now).getTime() - (days - 1) * DAY_MS);
  const fleet = await readFleetState(repos, deps.config, now);
  const { providers, daily } = await gatherProviders(repos, fleet, since, now);
  return {
    generatedAt: now,
    days,
    consoleUrl: deps.config.email.consoleUrl ?? null,
    providers,
    daily,
    situations: fleet.situations.map((s) => ({
      id: s.id,
      provider: s.provider,
      kind: s.kind,
      models: s.modelCount,
      modelIds: s.modelIds,
      startedAt: s.startedAt,
      lastSeenAt: s.lastSeenAt,
      sample: oneLine(s.sampleMessages[0] ?? ""),
      suggestion: s.suggestion.action,
    })),
    likelyGone: fleet.signals
      .filter((s) => s.catalog.enabled && s.streakStartedAt !== null && s.lastError?.class === "hard")
      .sort((a, b) => (b.failingForHours ?? 0) - (a.failingForHours ?? 0))
      .slice(0, 100)
      .map((s) => ({
        provider: s.provider,
        modelId: s.model_id,
        kind: s.lastError?.kind ?? "unknown",
        failingForHours: s.failingForHours,
        message: oneLine(s.lastError?.message ?? ""),
      })),
    adapterFixes: adapterFixes(fleet, since),
    autoActions: await autoActions(repos, since),
    waitingDecisions: (
      await repos.decisions.find({ status: "pending" }, { oldestFirst: true, limit: 100 })
    ).map((d) => ({
      id: d._id,
      action: d.action,
      targets: d.targets.map((t) => `${t.provider}:${t.model_id}`),
      createdAt: d.created_at,
      expiresAt: d.expires_at,
      confidence: d.confidence,
      proposedBy: d.proposed_by.model ? `${d.proposed_by.name} (${d.proposed_by.model})` : d.proposed_by.name,
      reasoning: oneLine(d.reasoning, 300),
    })),
    discovery: await discoveryNews(repos, since),
    spend: await spend(repos, deps.config, now, since),
    invariants: await invariants(repos, opts.invariants),
    jobs: await jobs(repos, now),
  };
}

/** Errors of the "ours" class (our adapter or profile is wrong), grouped by provider | kind | fingerprint. */
function adapterFixes(fleet: FleetState, since: Date): AdapterFix[] {
  const groups = new Map<string, AdapterFix>();
  for (const s of fleet.signals) {
    for (const e of s.recentErrors) {
      if (e.class !== "ours" || e.last_ts < since) continue;
      const key = `${s.provider}|${e.kind}|${e.fingerprint}`;
      const g = groups.get(key) ?? {
        provider: s.provider,
        kind: e.kind,
        fingerprint: e.fingerprint,
        modelIds: [],
        count: 0,
        sample: oneLine(e.message),
      };
      g.modelIds.push(s.model_id);
      g.count += e.count;
      groups.set(key, g);
    }
  }
  return [...groups.values()].sort((a, b) => b.modelIds.length - a.modelIds.length || b.count - a.count);
}

async function autoActions(repos: Repositories, since: Date): Promise<HealthReportData["autoActions"]> {
  const batches = await repos.mutations.createdBetween(since, { kind: "apply" });
  return batches
    .filter((b) => isAutomatic(b.actor))
    .map((b) => ({
      batchId: b._id,
      at: b.created_at,
      actor: b.actor,
      reason: oneLine(b.reason, 300),
      status: b.status,
      applied: b.applied_count,
      failed: b.failed_count,
      models: b.changes.map((c) => `${c.provider}:${c.model_id}`),
      revertedBy: b.reverted_by ?? null,
    }));
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
    // From the per-day rollup: the window starts at a UTC midnight, so it is whole days.
    const totals = await ledger.dayTotals(category, days);
    out.push({
      category,
      todayUsd: totals.get(today)?.usd ?? 0,
      windowUsd: [...totals.values()].reduce((n, d) => n + d.usd, 0),
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
    };
    const missing = unwired.get(name);
    if (missing !== undefined && !scheduled.has(name)) line.unwiredBecause = missing;
    return line;
  });
}

/** Provider text on one line, without control characters, bounded. */
export function oneLine(text: string, max = 200): string {
  const clean = text
    .replace(/\p{Cc}+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}
