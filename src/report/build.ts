import { changesInForce } from "./how-to.js";
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
    html: renderHtml(data, status, reasons, subject),
  };
}

/**
 * What was done and what waits, first in the subject so an inbox list answers "do I need to act?":
 * "15 automatic changes (12 disables, 3 settings), 5 waiting for you". The changes are the model
 * changes still in force, not batches: a batch holds many, and a reverted one holds none.
 */
function whatHappened(data: HealthReportData): string {
  const waiting = data.waitingTotal;
  return `${changesInForce(data)}, ${waiting} waiting for you`;
}

/** `text` cut to `max` characters at a word's end, so the inbox line does not end in half a word. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(" ", max - 1);
  return `${text.slice(0, space > max / 2 ? space : max - 1).replace(/[\s,;:(]+$/, "")}…`;
}
