import type { Command } from "commander";
import { AppError } from "../../errors.js";
import { allJobs } from "../../jobs/index.js";
import { runJobNow } from "../../jobs/run-now.js";
import { productionServices } from "../../jobs/wiring.js";
import type { CliContext } from "../context.js";
import { printJson, table } from "../output.js";
import { positiveIntArg } from "../options.js";
import { outcomeText } from "../../storage/job-runs-repository.js";

export function registerJobsCommands(program: Command, ctx: CliContext): void {
  const jobs = program
    .command("jobs")
    .description("Scheduled jobs: what runs when, run one now, and the run history.");

  registerList(jobs, ctx);
  registerRun(jobs, ctx);
  registerHistory(jobs, ctx);
}

function registerList(jobs: Command, ctx: CliContext): void {
  jobs
    .command("list")
    .description("List every job with its schedule, whether it is wired in this process, and its last run.")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const config = ctx.config();
      const { status, services } = await ctx.withDatabase(async ({ repos, logger }) => {
        return {
          status: new Map((await repos.jobStatus.all()).map((s) => [s._id, s])),
          // The same services `serve` wires, so "wired here" means what a scheduled tick would do.
          services: productionServices({ config, logger, repos, clock: () => new Date() }),
        };
      });
      const rows = allJobs.map((j) => {
        const s = status.get(j.name);
        return {
          name: j.name,
          schedule: config.jobs.schedules[j.name],
          timezone: config.jobs.timezone,
          wired_here:
            j.requires === undefined || services[j.requires] !== undefined
              ? "yes"
              : `no (needs ${j.requires})`,
          last_outcome: s?.last_run?.outcome ?? "",
          last_finished: s?.last_run?.finished_at ?? null,
          failures_in_a_row: s?.consecutive_failures ?? 0,
          description: j.description,
        };
      });
      if (opts.json) return printJson(rows);
      process.stdout.write(table(rows.map(({ description: _d, ...r }) => r)) + "\n");
    });
}

const JOB_NAME_WIDTH = Math.max(...allJobs.map((j) => j.name.length));

function registerRun(jobs: Command, ctx: CliContext): void {
  jobs
    .command("run")
    .argument("<name>", `the job: ${allJobs.map((j) => j.name).join(", ")}`)
    .description("Run one job now, through the same lease and run record as a scheduled tick.")
    .addHelpText(
      "after",
      () =>
        `\nThe jobs:\n${allJobs.map((j) => `  ${j.name.padEnd(JOB_NAME_WIDTH)}  ${j.description}`).join("\n")}`,
    )
    .option("--json", "print JSON")
    .action(async (name: string, opts: { json?: boolean }) => {
      const record = await ctx.withDatabase(({ config, logger, repos }) => {
        const deps = { config, logger, repos, clock: () => new Date() };
        return runJobNow(deps, name, { services: productionServices(deps) });
      });
      // Another instance holding the job is a refusal (2), nothing was run; a run that failed is 1.
      if (record.outcome === "skipped_lease") process.exitCode = 2;
      else if (record.outcome !== "ok") process.exitCode = 1;
      if (opts.json) return printJson(record);
      if (record.outcome === "skipped_lease") {
        const holder = record.skip_holder ? `instance ${record.skip_holder}` : "another instance";
        process.stdout.write(
          `${record.name} not run: ${record.skip_reason === "taken" ? `${holder} took this tick` : `it is running on ${holder}`}; nothing was run (run ${record._id}). ` +
            "`bench-operator jobs history` shows that run when it ends.\n",
        );
        return;
      }
      process.stdout.write(
        `${record.name} ${record.outcome} in ${record.duration_ms ?? 0} ms, run ${record._id}\n` +
          (record.summary ? `${record.summary}\n` : "") +
          (record.error ? `error: ${record.error}\n` : "") +
          (Object.keys(record.counts).length > 0
            ? `counts: ${Object.entries(record.counts)
                .map(([k, n]) => `${k}=${n}`)
                .join(" ")}\n`
            : ""),
      );
    });
}

function registerHistory(jobs: Command, ctx: CliContext): void {
  jobs
    .command("history")
    .description("Job runs, newest first (every instance records every tick it saw).")
    .option("--name <job>", "only this job")
    .option("--limit <n>", "at most this many", positiveIntArg("--limit"), 30)
    .option("--before <iso>", "only runs that started before this time")
    .option("--json", "print JSON")
    .action(async (opts: { name?: string; limit: number; before?: string; json?: boolean }) => {
      if (opts.name !== undefined && !allJobs.some((j) => j.name === opts.name)) {
        throw new AppError("invalid_input", `--name must be one of ${allJobs.map((j) => j.name).join(", ")}`);
      }
      const limit = opts.limit;
      const before = opts.before === undefined ? undefined : new Date(opts.before);
      if (before && Number.isNaN(before.getTime()))
        throw new AppError("invalid_input", "--before must be an ISO time");
      const runs = await ctx.withDatabase(({ repos }) =>
        repos.jobRuns.list({
          ...(opts.name !== undefined ? { name: opts.name } : {}),
          limit,
          ...(before ? { before } : {}),
        }),
      );
      if (opts.json) return printJson(runs);
      process.stdout.write(
        table(
          runs.map((r) => ({
            name: r.name,
            tick: r.tick,
            outcome: outcomeText(r),
            instance: r.instance_id,
            ms: r.duration_ms,
            cost_usd: r.cost_usd,
            summary: (r.error ?? r.summary ?? "").slice(0, 80),
          })),
        ) + "\n",
      );
    });
}
