import { successRateChart } from "./chart.js";
import { esc } from "./escape.js";
import { pendingNote } from "../storage/pending-on-models.js";
import { assessmentHtml } from "./render-assessment.js";
import {
  approveHowTo,
  assessmentSpendNote,
  autoActionsTitle,
  fixNote,
  goneList,
  situationsList,
  fixesTitle,
  jobOutcome,
  kinds,
  modelsInForce,
  pct,
  revertHowTo,
  situationAdvice,
  someIds,
  spendToday,
  stateLabel,
  undoneNote,
  usd,
  waitingList,
  when,
  type CutList,
} from "./how-to.js";
import type { HealthReportData, OverallStatus } from "./types.js";

const STATUS_COLOR: Record<OverallStatus, string> = {
  healthy: "#2e7d32",
  warning: "#ed6c02",
  critical: "#c62828",
};
/**
 * Table cells carry no style: Gmail clips an HTML part over about 102 KB ("[Message clipped]"),
 * hiding the sections at the bottom, and the demo fleet's 690 cells once carried 96 bytes of style
 * each, 71 KB of a 114 KB part. The table's cellpadding spaces them, every other row is shaded with
 * `bgcolor` (what every mail client shows) and `valign` on the row aligns its cells.
 */
const TH = 'style="text-align:left;border-bottom:1px solid #cccccc"';
const SHADE = "#f4f4f4";

/** The HTML part, with the per-provider success-rate chart as a table heat-map. Every value is escaped. */
export function renderHtml(
  data: HealthReportData,
  status: OverallStatus,
  reasons: string[],
  subject = `bench-operator health: ${status}`,
): string {
  const body = [
    `<h1 style="font-size:18px">bench-operator health report</h1>`,
    `<p>${esc(when(data.generatedAt))}, covering the last ${data.days} days.</p>`,
    banner("status", STATUS_COLOR[status], `STATUS: ${status.toUpperCase()}`),
    `<ul>${reasons.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>`,
    ...assessmentHtml(data.assessment),
    ...fleetSections(data),
    ...operationsSections(data),
  ].join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(subject)}</title></head><body style="font-family:Arial,sans-serif;font-size:13px;color:#222222">\n${body}\n</body></html>\n`;
}

/** How the providers and models are doing, with the success-rate chart. */
function fleetSections(data: HealthReportData): string[] {
  const chartTitle = `Success rate per provider, last ${data.daily[0]?.points.length ?? data.days} days`;
  return [
    section("providers", "Providers", [
      table(
        ["provider", "state", "success rate", "successes", "errors", "errors by kind", "models", "note"],
        data.providers.map((p) => [
          p.provider,
          stateLabel(p.state),
          pct(p.successRate),
          String(p.successes),
          String(p.errors),
          kinds(p.errorsByKind),
          `${p.enabledModels} (${p.failingModels} failing)`,
          p.stateReason,
        ]),
      ),
      `<div id="chart">${successRateChart(data.daily, chartTitle)}</div>`,
    ]),
    section("situations", situationsList(data).title, [
      ...restNote(situationsList(data)),
      table(
        ["provider", "kind", "models", "since", "suggested", "sample"],
        data.situations.map((s) => [
          s.provider,
          s.kind,
          `${s.models}: ${someIds(s.modelIds)}`,
          when(s.startedAt),
          situationAdvice(s),
          s.sample,
        ]),
      ),
    ]),
    section("likely-gone", goneList(data).title, [
      ...restNote(goneList(data)),
      table(
        ["model", "kind", "failing for", "pending decision", "message"],
        data.likelyGone.map((m) => [
          `${m.provider}:${m.modelId}`,
          m.kind,
          `${m.failingForHours ?? "?"} h`,
          m.pending ? pendingNote(m.pending) : "none",
          m.message,
        ]),
      ),
    ]),
    section("adapter-fixes", fixesTitle(data.adapterFixes), [
      table(
        ["provider", "kind", `errors in ${data.days} day(s)`, "models", "status", "samples"],
        data.adapterFixes.map((f) => [
          f.provider,
          f.kind,
          String(f.count),
          someIds(f.modelIds, 20),
          fixNote(f) ?? "needed",
          `${f.messages} distinct message(s)${f.samples.map((m) => `\n${m}`).join("")}`,
        ]),
      ),
    ]),
  ];
}

/** What the operator did and what waits, money, the checks and the jobs. */
function operationsSections(data: HealthReportData): string[] {
  return [
    section("auto-actions", autoActionsTitle(data), [
      table(
        ["batch", "when", "by", "result", "models", "why", "undo"],
        data.autoActions.map((a) => [
          a.batchId,
          when(a.at),
          a.actor,
          `${a.status}: ${a.applied} applied, ${a.failed} failed${a.reverted ? ", REVERTED" : ""}`,
          a.undone.length === 0
            ? someIds(a.models)
            : `in force: ${someIds(modelsInForce(a))}\nno longer in force: ${a.undone.map(undoneNote).join("; ")}`,
          a.reason,
          revertHowTo(a),
        ]),
        [6],
      ),
    ]),
    section("waiting-decisions", waitingList(data).title, [
      ...restNote(waitingList(data)),
      table(
        ["decision", "action", "targets", "confidence", "proposed by", "expires", "why", "approve"],
        data.waitingDecisions.map((d) => {
          const how = approveHowTo(d.id, data.consoleUrl);
          return [
            d.id,
            d.action,
            someIds(d.targets, 4),
            d.confidence.toFixed(2),
            d.proposedBy,
            when(d.expiresAt),
            d.reasoning,
            how.console
              ? { link: how.console, text: "Review and approve in the console" }
              : `${how.mcp}\nor ${how.cli}`,
          ];
        }),
        [7],
      ),
    ]),
    section("discovery", "Discovery news", [
      data.discovery === null
        ? "<p>The discovery ledger is empty.</p>"
        : table(
            ["provider", "reads", "complete", "new models", "last read", "last error"],
            data.discovery.map((d) => [
              d.provider,
              String(d.reads),
              String(d.completeReads),
              String(d.newModels),
              when(d.lastReadAt),
              d.lastComplete === false ? (d.lastError ?? "incomplete") : "",
            ]),
          ),
    ]),
    section("spend", "Spend against budget", [
      table(
        ["category", "today", "budget per day", `${data.days}-day total`],
        data.spend.map((s) => [s.category, spendToday(s), usd(s.budgetUsd), usd(s.windowUsd)]),
      ),
      ...[assessmentSpendNote(data)].flatMap((note) => (note ? [`<p>${esc(note)}</p>`] : [])),
    ]),
    section("invariants", "Invariants", [
      data.invariants === null
        ? "<p>No evaluation available.</p>"
        : table(
            ["check", "status", "summary"],
            data.invariants.results.map((r) => [r.check, r.status, r.summary]),
          ),
    ]),
    section("jobs", "Jobs", [
      table(
        ["job", "last outcome", "last run", "failures in a row", "note"],
        data.jobs.map((j) => [
          j.name,
          j.unwiredBecause ? "not wired" : jobOutcome(j),
          when(j.lastRunAt),
          String(j.consecutiveFailures),
          j.unwiredBecause ? `needs ${j.unwiredBecause}` : (j.lastError ?? j.lastSummary ?? ""),
        ]),
      ),
    ]),
  ];
}

/**
 * The status line as a one-cell table with `bgcolor`: Outlook for Windows (Word's engine) ignores
 * padding on a div and may drop a `background` shorthand, which left white text on white.
 */
function banner(id: string, color: string, text: string): string {
  return `<table id="${id}" role="presentation" width="100%" cellpadding="10" cellspacing="0"><tr><td bgcolor="${color}" style="background-color:${color};color:#ffffff;font-weight:bold">${esc(text)}</td></tr></table>`;
}

/** Where the rest of a cut list is. */
function restNote(list: CutList): string[] {
  return list.rest === null ? [] : [`<p>${esc(list.rest)}</p>`];
}

function section(id: string, title: string, content: string[]): string {
  return `<h2 id="${id}" style="font-size:15px;margin-top:20px">${esc(title)}</h2>\n${content.join("\n")}`;
}

/** A cell that is a link: its address and text are escaped like every other cell. */
type Cell = string | { link: string; text: string };

/** A table of escaped cells; columns listed in `code` are shown monospace (commands). */
function table(headers: string[], rows: Cell[][], code: number[] = []): string {
  if (rows.length === 0) return "<p>None.</p>";
  const head = headers.map((h) => `<th ${TH}>${esc(h)}</th>`).join("");
  const body = rows
    .map(
      (r, n) =>
        `<tr valign="top"${n % 2 === 1 ? ` bgcolor="${SHADE}"` : ""}>${r
          .map((cell, i) => {
            if (typeof cell !== "string") return `<td><a href="${esc(cell.link)}">${esc(cell.text)}</a></td>`;
            const text = esc(cell).replace(/\n/g, "<br>");
            return `<td>${code.includes(i) ? `<code>${text}</code>` : text}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("");
  return `<table cellpadding="4" cellspacing="0" style="border-collapse:collapse"><tr valign="bottom">${head}</tr>${body}</table>`;
}
