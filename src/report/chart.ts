import { esc } from "./escape.js";
import type { DailyPoint } from "./types.js";

const COLORS = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#ff7f0e",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#7f7f7f",
  "#bcbd22",
];
const W = 640;
const PLOT_H = 200;
const LEFT = 44;
const RIGHT = 12;
const TOP = 28;
const LEGEND_ROW = 16;

/**
 * Per-provider success rate per day as an inline SVG line chart: one line per provider, 0-100 %,
 * days on the x axis. A day on which a provider ran nothing breaks its line instead of drawing 0.
 * Pure; every label is escaped.
 */
export function successRateChart(
  series: { provider: string; points: DailyPoint[] }[],
  title: string,
): string {
  const days = [...new Set(series.flatMap((s) => s.points.map((p) => p.day)))].sort();
  const legendRows = Math.ceil(series.length / 4);
  const height = TOP + PLOT_H + 30 + legendRows * LEGEND_ROW;
  const plotW = W - LEFT - RIGHT;
  const x = (i: number): number => LEFT + (days.length <= 1 ? plotW / 2 : (i * plotW) / (days.length - 1));
  const y = (rate: number): number => TOP + PLOT_H - rate * PLOT_H;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img" aria-label="${esc(title)}" font-family="Arial, sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<rect x="0" y="0" width="${W}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${LEFT}" y1="${y(tick)}" x2="${W - RIGHT}" y2="${y(tick)}" stroke="#dddddd"/>`,
      `<text x="${LEFT - 6}" y="${y(tick) + 4}" text-anchor="end" fill="#555555">${tick * 100}%</text>`,
    );
  }
  days.forEach((d, i) => {
    parts.push(
      `<text x="${x(i)}" y="${TOP + PLOT_H + 16}" text-anchor="middle" fill="#555555">${esc(d.slice(5))}</text>`,
    );
  });
  series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length]!;
    const byDay = new Map(s.points.map((p) => [p.day, p]));
    let segment: string[] = [];
    const flush = (): void => {
      if (segment.length > 1)
        parts.push(
          `<polyline fill="none" stroke="${color}" stroke-width="2" points="${segment.join(" ")}"/>`,
        );
      segment = [];
    };
    days.forEach((d, i) => {
      const p = byDay.get(d);
      const total = p ? p.successes + p.errors : 0;
      if (!p || total === 0) return flush();
      const px = x(i).toFixed(1);
      const py = y(p.successes / total).toFixed(1);
      segment.push(`${px},${py}`);
      parts.push(`<circle cx="${px}" cy="${py}" r="2.5" fill="${color}"/>`);
    });
    flush();
    const lx = LEFT + (k % 4) * 150;
    const ly = TOP + PLOT_H + 34 + Math.floor(k / 4) * LEGEND_ROW;
    parts.push(
      `<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${color}"/>`,
      `<text x="${lx + 14}" y="${ly}">${esc(s.provider)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
