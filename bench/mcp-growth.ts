/**
 * Growth of each read's latency with the raw history (issue 13: "within 20% between 100,000 and 1
 * million history documents"): per transport and tool, the p50 and p95 at the smallest and the
 * largest history size and their ratio. The p50 is the figure to compare: a p95 of a few dozen
 * calls is close to their maximum, and the ratio of two small maxima moves with any other load on
 * the machine (`--calls 1000` gives each read ~75 calls). Why the reads cannot grow with history
 * is test/integration/read-paths-history.test.ts: none of them reads it.
 */
export interface ReadFigures {
  p50Ms: number;
  p95Ms: number;
}

export interface GrowthLevel {
  history: number;
  byTransport: Record<string, Record<string, ReadFigures>>;
}

export type GrowthRow = {
  transport: string;
  read: string;
  p50_small_ms: number;
  p50_large_ms: number;
  p50_ratio: number;
  p95_small_ms: number;
  p95_large_ms: number;
  p95_ratio: number;
};

const ratio = (large: number, small: number): number =>
  small > 0 ? Math.round((large / small) * 100) / 100 : Number.NaN;

/** One row per transport and read, smallest against largest history; none with one level. */
export function growthRows(levels: readonly GrowthLevel[]): GrowthRow[] {
  if (levels.length < 2) return [];
  const small = levels[0]!;
  const large = levels[levels.length - 1]!;
  const rows: GrowthRow[] = [];
  for (const [transport, reads] of Object.entries(small.byTransport)) {
    for (const [read, s] of Object.entries(reads)) {
      const l = large.byTransport[transport]?.[read];
      if (!l) continue;
      rows.push({
        transport,
        read,
        p50_small_ms: s.p50Ms,
        p50_large_ms: l.p50Ms,
        p50_ratio: ratio(l.p50Ms, s.p50Ms),
        p95_small_ms: s.p95Ms,
        p95_large_ms: l.p95Ms,
        p95_ratio: ratio(l.p95Ms, s.p95Ms),
      });
    }
  }
  return rows;
}

/** The median of the p50 ratios and the largest one, for the summary line. */
export function growthSummary(rows: readonly GrowthRow[]): { medianP50Ratio: number; maxP50Ratio: number } {
  const r = rows
    .map((x) => x.p50_ratio)
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b);
  if (r.length === 0) return { medianP50Ratio: Number.NaN, maxP50Ratio: Number.NaN };
  return { medianP50Ratio: r[Math.floor(r.length / 2)]!, maxP50Ratio: r[r.length - 1]! };
}
