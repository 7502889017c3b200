import { z } from "zod";
import { BUDGET_SOURCES, budgetsInForce } from "../policy/budgets.js";
import type { SpendCounters } from "../storage/spend-days-repository.js";
import type { DayTotals } from "../storage/spend-repository.js";
import { isoDate } from "./schemas.js";
import { defineTool } from "./tool.js";

const DAY_MS = 86_400_000;

const input = z.strictObject({
  days: z
    .number()
    .int()
    .min(1)
    .max(14)
    .default(1)
    .describe("How many UTC days of totals to return, today included (1 to 14, default 1)."),
});

const output = z.object({
  as_of: isoDate,
  budgets: z.object({
    operator_usd_per_day: z
      .number()
      .describe("The budget for the operator's own LLM calls: a call that would exceed it is not made."),
    benchmark_usd_per_day: z
      .number()
      .describe("The budget for benchmark runs and probes: a run that would exceed it is not claimed."),
    alert_fraction: z.number(),
    source: z
      .object({ operator: z.enum(BUDGET_SOURCES), benchmark: z.enum(BUDGET_SOURCES) })
      .describe(
        "policy: the policy in force states the budget; environment: it does not, so OPERATOR_DAILY_BUDGET_USD or BENCH_DAILY_BUDGET_USD, which is set, does; default: neither states it, so the setting's built-in default applies.",
      ),
  }),
  today: z.array(
    z.object({
      category: z.enum(["operator", "benchmark"]),
      spent_usd: z.number().describe("What today's closed calls and runs cost."),
      in_flight_usd: z
        .number()
        .describe(
          "Calls written at their estimate before they were made and not closed yet (in flight now, or left by a process that stopped until they are settled): the budget check counts them too.",
        ),
      in_flight_calls: z.number(),
      budget_usd: z.number(),
      fraction: z
        .number()
        .nullable()
        .describe(
          "(spent_usd + in_flight_usd) / budget_usd, as the budget check sees it; null without a budget.",
        ),
      alert: z.boolean(),
    }),
  ),
  by_day: z.array(
    z.object({
      day: z.string().describe("YYYY-MM-DD (UTC)."),
      operator_usd: z.number(),
      benchmark_usd: z.number(),
    }),
  ),
  recent_operator_calls: z
    .array(
      z.object({
        at: isoDate,
        purpose: z.string(),
        run_id: z.string(),
        backend: z.string(),
        model: z.string(),
        input_tokens: z.number(),
        output_tokens: z.number(),
        cost_usd: z.number(),
        ok: z.boolean(),
      }),
    )
    .describe("The newest 10 operator LLM calls of the last 14 days, failed ones included."),
  benchmark_by_provider: z
    .array(
      z.object({
        provider: z.string(),
        runs: z.number(),
        successes: z.number(),
        spent_usd: z.number(),
        estimated_usd: z
          .number()
          .describe(
            "The part of spent_usd charged at the flat estimate because the model has no known price.",
          ),
        unknown_price_runs: z.number(),
        cost_per_success_usd: z.number().nullable().describe("Null when no run succeeded."),
      }),
    )
    .describe("Benchmark spend over the same days, per provider, most expensive first."),
  benchmark_budget_left_today_usd: z
    .number()
    .describe(
      "Today's benchmark budget less what is spent and what is in flight: what the sweep's budget check leaves.",
    ),
  notes: z
    .array(z.string())
    .describe(
      "Why a figure is zero, when nothing was charged: so that $0 is not read as a fault or as free runs.",
    ),
});

/** Why nothing was charged, in the words a reader of the zeros needs. */
function zeroNotes(opts: {
  operatorCallsToday: number;
  llmConfigured: boolean;
  benchmarkRuns: number;
  days: number;
}): string[] {
  const notes: string[] = [];
  if (opts.operatorCallsToday === 0)
    notes.push(
      opts.llmConfigured
        ? "No operator LLM call today: a run asks the LLM only about a situation whose evidence changed since its last verdict."
        : "No operator LLM is configured in this server's environment (OPERATOR_LLM, or OPENAI_API_KEY or Bedrock credentials): operator runs here decide with the classifier, which costs nothing. The process that runs the scheduled jobs may be configured otherwise; its calls would show here.",
    );
  if (opts.benchmarkRuns === 0)
    notes.push(
      `No benchmark run was charged in the last ${opts.days} day(s): no sweep, probe or runner ran through this database, or the fleet's measurements were stored by something that charges nothing (the demo seeds them; an earlier system wrote them).`,
    );
  return notes;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const dayOf = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Benchmark spend per provider over the days, most expensive first (the ledger's backend is the provider). */
function byProvider(days: DayTotals[]) {
  const sums = new Map<string, SpendCounters>();
  for (const d of days) {
    for (const [provider, c] of d.by) {
      const s = sums.get(provider) ?? { runs: 0, ok: 0, usd: 0, unknown_price_runs: 0, estimated_usd: 0 };
      s.runs += c.runs;
      s.ok += c.ok;
      s.usd += c.usd;
      s.unknown_price_runs += c.unknown_price_runs;
      s.estimated_usd += c.estimated_usd;
      sums.set(provider, s);
    }
  }
  return [...sums]
    .map(([provider, s]) => ({
      provider,
      runs: s.runs,
      successes: s.ok,
      spent_usd: round(s.usd),
      estimated_usd: round(s.estimated_usd),
      unknown_price_runs: s.unknown_price_runs,
      cost_per_success_usd: s.ok > 0 ? round(s.usd / s.ok) : null,
    }))
    .sort((a, b) => b.spent_usd - a.spent_usd || (a.provider < b.provider ? -1 : 1));
}

export const getCosts = defineTool({
  name: "get_costs",
  title: "Spend and budgets",
  description:
    "Returns what was spent today (UTC) on the operator's own LLM calls and on benchmark traffic, against the policy's " +
    "daily budgets and alert threshold, daily totals for up to 14 days, the newest operator LLM calls with tokens and " +
    "cost, and benchmark spend per provider with the cost per successful run and the budget left today. Use it before run_operator with dry_run=false (a real run may call the LLM) and in a daily review.",
  operation: "read",
  input,
  output,
  async handler(args, ctx) {
    const { spend } = ctx.services;
    const today = new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth(), ctx.now.getUTCDate()));
    // Newest first; the recent operator calls are looked for in the longest window the tool offers.
    const recentDays = Array.from({ length: 14 }, (_, i) => dayOf(today.getTime() - i * DAY_MS));
    const days = recentDays.slice(0, args.days);
    const [{ policy: current }, operator, benchmark, operatorOpen, benchmarkOpen] = await Promise.all([
      ctx.deps.repos.policies.current(),
      spend.dayTotals("operator", recentDays),
      spend.dayTotals("benchmark", days),
      spend.openToday("operator", ctx.now),
      spend.openToday("benchmark", ctx.now),
    ]);
    const budgets = budgetsInForce(current, ctx.deps.config);
    const spent = (m: Map<string, DayTotals>, day: string): number => m.get(day)?.usd ?? 0;
    const opToday = spent(operator, days[0]!);
    const benchToday = spent(benchmark, days[0]!);
    const recent = [...operator.values()]
      .flatMap((d) => d.calls)
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, 10);
    const line = (
      category: "operator" | "benchmark",
      spent: number,
      open: { calls: number; usd: number },
      budget: number,
    ) => {
      const fraction = budget > 0 ? Math.round(((spent + open.usd) / budget) * 1000) / 1000 : null;
      return {
        category,
        spent_usd: round(spent),
        in_flight_usd: round(open.usd),
        in_flight_calls: open.calls,
        budget_usd: budget,
        fraction,
        alert: fraction !== null && fraction >= budgets.alert_fraction,
      };
    };
    return {
      as_of: ctx.now.toISOString(),
      budgets: {
        operator_usd_per_day: budgets.operator.usd_per_day,
        benchmark_usd_per_day: budgets.benchmark.usd_per_day,
        alert_fraction: budgets.alert_fraction,
        source: { operator: budgets.operator.source, benchmark: budgets.benchmark.source },
      },
      today: [
        line("operator", opToday, operatorOpen, budgets.operator.usd_per_day),
        line("benchmark", benchToday, benchmarkOpen, budgets.benchmark.usd_per_day),
      ],
      by_day: days.map((day) => ({
        day,
        operator_usd: round(spent(operator, day)),
        benchmark_usd: round(spent(benchmark, day)),
      })),
      recent_operator_calls: recent.map((e) => ({
        at: e.at.toISOString(),
        purpose: e.purpose,
        run_id: e.run_id,
        backend: e.backend,
        model: e.model,
        input_tokens: e.input_tokens,
        output_tokens: e.output_tokens,
        cost_usd: e.cost_usd,
        ok: e.ok,
      })),
      benchmark_by_provider: byProvider([...benchmark.values()]),
      benchmark_budget_left_today_usd: round(
        Math.max(0, budgets.benchmark.usd_per_day - benchToday - benchmarkOpen.usd),
      ),
      notes: zeroNotes({
        operatorCallsToday: operator.get(days[0]!)?.calls.length ?? 0,
        llmConfigured: ctx.deps.config.operator.llm.length > 0,
        benchmarkRuns: [...benchmark.values()].reduce(
          (n, d) => n + [...d.by.values()].reduce((m, c) => m + c.runs, 0),
          0,
        ),
        days: days.length,
      }),
    };
  },
});
