import type { HealthReportData, OverallStatus } from "./types.js";

/** A job lane that failed this many runs in a row makes the fleet critical. */
const FAILING_LANE = 3;

/**
 * The overall status and why, most serious first. Critical: something is broken that no automatic
 * path will fix (an invariant violated or unevaluable by error, a provider blocked on a human, a
 * budget overrun, a job lane failing). Warning: something needs a person's attention soon.
 */
export function overallStatus(data: HealthReportData): { status: OverallStatus; reasons: string[] } {
  const critical: string[] = [];
  const warning: string[] = [];
  const results = data.invariants?.results ?? [];
  const violated = results.filter((r) => r.status === "violation" || r.status === "error");
  if (violated.length > 0)
    critical.push(`${violated.length} invariant(s) violated: ${violated.map((r) => r.check).join(", ")}`);
  const blocked = data.providers.filter((p) => p.state === "blocked");
  if (blocked.length > 0)
    critical.push(
      `provider(s) blocked: ${blocked.map((p) => `${p.provider} (${p.stateReason})`).join("; ")}`,
    );
  const over = data.spend.filter((s) => s.todayUsd > s.budgetUsd);
  if (over.length > 0) critical.push(`over budget today: ${over.map((s) => s.category).join(", ")}`);
  const lanes = data.jobs.filter((j) => j.consecutiveFailures >= FAILING_LANE);
  if (lanes.length > 0) critical.push(`job(s) failing repeatedly: ${lanes.map((j) => j.name).join(", ")}`);

  if (!data.invariants) warning.push("no invariant evaluation available");
  const unsure = results.filter((r) => r.status === "warning" || r.status === "cannot_evaluate");
  if (unsure.length > 0)
    warning.push(
      `${unsure.length} invariant(s) with warnings or not evaluable: ${unsure.map((r) => r.check).join(", ")}`,
    );
  const weak = data.providers.filter((p) => p.state === "degraded" || p.state === "paused");
  if (weak.length > 0) warning.push(`provider(s) ${weak.map((p) => `${p.provider} ${p.state}`).join(", ")}`);
  if (data.waitingTotal > 0) warning.push(`${data.waitingTotal} decision(s) wait for a human`);
  const fixes = data.adapterFixes.filter((f) => f.needed);
  if (fixes.length > 0)
    warning.push(
      `${fixes.length} adapter fix(es) needed: ${fixes.map((f) => `${f.provider} ${f.kind}`).join(", ")}`,
    );
  const near = data.spend.filter(
    (s) => s.todayUsd <= s.budgetUsd && s.todayUsd > 0 && s.todayUsd >= s.alertFraction * s.budgetUsd,
  );
  if (near.length > 0) warning.push(`near budget today: ${near.map((s) => s.category).join(", ")}`);
  const shaky = data.jobs.filter((j) => j.consecutiveFailures > 0 && j.consecutiveFailures < FAILING_LANE);
  if (shaky.length > 0) warning.push(`job(s) failed their last run: ${shaky.map((j) => j.name).join(", ")}`);
  const unwired = data.jobs.filter((j) => j.unwiredBecause);
  if (unwired.length > 0) warning.push(`job(s) not wired: ${unwired.map((j) => j.name).join(", ")}`);

  if (critical.length > 0) return { status: "critical", reasons: [...critical, ...warning] };
  if (warning.length > 0) return { status: "warning", reasons: warning };
  return { status: "healthy", reasons: ["every check passed and nothing waits for a human"] };
}
