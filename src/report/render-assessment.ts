import { esc } from "./escape.js";
import { usd } from "./how-to.js";
import type { ReportAssessment } from "./types.js";

/**
 * The assessment as the email shows it, above the deterministic sections and marked as the LLM's
 * reading. Every LLM text is escaped in HTML and was flattened to one line when parsed, so in
 * either part it stays inside its own list item.
 */

const MARK = "the LLM's reading of the digest below, not a measurement";

/**
 * The box that sets the assessment apart: a one-cell table with `bgcolor`, since Outlook for
 * Windows (Word's engine) ignores padding on a div and may drop a `background` shorthand.
 */
const BOX_OPEN =
  '<table id="assessment" role="presentation" width="100%" cellpadding="8" cellspacing="0" style="border:1px dashed #999999"><tr><td bgcolor="#f7f7f7" style="background-color:#f7f7f7">';
const BOX_CLOSE = "</td></tr></table>";

export function assessmentHtml(a: ReportAssessment | undefined): string[] {
  if (a === undefined) return [];
  if (a.status === "unavailable") {
    return [
      `${BOX_OPEN}<p><b>Assessment unavailable</b>: ${esc(a.reason)}${esc(charged(a.costUsd))}. What follows is the deterministic report alone.</p>${BOX_CLOSE}`,
    ];
  }
  const list = (title: string, items: string[]): string =>
    items.length === 0
      ? ""
      : `<p><b>${esc(title)}</b></p><ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`;
  return [
    BOX_OPEN,
    `<h2 style="font-size:15px;margin-top:0">Assessment (${esc(MARK)})</h2>`,
    `<p><i>By ${esc(a.by)}, ${esc(usd(a.costUsd))}; advice only, it changes nothing. Its overall reading: ${esc(a.overallStatus.toUpperCase())}.</i></p>`,
    `<p>${esc(a.summary)}</p>`,
    ...sections(a).map(([title, items]) => list(title, items)),
    BOX_CLOSE,
  ];
}

export function assessmentText(a: ReportAssessment | undefined): string[] {
  if (a === undefined) return [];
  if (a.status === "unavailable") {
    return [
      "",
      `Assessment unavailable: ${a.reason}${charged(a.costUsd)}. What follows is the deterministic report alone.`,
    ];
  }
  return [
    "",
    `== Assessment (${MARK}) ==`,
    `  By ${a.by}, ${usd(a.costUsd)}; advice only, it changes nothing. Its overall reading: ${a.overallStatus.toUpperCase()}.`,
    `  ${a.summary}`,
    ...sections(a).flatMap(([title, items]) =>
      items.length === 0 ? [] : [`  ${title}:`, ...items.map((i) => `    - ${i}`)],
    ),
  ];
}

/** An unusable answer is still paid for: the reader sees it here and in Spend. */
function charged(costUsd = 0): string {
  return costUsd > 0 ? ` (charged ${usd(costUsd)})` : "";
}

function sections(a: Extract<ReportAssessment, { status: "ok" }>): [string, string[]][] {
  return [
    ["Models likely deprecated", a.likelyDeprecated.map((d) => `${d.model}: ${d.reason}`)],
    ["Code fixes needed", a.codeFixes.map((f) => `${f.provider}: ${f.problem} Fix: ${f.fix}`)],
    ["Provider-wide issues", a.providerIssues.map((i) => `${i.provider}: ${i.issue}`)],
    ["Recommended actions", a.recommendedActions],
    ["Left out of this reading", a.dropped],
  ];
}
