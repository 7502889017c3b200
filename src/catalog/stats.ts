import type { CatalogIndex } from "./catalog-index.js";

export interface CatalogStatsRow {
  provider: string;
  entries: number;
  benchmarkable: number;
  tools: number;
  reasoning: number;
  structuredOutputs: number;
  vision: number;
  /** Entries with a known output price. */
  priced: number;
  inFleet: number;
  benchmarked: number;
  lastCompleteReadAt: Date | null;
  /** Why the others are not benchmarkable, with counts. */
  notBenchmarkable: Record<string, number>;
}

/** Counts per source (OpenRouter, then each provider), for `catalog stats`. */
export function catalogStats(index: CatalogIndex): CatalogStatsRow[] {
  const rows = new Map<string, CatalogStatsRow>();
  for (const e of index.entries) {
    let row = rows.get(e.provider);
    if (!row) {
      row = {
        provider: e.provider,
        entries: 0,
        benchmarkable: 0,
        tools: 0,
        reasoning: 0,
        structuredOutputs: 0,
        vision: 0,
        priced: 0,
        inFleet: 0,
        benchmarked: 0,
        lastCompleteReadAt: e.lastCompleteReadAt,
        notBenchmarkable: {},
      };
      rows.set(e.provider, row);
    }
    const f = e.facts;
    row.entries += 1;
    if (f.benchmarkable.value) row.benchmarkable += 1;
    else if (f.notBenchmarkableReason) {
      row.notBenchmarkable[f.notBenchmarkableReason] =
        (row.notBenchmarkable[f.notBenchmarkableReason] ?? 0) + 1;
    }
    if (f.tools?.value) row.tools += 1;
    if (f.reasoning?.value) row.reasoning += 1;
    if (f.structuredOutputs?.value) row.structuredOutputs += 1;
    if (f.inputModalities?.value.includes("image")) row.vision += 1;
    if (f.outputPricePerMillion) row.priced += 1;
    if (e.fleet.inFleet) row.inFleet += 1;
    if (e.fleet.benchmarked) row.benchmarked += 1;
  }
  return [...rows.values()].sort((a, b) =>
    a.provider === "openrouter" ? -1 : b.provider === "openrouter" ? 1 : a.provider.localeCompare(b.provider),
  );
}
