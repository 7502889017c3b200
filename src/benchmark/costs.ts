import type { Config } from "../config/config.js";
import { budgetsInForce, type BudgetSource } from "../policy/budgets.js";
import type { Repositories } from "../storage/repositories.js";
import type { SpendEntry } from "../storage/spend-repository.js";

export type CostGrouping = "provider" | "model" | "day";

export interface CostRow {
  key: string;
  runs: number;
  successes: number;
  failures: number;
  /** USD charged to the budget: known costs plus the flat estimate for runs without a price. */
  spent_usd: number;
  /** The part of `spent_usd` that is an estimate (runs whose model has no catalog price). */
  estimated_usd: number;
  unknown_price_runs: number;
  /** spent / successful runs; null when nothing succeeded (failed runs still count as spend). */
  cost_per_success_usd: number | null;
}

export interface CostReport {
  since: Date;
  by: CostGrouping;
  rows: CostRow[];
  total: CostRow;
  budget: {
    limit_usd_per_day: number;
    spent_today_usd: number;
    left_today_usd: number;
    alert_fraction: number;
    /** Whether the policy states the limit, BENCH_DAILY_BUDGET_USD (set) supplies it, or its built-in default. */
    source: BudgetSource;
  };
  /**
   * The operator's own LLM calls today (decisions, `--ask-llm`, the email's assessment), against the
   * operator's daily budget, as the budget check counts them: a call in flight at its estimate.
   */
  operator_today: {
    limit_usd_per_day: number;
    /** Closed calls and calls in flight together. */
    spent_usd: number;
    calls: number;
    in_flight_usd: number;
    in_flight_calls: number;
    left_usd: number;
    source: BudgetSource;
  };
}

/**
 * Benchmark spend from the ledger (one entry per run, written by recordRunResult), grouped by
 * provider, model or UTC day, with the cost per successful run and what the day's budget has
 * left. One read of the ledger since `since`; grouping is in memory.
 */
export async function benchmarkCosts(
  repos: Repositories,
  config: Pick<Config, "operator" | "benchmark">,
  opts: { by: CostGrouping; since: Date; now: Date },
): Promise<CostReport> {
  const dayStart = new Date(
    Date.UTC(opts.now.getUTCFullYear(), opts.now.getUTCMonth(), opts.now.getUTCDate()),
  );
  // Today's operator calls are a handful: read whole (closed and in flight, as the budget check counts them).
  const [entries, spentToday, { policy }, operatorCalls, operatorOpen] = await Promise.all([
    repos.spend.since("benchmark", opts.since),
    repos.spend.spentToday("benchmark", opts.now),
    repos.policies.current(),
    repos.spend.since("operator", dayStart),
    repos.spend.openToday("operator", opts.now),
  ]);
  const operatorSpent = operatorCalls.reduce((sum, e) => sum + e.costUsd, 0);
  const groups = new Map<string, CostRow>();
  const total = emptyRow("total");
  for (const e of entries) {
    const key = keyOf(e, opts.by);
    let row = groups.get(key);
    if (!row) groups.set(key, (row = emptyRow(key)));
    add(row, e);
    add(total, e);
  }
  const rows = [...groups.values()]
    .map(finish)
    .sort((a, b) => (opts.by === "day" ? cmp(a.key, b.key) : b.spent_usd - a.spent_usd || cmp(a.key, b.key)));
  const budgets = budgetsInForce(policy, config);
  const limit = budgets.benchmark.usd_per_day;
  return {
    since: opts.since,
    by: opts.by,
    rows,
    total: finish(total),
    budget: {
      limit_usd_per_day: limit,
      spent_today_usd: round(spentToday),
      left_today_usd: round(Math.max(0, limit - spentToday)),
      alert_fraction: budgets.alert_fraction,
      source: budgets.benchmark.source,
    },
    operator_today: {
      limit_usd_per_day: budgets.operator.usd_per_day,
      spent_usd: round(operatorSpent),
      calls: operatorCalls.length,
      in_flight_usd: round(operatorOpen.usd),
      in_flight_calls: operatorOpen.calls,
      left_usd: round(Math.max(0, budgets.operator.usd_per_day - operatorSpent)),
      source: budgets.operator.source,
    },
  };
}

function keyOf(e: SpendEntry, by: CostGrouping): string {
  if (by === "provider") return e.backend;
  if (by === "model") return `${e.backend}:${e.model}`;
  return e.at.toISOString().slice(0, 10);
}

function emptyRow(key: string): CostRow {
  return {
    key,
    runs: 0,
    successes: 0,
    failures: 0,
    spent_usd: 0,
    estimated_usd: 0,
    unknown_price_runs: 0,
    cost_per_success_usd: null,
  };
}

function add(row: CostRow, e: SpendEntry): void {
  row.runs++;
  if (e.ok) row.successes++;
  else row.failures++;
  row.spent_usd += e.costUsd;
  if (e.priceKnown === false) {
    row.unknown_price_runs++;
    row.estimated_usd += e.costUsd;
  }
}

function finish(row: CostRow): CostRow {
  return {
    ...row,
    spent_usd: round(row.spent_usd),
    estimated_usd: round(row.estimated_usd),
    cost_per_success_usd: row.successes > 0 ? round(row.spent_usd / row.successes) : null,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** CSV with a header row; keys are quoted when they contain a comma or a quote. */
export function costsCsv(report: CostReport): string {
  const cols = [
    "key",
    "runs",
    "successes",
    "failures",
    "spent_usd",
    "estimated_usd",
    "unknown_price_runs",
    "cost_per_success_usd",
  ] as const;
  const cell = (v: string | number | null) => {
    const s = v === null ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [
      [report.by, ...cols.slice(1)].join(","),
      ...[...report.rows, report.total].map((r) => cols.map((c) => cell(r[c])).join(",")),
    ].join("\n") + "\n"
  );
}
