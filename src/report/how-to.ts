import { pendingNote } from "../storage/pending-on-models.js";
import type {
  AdapterFix,
  AutoAction,
  HealthReportData,
  JobLine,
  SituationLine,
  SpendLine,
  UndoneChange,
} from "./types.js";

/**
 * The exact ways to act on the report, shown next to each item so no one has to look them up. A
 * batch already reverted has nothing left to undo: say who reverted it and when instead.
 */
export function revertHowTo(a: Pick<AutoAction, "batchId" | "reverted">): string {
  if (a.reverted) {
    const partial = a.reverted.status === "applied" ? "" : ` (revert ${a.reverted.status})`;
    return `reverted by ${a.reverted.actor} at ${when(a.reverted.at)} in ${a.reverted.batchId}${partial}`;
  }
  return `bench-operator batches revert ${a.batchId}`;
}

/**
 * How a person approves a waiting decision: its console page when the console's public address
 * is configured (the page shows the evidence and the approve button), the MCP tool and the CLI
 * command always.
 */
export function approveHowTo(
  decisionId: string,
  consoleUrl: string | null = null,
): { console: string | null; mcp: string; cli: string } {
  return {
    console: consoleUrl
      ? `${consoleUrl.replace(/\/+$/, "")}/console/decisions/${encodeURIComponent(decisionId)}`
      : null,
    mcp: `MCP tool approve_decision {"decision_id": "${decisionId}"}`,
    cli: `bench-operator decisions approve ${decisionId}`,
  };
}

/**
 * A success rate as both parts of the email print it (the text and the HTML, tables and heat map
 * alike): one decimal, floored, so 99.96% reads 99.9% and never 100.0% when runs failed. The
 * epsilon keeps a rate that is exactly on a tenth (57/100) from reading a tenth lower through
 * binary rounding.
 */
export function pct(rate: number | null): string {
  return rate === null ? "n/a" : `${(Math.floor(rate * 1000 + 1e-9) / 10).toFixed(1)}%`;
}

export function usd(x: number): string {
  return `$${x.toFixed(x < 1 ? 4 : 2)}`;
}

/**
 * A day's spend with the part still in flight named, as the email and the console's Costs page print it:
 * "0.05 (incl. 0.05 for 1 call in flight)", or the total alone when no call is open.
 */
export function withInFlight(total: string, inFlight: string, calls: number): string {
  if (calls === 0) return total;
  return `${total} (incl. ${inFlight} for ${calls === 1 ? "1 call" : `${calls} calls`} in flight)`;
}

/** Today's spend as both parts print it: the sum the budget checks, and how much of it is in flight. */
export function spendToday(s: SpendLine): string {
  return withInFlight(usd(s.todayUsd), usd(s.inFlightUsd), s.inFlightCalls);
}

export function when(d: Date | null): string {
  return d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never";
}

export function kinds(byKind: Record<string, number>): string {
  const entries = Object.entries(byKind).filter(([, n]) => n > 0);
  return entries.length === 0
    ? "-"
    : entries
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(", ");
}

/** Model ids, shortened for a line of text. */
export function someIds(ids: string[], max = 8): string {
  return ids.length <= max ? ids.join(", ") : `${ids.slice(0, max).join(", ")} and ${ids.length - max} more`;
}

/**
 * One of the two lists the email cuts at 100: its title counts them all, as the subject does, and
 * a cut list says which it shows and where to read the rest (on a line of its own, so the command
 * is never broken across lines).
 */
export interface CutList {
  title: string;
  rest: string | null;
}

export function situationsList(data: Pick<HealthReportData, "situations" | "situationsTotal">): CutList {
  const shown = data.situations.length;
  return cutList("Situations", shown, data.situationsTotal, `the first ${shown}`, [
    "bench-operator situations",
  ]);
}

export function goneList(data: Pick<HealthReportData, "likelyGone" | "likelyGoneTotal">): CutList {
  const shown = data.likelyGone.length;
  return cutList("Models likely gone", shown, data.likelyGoneTotal, `the ${shown} failing longest`, [
    "bench-operator situations",
  ]);
}

export function waitingList(data: Pick<HealthReportData, "waitingDecisions" | "waitingTotal">): CutList {
  const shown = data.waitingDecisions.length;
  const total = data.waitingTotal;
  return cutList("Decisions waiting for a human", shown, total, `the oldest ${shown}`, [
    `bench-operator decisions list --status pending --limit ${total}`,
  ]);
}

function cutList(name: string, shown: number, total: number, which: string, [command]: string[]): CutList {
  return shown < total
    ? { title: `${name} (${total}; ${which} shown)`, rest: `all ${total}: ${command}` }
    : { title: `${name} (${total})`, rest: null };
}

/**
 * Under Spend: today's operator spend counts this report's own assessment, charged after the
 * invariants were evaluated, so their spend check can read less. Null without a charged assessment.
 */
export function assessmentSpendNote(data: Pick<HealthReportData, "assessment">): string | null {
  const a = data.assessment;
  const costUsd = a?.costUsd ?? 0;
  if (a === undefined || costUsd === 0) return null;
  const what = a.status === "ok" ? "assessment" : "assessment's unusable answer";
  return `operator today includes this report's ${what} (${usd(costUsd)}), made after the invariants were evaluated`;
}

/** A provider state as people read it: `not_configured` is "not configured". */
export function stateLabel(state: string): string {
  return state.replace(/_/g, " ");
}

/** The adapter fixes section's title: what is counted, and how many are applied already. */
export function fixesTitle(fixes: AdapterFix[]): string {
  const needed = fixes.filter((f) => f.needed).length;
  const applied = fixes.length - needed;
  return `Adapter fixes needed (${needed}; one per provider and error kind${applied > 0 ? `; ${applied} more applied already` : ""})`;
}

/**
 * What became of a fix: the settings changes in force made after the models' last errors
 * (batch, who, when), or null when none was made.
 */
export function fixNote(f: AdapterFix): string | null {
  if (f.settingsChanged.length === 0) return null;
  const byBatch = new Map<string, AdapterFix["settingsChanged"]>();
  for (const c of f.settingsChanged) byBatch.set(c.batchId, [...(byBatch.get(c.batchId) ?? []), c]);
  const done = [...byBatch.values()]
    .map(
      (cs) =>
        `by ${cs[0]!.actor} at ${when(cs[0]!.at)} in ${cs[0]!.batchId} for ${someIds(cs.map((c) => c.modelId))}`,
    )
    .join("; ");
  return f.needed
    ? `settings changed after the last error ${done}; still needed for the other model(s)`
    : `applied: settings changed after the last error ${done}; no error since, the next runs confirm it`;
}

/** A fix's size over the report's window. */
export function fixSize(f: AdapterFix, days: HealthReportData["days"]): string {
  return `${f.count} error(s) in ${days} day(s) on ${f.modelIds.length} model(s), ${f.messages} distinct message(s)`;
}

/**
 * The Jobs section's words for a job that never ran or ran: for operator-run, also the newest
 * operator run from any source, since `operator run` and the MCP tool make them outside the job.
 */
export function jobOutcome(j: JobLine, opts: { summary?: boolean } = {}): string {
  if (j.unwiredBecause) return `not wired (needs ${j.unwiredBecause})`;
  // The job's own summary stays beside its own outcome, before any word of an operator run outside it.
  const summary = opts.summary && j.lastSummary ? `: ${j.lastSummary}` : "";
  const own = j.lastOutcome === null ? "never ran" : `${j.lastOutcome} at ${when(j.lastRunAt)}${summary}`;
  const r = j.latestOperatorRun;
  if (!r || r.byThisJob)
    return j.lastOutcome === null && r === null ? "never ran; no operator run is recorded" : own;
  return `${j.lastOutcome === null ? "the scheduled job never ran" : `the scheduled job: ${own}`}; latest operator run ${r.runId} (${r.outcome}) at ${when(r.at)}, outside this job: from the CLI or the MCP tool`;
}

/**
 * "15 automatic changes (12 disables, 3 settings)": the applied changes still in force, so neither
 * of a reverted batch nor one a person undid or a later change replaced since (src/storage/in-force.ts).
 */
export function changesInForce(data: Pick<HealthReportData, "autoActions">): string {
  const byAction = new Map<string, number>();
  for (const a of data.autoActions) {
    for (const [action, n] of Object.entries(a.inForce))
      byAction.set(action, (byAction.get(action) ?? 0) + n);
  }
  const total = [...byAction.values()].reduce((s, n) => s + n, 0);
  const parts = [...byAction]
    .sort((a, b) => b[1] - a[1])
    .map(([action, n]) => `${n} ${actionLabel(action, n)}`);
  return `${total} automatic change${total === 1 ? "" : "s"}${parts.length > 0 ? ` (${parts.join(", ")})` : ""}`;
}

const ACTION_LABELS: Record<string, [one: string, many: string]> = {
  disable: ["disable", "disables"],
  settings: ["settings", "settings"],
  rename: ["rename", "renames"],
  deprecate: ["deprecation", "deprecations"],
  enable: ["enable", "enables"],
  promote: ["promotion", "promotions"],
  add: ["addition", "additions"],
  "add candidate": ["candidate added to probe", "candidates added to probe"],
  "reject candidate": ["candidate rejected", "candidates rejected"],
  "probe again": ["candidate back to probing", "candidates back to probing"],
  "recheck date": ["recheck date moved", "recheck dates moved"],
  remove: ["removal", "removals"],
};

function actionLabel(action: string, n: number): string {
  const [one, many] = ACTION_LABELS[action] ?? [action, action];
  return n === 1 ? one : many;
}

/** The automatic actions section's title: batches, the changes still in force, the reverted. */
export function autoActionsTitle(data: Pick<HealthReportData, "autoActions">): string {
  const batches = data.autoActions.length;
  const reverted = data.autoActions.filter((a) => a.reverted).length;
  return `Actions executed automatically (${batches} batch${batches === 1 ? "" : "es"}: ${changesInForce(data)} in force${reverted > 0 ? `; ${reverted} batch${reverted === 1 ? "" : "es"} reverted` : ""})`;
}

/** The models of a batch whose changes are in force: all of them but those undone since. */
export function modelsInForce(a: Pick<AutoAction, "models" | "undone">): string[] {
  const undone = new Set(a.undone.map((u) => u.model));
  return a.models.filter((m) => !undone.has(m));
}

/** "groq:allam-2-7b (disable; enable by alice at 2026-12-05 09:00 UTC in batch_...)" */
export function undoneNote(u: UndoneChange): string {
  return `${u.model} (${u.action}; ${u.by.what} by ${u.by.actor} at ${when(u.by.at)} in ${u.by.batchId})`;
}

/**
 * What a situation's models need: the classifier's suggestion, but not for a model a pending
 * decision already covers; that decision's action is named instead (a rename is not a disable).
 * A settings fix applied since the errors is said too: the next run shows whether it worked.
 */
export function situationAdvice(
  s: Pick<SituationLine, "modelIds" | "suggestion" | "pending" | "settingsFix">,
): string {
  const advice = pendingAdvice(s);
  return s.settingsFix ? `${advice}; ${s.settingsFix}` : advice;
}

function pendingAdvice(s: Pick<SituationLine, "modelIds" | "suggestion" | "pending">): string {
  if (s.pending.length === 0) return `suggested: ${s.suggestion}`;
  const covered = new Set(s.pending.map((p) => p.modelId));
  const others = s.modelIds.filter((id) => !covered.has(id));
  const shown = s.pending.slice(0, 4).map((p) => `${p.modelId}: ${pendingNote(p)}`);
  const more = s.pending.length > shown.length ? `; and ${s.pending.length - shown.length} more` : "";
  const decided = `pending: ${shown.join("; ")}${more}`;
  return others.length === 0 ? decided : `suggested: ${s.suggestion} for ${someIds(others, 4)}; ${decided}`;
}
