import { renderHtml } from "./render-html.js";
import { renderText } from "./render-text.js";
import { overallStatus } from "./status.js";
import type { HealthReportData, RenderedReport } from "./types.js";

/** The health report as a message: pure, from gathered data to subject, text and HTML. */
export function buildHealthReport(data: HealthReportData): RenderedReport {
  const { status, reasons } = overallStatus(data);
  const day = data.generatedAt.toISOString().slice(0, 10);
  const more = reasons.length > 1 ? ` (+${reasons.length - 1} more)` : "";
  const headline = reasons[0] ?? "";
  const subject = `[bench-operator] ${status.toUpperCase()}: ${whatHappened(data)} | ${truncate(headline, 90)}${more} - ${day}`;
  return {
    status,
    reasons,
    subject,
    text: renderText(data, status, reasons),
    html: renderHtml(data, status, reasons),
  };
}

/**
 * What was done and what waits, first in the subject so an inbox list answers "do I need to act?":
 * "2 auto-actions, 5 waiting for you".
 */
function whatHappened(data: HealthReportData): string {
  const acted = data.autoActions.length;
  const waiting = data.waitingDecisions.length;
  return `${acted} auto-action${acted === 1 ? "" : "s"}, ${waiting} waiting for you`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
