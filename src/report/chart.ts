import { esc } from "./escape.js";
import { pct } from "./how-to.js";
import type { DailyPoint } from "./types.js";

/**
 * Success-rate bands, best first: the cell colour and a text colour with enough contrast on it
 * (WCAG AA for 11-13 px text). The percentage is printed in every cell, so the colour only helps
 * the eye; nobody has to tell two colours apart to read the chart.
 */
const BANDS: { min: number; bg: string; fg: string }[] = [
  { min: 0.99, bg: "#1b5e20", fg: "#ffffff" },
  { min: 0.95, bg: "#a5d6a7", fg: "#102a12" },
  { min: 0.8, bg: "#fff59d", fg: "#3e3500" },
  { min: 0.5, bg: "#ffb74d", fg: "#3e2000" },
  { min: 0, bg: "#b71c1c", fg: "#ffffff" },
];
const NO_RUNS = { bg: "#eeeeee", fg: "#555555" };
const CELL = "padding:3px 6px;border:1px solid #ffffff;text-align:center;font-size:12px";
const HEAD = "padding:3px 6px;text-align:left;font-size:12px;font-weight:bold";

/**
 * Per-provider success rate per day as an HTML table heat-map: one row per provider, named in its
 * own header cell, one column per day, the rate printed in each cell. A table with bgcolor is what
 * every common mail client shows (Gmail and Outlook for Windows drop inline SVG and images need a
 * click); a day on which a provider ran nothing shows "-" instead of 0%. Pure; every label is escaped.
 */
export function successRateChart(
  series: { provider: string; points: DailyPoint[] }[],
  title: string,
): string {
  const days = [...new Set(series.flatMap((s) => s.points.map((p) => p.day)))].sort();
  const head = days.map((d) => `<th scope="col" style="${HEAD};text-align:center">${esc(d.slice(5))}</th>`);
  const rows = series.map((s) => {
    const byDay = new Map(s.points.map((p) => [p.day, p]));
    const cells = days.map((d) => rateCell(byDay.get(d), s.provider, d));
    return `<tr><th scope="row" style="${HEAD}">${esc(s.provider)}</th>${cells.join("")}</tr>`;
  });
  return [
    `<table role="table" style="border-collapse:collapse" cellpadding="0" cellspacing="0">`,
    `<caption style="${HEAD};font-size:13px;padding-bottom:4px">${esc(title)}</caption>`,
    `<tr><th scope="col" style="${HEAD}">provider</th>${head.join("")}</tr>`,
    ...rows,
    `</table>`,
  ].join("");
}

function rateCell(p: DailyPoint | undefined, provider: string, day: string): string {
  const total = p ? p.successes + p.errors : 0;
  if (!p || total === 0)
    return `<td bgcolor="${NO_RUNS.bg}" style="${CELL};background:${NO_RUNS.bg};color:${NO_RUNS.fg}" title="${esc(`${provider} ${day}: no runs`)}">-</td>`;
  const rate = p.successes / total;
  const band = BANDS.find((b) => rate >= b.min) ?? BANDS[BANDS.length - 1]!;
  // The text part's formatting (floored): the same cell reads the same in both parts.
  const label = pct(rate);
  const detail = `${provider} ${day}: ${p.successes} ok, ${p.errors} errors`;
  return `<td bgcolor="${band.bg}" style="${CELL};background:${band.bg};color:${band.fg}" title="${esc(detail)}">${label}</td>`;
}
