import { z } from "zod";
import { benchmarkCosts } from "../benchmark/costs.js";
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
    operator_usd_per_day: z.number().describe("Policy budget for the operator's own LLM calls."),
    benchmark_usd_per_day: z.number().describe("Policy budget for benchmark traffic."),
    alert_fraction: z.number(),
    operator_hard_limit_usd_per_day: z
      .number()
      .describe("OPERATOR_DAILY_BUDGET_USD: calls beyond it are refused."),
  }),
  today: z.array(
    z.object({
      category: z.enum(["operator", "benchmark"]),
      spent_usd: z.number(),
      budget_usd: z.number(),
      fraction: z.number().nullable(),
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
    .describe("The newest 10 operator LLM calls, failed ones included."),
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
  benchmark_budget_left_today_usd: z.number(),
});

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

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
    const days = Array.from({ length: args.days }, (_, i) => new Date(today.getTime() - i * DAY_MS));
    const [{ policy }, totals, recent, bench] = await Promise.all([
      ctx.deps.repos.policies.current(),
      Promise.all(
        days.map(
          async (d) =>
            [await spend.spentToday("operator", d), await spend.spentToday("benchmark", d)] as const,
        ),
      ),
      spend.recent("operator", 10),
      benchmarkCosts(ctx.deps.repos, { by: "provider", since: days[days.length - 1]!, now: ctx.now }),
    ]);
    const [opToday, benchToday] = totals[0] ?? [0, 0];
    const line = (category: "operator" | "benchmark", spent: number, budget: number) => {
      const fraction = budget > 0 ? Math.round((spent / budget) * 1000) / 1000 : null;
      return {
        category,
        spent_usd: round(spent),
        budget_usd: budget,
        fraction,
        alert: fraction !== null && fraction >= policy.budgets.alert_fraction,
      };
    };
    return {
      as_of: ctx.now.toISOString(),
      budgets: {
        operator_usd_per_day: policy.budgets.operator_usd_per_day,
        benchmark_usd_per_day: policy.budgets.benchmark_usd_per_day,
        alert_fraction: policy.budgets.alert_fraction,
        operator_hard_limit_usd_per_day: ctx.deps.config.operator.dailyBudgetUsd,
      },
      today: [
        line("operator", opToday, policy.budgets.operator_usd_per_day),
        line("benchmark", benchToday, policy.budgets.benchmark_usd_per_day),
      ],
      by_day: days.map((d, i) => ({
        day: d.toISOString().slice(0, 10),
        operator_usd: round(totals[i]?.[0] ?? 0),
        benchmark_usd: round(totals[i]?.[1] ?? 0),
      })),
      recent_operator_calls: recent.map((e) => ({
        at: e.at.toISOString(),
        purpose: e.purpose,
        run_id: e.runId,
        backend: e.backend,
        model: e.model,
        input_tokens: e.inputTokens,
        output_tokens: e.outputTokens,
        cost_usd: e.costUsd,
        ok: e.ok,
      })),
      benchmark_by_provider: bench.rows.map((r) => ({
        provider: r.key,
        runs: r.runs,
        successes: r.successes,
        spent_usd: r.spent_usd,
        estimated_usd: r.estimated_usd,
        unknown_price_runs: r.unknown_price_runs,
        cost_per_success_usd: r.cost_per_success_usd,
      })),
      benchmark_budget_left_today_usd: bench.budget.left_today_usd,
    };
  },
});
