import { z } from "zod";
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
});

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export const getCosts = defineTool({
  name: "get_costs",
  title: "Spend and budgets",
  description:
    "Returns what was spent today (UTC) on the operator's own LLM calls and on benchmark traffic, against the policy's " +
    "daily budgets and alert threshold, daily totals for up to 14 days, and the newest operator LLM calls with tokens and " +
    "cost. Use it before run_operator with dry_run=false (a real run may call the LLM) and in a daily review.",
  operation: "read",
  input,
  output,
  async handler(args, ctx) {
    const { spend } = ctx.services;
    const today = new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth(), ctx.now.getUTCDate()));
    const days = Array.from({ length: args.days }, (_, i) => new Date(today.getTime() - i * DAY_MS));
    const [{ policy }, totals, recent] = await Promise.all([
      ctx.deps.repos.policies.current(),
      Promise.all(
        days.map(
          async (d) =>
            [await spend.spentToday("operator", d), await spend.spentToday("benchmark", d)] as const,
        ),
      ),
      spend.recent("operator", 10),
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
    };
  },
});
