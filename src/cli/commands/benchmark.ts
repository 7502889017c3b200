import { hostname } from "node:os";
import type { Command } from "commander";
import { benchmarkCosts, costsCsv, type CostGrouping, type CostReport } from "../../benchmark/costs.js";
import { planDueWork, type DuePlan } from "../../benchmark/schedule/due.js";
import { runSweep, type SweepEvent, type SweepResult } from "../../benchmark/sweep.js";
import { AppError } from "../../errors.js";
import { budgetOrigin } from "../../policy/budgets.js";
import type { CliContext } from "../context.js";
import { positiveIntArg } from "../options.js";
import { fleetProviderOption } from "../provider-option.js";
import { plainProgress, printJson, table } from "../output.js";
import { progressLine, sweepProgressText } from "../progress.js";

interface RunOptions {
  provider?: string;
  model?: string;
  limit?: number;
  dryRun?: boolean;
  json?: boolean;
}

export function registerBenchmarkCommands(program: Command, ctx: CliContext): void {
  const benchmark = program
    .command("benchmark")
    .description("Measure the models that are due: derived from the catalog and signals at claim time.");

  benchmark
    .command("run")
    .description(
      "Measure due models now (most stale first, per-provider lanes, within the kill switch and the daily budget). " +
        "--dry-run lists what is due and why without calling anything.",
    )
    .option("--provider <provider>", "only this provider")
    .option("--model <model_id>", "only this model id")
    .option("--limit <n>", "at most this many runs (default BENCH_PASS_CAP)", positiveIntArg("--limit"))
    .option("--dry-run", "list what is due and why; no provider calls, no claims")
    .option("--json", "print JSON")
    .action(async (opts: RunOptions) => {
      if (opts.dryRun) return dryRun(ctx, opts, opts.limit);
      await sweep(ctx, opts, opts.limit);
    });

  benchmark
    .command("sweep")
    .description(
      "One full sweep pass, as the scheduled benchmark-sweep job runs it (up to BENCH_PASS_CAP runs).",
    )
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => sweep(ctx, opts, undefined));

  program
    .command("costs")
    .description(
      "Benchmark spend from the ledger: by provider, model or day, cost per successful run, budget left today; " +
        "and the operator's own LLM spend today against its budget.",
    )
    .option("--by <grouping>", "provider, model or day", "provider")
    .option("--since <date>", "from this date (YYYY-MM-DD or ISO time, UTC); default 7 days ago")
    .option("--csv", "print CSV")
    .option("--json", "print JSON")
    .action(async (opts: { by: string; since?: string; csv?: boolean; json?: boolean }) => {
      if (!["provider", "model", "day"].includes(opts.by))
        throw new AppError("invalid_input", `--by must be provider, model or day, not "${opts.by}".`);
      const now = new Date();
      const since = opts.since ? parseDate(opts.since) : new Date(now.getTime() - 7 * 86_400_000);
      const report = await ctx.withDatabase(({ repos, config }) =>
        benchmarkCosts(repos, config, { by: opts.by as CostGrouping, since, now }),
      );
      if (opts.json) return printJson(report);
      if (opts.csv) return void process.stdout.write(costsCsv(report));
      const b = report.budget;
      process.stdout.write(
        [
          `benchmark spend since ${report.since.toISOString()} by ${report.by}`,
          "",
          table(
            [...report.rows, report.total].map((r) => ({
              [report.by]: r.key,
              runs: r.runs,
              ok: r.successes,
              failed: r.failures,
              spent_usd: r.spent_usd.toFixed(4),
              "of which estimated": r.estimated_usd.toFixed(4),
              per_success_usd: r.cost_per_success_usd === null ? "-" : r.cost_per_success_usd.toFixed(5),
            })),
          ),
          "",
          `benchmark today: ${b.spent_today_usd.toFixed(4)} of ${b.limit_usd_per_day} USD spent (${budgetOrigin({ source: b.source, setting: "BENCH_DAILY_BUDGET_USD" })}), ${b.left_today_usd.toFixed(4)} left`,
          "(estimated: runs of models without a catalog price, charged BENCH_UNKNOWN_PRICE_USD each)",
          operatorLine(report.operator_today),
          ...(report.total.runs === 0
            ? [
                "No run was charged in this window. Runs recorded without a charge (a seeded demo fleet, runs from before the spend ledger) are not counted here; `bench-operator overview` counts every run.",
              ]
            : []),
        ].join("\n") + "\n",
      );
    });
}

/** Today's operator LLM spend, as the budget check counts it (a call in flight at its estimate). */
function operatorLine(o: CostReport["operator_today"]): string {
  const calls = `${o.calls} call${o.calls === 1 ? "" : "s"}`;
  const inFlight =
    o.in_flight_calls > 0
      ? ` (incl. ${o.in_flight_usd.toFixed(4)} for ${o.in_flight_calls} call${o.in_flight_calls === 1 ? "" : "s"} in flight)`
      : "";
  return (
    `operator LLM today: ${o.spent_usd.toFixed(4)}${inFlight} of ${o.limit_usd_per_day} USD spent in ${calls} ` +
    `(${budgetOrigin({ source: o.source, setting: "OPERATOR_DAILY_BUDGET_USD" })}), ${o.left_usd.toFixed(4)} left`
  );
}

function parseDate(text: string): Date {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(d.getTime()))
    throw new AppError("invalid_input", `--since must be a date such as 2026-11-01, not "${text}".`);
  return d;
}

async function dryRun(ctx: CliContext, opts: RunOptions, limit: number | undefined): Promise<void> {
  const plan = await ctx.withDatabase(async ({ repos, config }) => {
    const provider = await fleetProviderOption(repos, opts.provider);
    return planDueWork(repos, config, {
      now: new Date(),
      ...(provider ? { provider } : {}),
      ...(opts.model ? { model: opts.model } : {}),
    });
  });
  const cap = limit ?? ctx.config().benchmark.passCap;
  const view = dryRunView(plan, cap);
  if (opts.json) return printJson(view);
  const lines = [
    plan.killSwitch ? "KILL SWITCH ON: nothing would run." : "",
    `${view.due_count} due, ${view.would_run.length} would run (cap ${cap}); budget left today ${view.budget.left_usd.toFixed(4)} USD`,
    "",
    table(
      view.would_run.map((d) => ({
        provider: d.provider,
        model: d.model_id,
        role: d.role,
        profile: d.profile_id,
        attempt: d.attempt,
        est_usd: d.estimate_usd.toFixed(4),
        why: d.why,
      })),
    ),
    "",
    `not due: ${Object.entries(view.skipped_counts)
      .map(([k, n]) => `${k}=${n}`)
      .join(" ")}`,
    ...view.skipped
      .filter((s) => s.reason !== "disabled" && s.reason !== "deprecated" && s.reason !== "fresh")
      .slice(0, 30)
      .map((s) => `  ${s.provider}:${s.model_id}  ${s.reason}: ${s.detail}`),
  ].filter((l, i) => i > 0 || l !== "");
  process.stdout.write(lines.join("\n") + "\n");
}

/** The dry run as data: what would run (after the cap) and why, and why the rest is not due. */
export function dryRunView(plan: DuePlan, cap: number) {
  const b = plan.budget;
  const counts: Record<string, number> = {};
  for (const s of plan.skipped) counts[s.reason] = (counts[s.reason] ?? 0) + 1;
  return {
    dry_run: true,
    as_of: plan.now.toISOString(),
    kill_switch: plan.killSwitch,
    budget: {
      limit_usd: b.limit_usd,
      spent_today_usd: b.spent_today_usd,
      reserved_usd: b.reserved_usd,
      left_usd: Math.max(0, b.limit_usd - b.spent_today_usd - b.reserved_usd),
    },
    due_count: plan.candidates.length,
    would_run: (plan.killSwitch ? [] : plan.candidates.slice(0, cap)).map((c) => ({
      provider: c.provider,
      model_id: c.model_id,
      role: c.role,
      profile_id: c.profile.id,
      attempt: c.attempt,
      why: c.why,
      last_attempt_at: c.last_attempt_at?.toISOString() ?? null,
      estimate_usd: c.estimate_usd,
      price_known: c.price !== null,
    })),
    skipped_counts: counts,
    skipped: plan.skipped,
  };
}

async function sweep(ctx: CliContext, opts: RunOptions, limit: number | undefined): Promise<void> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  const progress = sweepProgress(ctx, opts.json === true);
  try {
    const result = await ctx.withDatabase(async ({ repos, config, logger }) => {
      const provider = await fleetProviderOption(repos, opts.provider);
      return runSweep(
        { repos, config, logger, clock: () => new Date() },
        {
          holder: `cli:${hostname()}:${process.pid}`,
          signal: controller.signal,
          onEvent: (e) => progress.on(e),
          ...(provider ? { provider } : {}),
          ...(opts.model ? { model: opts.model } : {}),
          ...(limit !== undefined ? { limit } : {}),
        },
      );
    });
    progress.stop();
    if (opts.json) return printJson(result);
    process.stdout.write(summary(result) + "\n");
  } finally {
    progress.stop();
    process.removeListener("SIGINT", onSigint);
  }
}

function summary(r: SweepResult): string {
  if (r.killSwitch) return "kill switch is on: no benchmark calls were made";
  const c = r.counts;
  const lines = [
    `${c.due} due, ${c.selected} selected: ${c.measured} measured, ${c.failed} failed, ${c.probed} probed, ` +
      `${c.refused} refused (model disabled), ${c.skipped_budget} over budget, ${c.lost_race} claimed elsewhere, ` +
      `${c.cancelled} cancelled; ${c.cost_usd.toFixed(4)} USD`,
  ];
  for (const s of r.stoppedProviders)
    lines.push(`lane ${s.provider} stopped on ${s.kind}${s.paused ? "; provider paused" : ""}`);
  if (r.leaseLost) lines.push("the job lease was lost: no new claims were made after that");
  return lines.join("\n");
}

/**
 * The sweep's events as progress text: "3/40 runs | groq:llama-3.1-8b ok 0.00012 USD". On a
 * terminal the one live line of `progressLine`; elsewhere one plain line per run.
 */
function sweepProgress(ctx: CliContext, json: boolean): { on(e: SweepEvent): void; stop(): void } {
  const line = progressLine({
    label: "benchmark",
    enabled: !json,
    stream: process.stderr,
    plain: plainProgress(ctx),
  });
  let done = 0;
  let total = 0;
  return {
    on(e) {
      if (e.type === "start") {
        total = e.selected;
        line.update(`${e.due} due, ${e.selected} selected, lanes ${JSON.stringify(e.lanes)}`);
        return;
      }
      if (e.type === "run") done += 1;
      line.update(sweepProgressText(e, done, total));
    },
    stop: () => line.stop(),
  };
}
