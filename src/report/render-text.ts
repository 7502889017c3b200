import {
  approveHowTo,
  assessmentSpendNote,
  autoActionsTitle,
  fixNote,
  goneList,
  situationsList,
  fixesTitle,
  fixSize,
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
import { pendingNote } from "../storage/pending-on-models.js";
import { assessmentText } from "./render-assessment.js";
import type { HealthReportData, OverallStatus } from "./types.js";

/** The plain-text part: readable in any mail client and in a terminal (`report health --dry-run`). */
export function renderText(data: HealthReportData, status: OverallStatus, reasons: string[]): string {
  const out: string[] = [
    `bench-operator health report, ${when(data.generatedAt)} (last ${data.days} days)`,
    "",
    `STATUS: ${status.toUpperCase()}`,
    ...reasons.map((r) => `  - ${r}`),
    ...assessmentText(data.assessment),
  ];
  for (const [title, lines, empty = "none"] of [...fleetSections(data), ...operationsSections(data)]) {
    out.push("", ...heading(title), ...(lines.length > 0 ? lines : [`  (${empty})`]));
  }
  return (
    out
      .flatMap((line) => line.split("\n"))
      .flatMap((line) => wrapLine(line))
      .join("\n") + "\n"
  );
}

/** A titled block of the report, with what to say when it has no lines. */
type Section = [title: string, lines: string[], empty?: string];

/** How the providers and models are doing. */
function fleetSections(data: HealthReportData): Section[] {
  return [
    // One block per provider: a row of counts, then what failed and why, each on its own lines. As
    // one table row per provider, error kinds and state reasons made lines of 400 columns and more.
    [
      "Providers",
      data.providers.flatMap((p) => [
        `  ${p.provider.padEnd(12)} ${stateLabel(p.state).padEnd(9)} success ${pct(p.successRate).padStart(6)}  ok ${p.successes}` +
          `  errors ${p.errors}  models ${p.enabledModels} (${p.failingModels} failing)`,
        ...(p.errors > 0 ? [`    errors by kind: ${kinds(p.errorsByKind)}`] : []),
        ...(p.stateReason ? [`    reason: ${p.stateReason}`] : []),
      ]),
    ],
    // The days wrap under the provider's name: a week fits on one line, a month takes three.
    [
      "Success rate per day",
      data.daily.flatMap((s) =>
        wrapAtoms(
          `  ${s.provider.padEnd(12)} `,
          s.points.map((p) => `${p.day.slice(5)} ${pct(rate(p)).padStart(6)}`),
          "  ",
        ),
      ),
    ],
    [
      situationsList(data).title,
      [
        ...restLine(situationsList(data)),
        ...data.situations.map(
          (s) =>
            `  - ${s.provider} | ${s.kind} | ${s.models} model(s) since ${when(s.startedAt)}: ${someIds(s.modelIds)}; ${situationAdvice(s)}\n    sample: "${s.sample}"`,
        ),
      ],
    ],
    [
      goneList(data).title,
      [
        ...restLine(goneList(data)),
        ...data.likelyGone.map(
          (m) =>
            `  - ${m.provider}:${m.modelId} ${m.kind}, failing for ${m.failingForHours ?? "?"} h: "${m.message}"` +
            (m.pending ? `\n    pending: ${pendingNote(m.pending)}` : ""),
        ),
      ],
    ],
    [
      fixesTitle(data.adapterFixes),
      data.adapterFixes.map((f) => {
        const note = fixNote(f);
        return (
          `  - ${f.provider} | ${f.kind} | ${fixSize(f, data.days)}: ${someIds(f.modelIds)}` +
          (note ? `\n    ${note}` : "") +
          f.samples.map((m) => `\n    sample: "${m}"`).join("")
        );
      }),
    ],
  ];
}

/** What the operator did and what waits, money, the checks and the jobs. */
function operationsSections(data: HealthReportData): Section[] {
  return [
    [
      autoActionsTitle(data),
      data.autoActions.map(
        (a) =>
          `  - batch ${a.batchId} at ${when(a.at)} by ${a.actor}: ${a.status}, applied ${a.applied}, failed ${a.failed}${a.reverted ? ", REVERTED" : ""}\n` +
          `${batchModels(a)}\n    why: ${a.reason}\n    ${a.reverted ? "" : "undo: "}${revertHowTo(a)}`,
      ),
    ],
    [
      waitingList(data).title,
      [
        ...restLine(waitingList(data)),
        ...data.waitingDecisions.map((d) => {
          const how = approveHowTo(d.id, data.consoleUrl);
          return (
            `  - ${d.id}: ${d.action} ${someIds(d.targets, 4)} (confidence ${d.confidence.toFixed(2)}, proposed by ${d.proposedBy}, expires ${when(d.expiresAt)})\n` +
            `    why: ${d.reasoning}\n` +
            (how.console ? `    review and approve: ${how.console}\n` : "") +
            `    approve: ${how.mcp}\n         or: ${how.cli}`
          );
        }),
      ],
    ],
    [
      "Discovery news",
      data.discovery === null
        ? []
        : data.discovery.map(
            (d) =>
              `  - ${d.provider}: ${d.reads} read(s), ${d.completeReads} complete, ${d.newModels} new model(s); last ${when(d.lastReadAt)}${d.lastComplete === false ? ` INCOMPLETE: ${d.lastError ?? "unknown error"}` : ""}`,
          ),
      data.discovery === null ? "the discovery ledger is empty" : "no reads in the window",
    ],
    [
      "Spend against budget",
      [
        ...data.spend.map(
          (s) =>
            `  - ${s.category}: today ${spendToday(s)} of ${usd(s.budgetUsd)} per day; ${data.days}-day total ${usd(s.windowUsd)}`,
        ),
        ...[assessmentSpendNote(data)].flatMap((note) => (note ? [`  (${note})`] : [])),
      ],
    ],
    [
      "Invariants",
      data.invariants === null
        ? []
        : data.invariants.results.map(
            (r) => `  - ${r.status.toUpperCase().padEnd(15)} ${r.check}: ${r.summary}`,
          ),
      "no evaluation available",
    ],
    [
      "Jobs",
      data.jobs.map(
        (j) =>
          `  - ${j.name.padEnd(26)} ${jobOutcome(j, { summary: j.consecutiveFailures === 0 })}` +
          `${j.consecutiveFailures > 0 ? `, ${j.consecutiveFailures} failure(s) in a row: ${j.lastError ?? ""}` : ""}`,
      ),
    ],
  ];
}

/** Where the rest of a cut list is. */
function restLine(list: CutList): string[] {
  return list.rest === null ? [] : [`  ${list.rest}`];
}

/** A batch's models: those still in force apart from those a later batch undid, when any was. */
function batchModels(a: HealthReportData["autoActions"][number]): string {
  if (a.undone.length === 0) return `    models: ${someIds(a.models)}`;
  return (
    `    models in force: ${someIds(modelsInForce(a))}\n` +
    `    no longer in force: ${a.undone.map(undoneNote).join("; ")}`
  );
}

/**
 * "== title ==", wrapped with its closing "==" on the last line: wrapped as a whole, a long title
 * (the automatic actions' counts) left the "==" alone on a line of its own.
 */
function heading(title: string): string[] {
  const lines = wrapLine(`== ${title}`, TEXT_WIDTH - 3);
  return [...lines.slice(0, -1), `${lines.at(-1)!} ==`];
}

/** Mail clients and terminals show plain text at about this width; no line of the report is longer. */
export const TEXT_WIDTH = 100;

/**
 * `line` broken at spaces into lines of at most `width` columns, continuation lines indented two
 * more than the line (so an item's text lines up after its "- "). Only a single word longer than
 * a whole line (a very long model id) is cut, since nothing else keeps the width.
 */
export function wrapLine(line: string, width = TEXT_WIDTH): string[] {
  if (line.length <= width) return [line];
  const lead = /^ */.exec(line)![0].length;
  const indent = " ".repeat(Math.min(lead + 2, width / 2));
  const out: string[] = [];
  let text = line;
  let start = lead; // no break inside the leading indent, which would leave an empty line
  while (text.length > width) {
    const space = text.lastIndexOf(" ", width);
    const cut = space > start ? space : width;
    out.push(text.slice(0, cut).trimEnd());
    text = indent + text.slice(cut).trimStart();
    start = indent.length;
  }
  out.push(text);
  return out;
}

/**
 * `head` followed by `atoms` separated by `sep`, wrapped so an atom is never split: continuation
 * lines start under the first atom.
 */
function wrapAtoms(head: string, atoms: string[], sep: string, width = TEXT_WIDTH): string[] {
  const indent = " ".repeat(Math.min(head.length, width / 2));
  const out: string[] = [];
  let current = head;
  let empty = true;
  for (const atom of atoms) {
    if (!empty && current.length + sep.length + atom.length > width) {
      out.push(current);
      current = indent;
      empty = true;
    }
    current += (empty ? "" : sep) + atom;
    empty = false;
  }
  out.push(current.trimEnd());
  return out;
}

function rate(p: { successes: number; errors: number }): number | null {
  const total = p.successes + p.errors;
  return total === 0 ? null : p.successes / total;
}
