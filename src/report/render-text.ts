import { approveHowTo, kinds, pct, revertHowTo, someIds, stateLabel, usd, when } from "./how-to.js";
import type { HealthReportData, OverallStatus } from "./types.js";

/** The plain-text part: readable in any mail client and in a terminal (`report health --dry-run`). */
export function renderText(data: HealthReportData, status: OverallStatus, reasons: string[]): string {
  const out: string[] = [
    `bench-operator health report, ${when(data.generatedAt)} (last ${data.days} days)`,
    "",
    `STATUS: ${status.toUpperCase()}`,
    ...reasons.map((r) => `  - ${r}`),
  ];
  const section = (title: string, lines: string[], empty = "none"): void => {
    out.push("", `== ${title} ==`, ...(lines.length > 0 ? lines : [`  (${empty})`]));
  };

  section(
    "Providers",
    data.providers.map(
      (p) =>
        `  ${p.provider.padEnd(12)} ${stateLabel(p.state).padEnd(9)} success ${pct(p.successRate).padStart(6)}  ok ${p.successes}  errors ${p.errors}  [${kinds(p.errorsByKind)}]` +
        `  models ${p.enabledModels} (${p.failingModels} failing)${p.stateReason ? `  - ${p.stateReason}` : ""}`,
    ),
  );
  section(
    "Success rate per day",
    data.daily.map(
      (s) =>
        `  ${s.provider.padEnd(12)} ${s.points.map((p) => `${p.day.slice(5)} ${pct(rate(p))}`).join("  ")}`,
    ),
  );
  section(
    `Situations (${data.situations.length})`,
    data.situations.map(
      (s) =>
        `  - ${s.provider} | ${s.kind} | ${s.models} model(s) since ${when(s.startedAt)}: ${someIds(s.modelIds)}; suggested: ${s.suggestion}\n    sample: "${s.sample}"`,
    ),
  );
  section(
    `Models likely gone (${data.likelyGone.length})`,
    data.likelyGone.map(
      (m) =>
        `  - ${m.provider}:${m.modelId} ${m.kind}, failing for ${m.failingForHours ?? "?"} h: "${m.message}"`,
    ),
  );
  section(
    `Adapter fixes needed (${data.adapterFixes.length})`,
    data.adapterFixes.map(
      (f) =>
        `  - ${f.provider} | ${f.kind} | ${f.count} error(s) on ${f.modelIds.length} model(s): ${someIds(f.modelIds)}\n    sample: "${f.sample}"`,
    ),
  );
  section(
    `Actions executed automatically (${data.autoActions.length})`,
    data.autoActions.map(
      (a) =>
        `  - batch ${a.batchId} at ${when(a.at)} by ${a.actor}: ${a.status}, applied ${a.applied}, failed ${a.failed}${a.revertedBy ? `, reverted by ${a.revertedBy}` : ""}\n` +
        `    models: ${someIds(a.models)}\n    why: ${a.reason}\n    undo: ${revertHowTo(a.batchId)}`,
    ),
  );
  section(
    `Decisions waiting for a human (${data.waitingDecisions.length})`,
    data.waitingDecisions.map((d) => {
      const how = approveHowTo(d.id);
      return (
        `  - ${d.id}: ${d.action} ${someIds(d.targets, 4)} (confidence ${d.confidence.toFixed(2)}, proposed by ${d.proposedBy}, expires ${when(d.expiresAt)})\n` +
        `    why: ${d.reasoning}\n    approve: ${how.mcp}\n         or: ${how.cli}`
      );
    }),
  );
  section(
    "Discovery news",
    data.discovery === null
      ? []
      : data.discovery.map(
          (d) =>
            `  - ${d.provider}: ${d.reads} read(s), ${d.completeReads} complete, ${d.newModels} new model(s); last ${when(d.lastReadAt)}${d.lastComplete === false ? ` INCOMPLETE: ${d.lastError ?? "unknown error"}` : ""}`,
        ),
    data.discovery === null ? "the discovery ledger is empty" : "no reads in the window",
  );
  section(
    "Spend against budget",
    data.spend.map(
      (s) =>
        `  - ${s.category}: today ${usd(s.todayUsd)} of ${usd(s.budgetUsd)} per day; ${data.days}-day total ${usd(s.windowUsd)}`,
    ),
  );
  section(
    "Invariants",
    data.invariants === null
      ? []
      : data.invariants.results.map(
          (r) => `  - ${r.status.toUpperCase().padEnd(15)} ${r.check}: ${r.summary}`,
        ),
    "no evaluation available",
  );
  section(
    "Jobs",
    data.jobs.map(
      (j) =>
        `  - ${j.name.padEnd(26)} ${j.unwiredBecause ? `not wired (needs ${j.unwiredBecause})` : j.lastOutcome === null ? "never ran" : `${j.lastOutcome} at ${when(j.lastRunAt)}`}` +
        `${j.consecutiveFailures > 0 ? `, ${j.consecutiveFailures} failure(s) in a row: ${j.lastError ?? ""}` : ""}`,
    ),
  );
  return out.join("\n") + "\n";
}

function rate(p: { successes: number; errors: number }): number | null {
  const total = p.successes + p.errors;
  return total === 0 ? null : p.successes / total;
}
