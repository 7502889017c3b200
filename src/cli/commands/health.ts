import type { Command } from "commander";
import { healthz } from "../../liveness/healthz.js";
import type { CliContext } from "../context.js";
import { printJson, table } from "../output.js";

export function registerHealthCommands(program: Command, ctx: CliContext): void {
  program
    .command("health")
    .description(
      "Liveness for container health checks: exit 0 when healthy, 1 when not (database or scheduler).",
    )
    .option("--json", "print the full JSON body")
    .option("--instance <id>", "judge this scheduler instance (default: the running schedulers of this host)")
    .option("--require-scheduler", "unhealthy when no fresh scheduler heartbeat is found")
    .action(async (opts: { json?: boolean; instance?: string; requireScheduler?: boolean }) => {
      let checked;
      try {
        checked = await ctx.withDatabase(({ config, logger, repos }) =>
          healthz(
            { config, logger, repos, clock: () => new Date() },
            {
              ...(opts.instance !== undefined ? { instanceId: opts.instance } : {}),
              ...(opts.requireScheduler || opts.instance !== undefined ? { requireScheduler: true } : {}),
            },
          ),
        );
      } catch (e) {
        // Whatever kept it from judging (an unreachable database, a bad setting) is unhealthy: exit
        // 1, as the description promises a container's health check (Docker reserves 2).
        const reason = e instanceof Error ? e.message.split("\n")[0]! : String(e);
        process.exitCode = 1;
        if (opts.json) return printJson({ ok: false, reasons: [reason] });
        process.stdout.write(`UNHEALTHY: ${reason}\n`);
        return;
      }
      const { ok, body } = checked;
      if (!ok) process.exitCode = 1;
      if (opts.json) return printJson(body);
      process.stdout.write(
        `${ok ? "healthy" : `UNHEALTHY: ${body.reasons.join("; ")}`} (${body.duration_ms} ms)\n\n` +
          // Each section says what it is when empty: two bare "(none)" lines read as nothing at all.
          tableOr(
            "providers: none with enabled models",
            body.providers.map((p) => ({
              provider: p.provider,
              state: p.state,
              models: p.enabled_models,
              last_success: p.last_success_at,
              hours_ago: p.hours_since_success,
              stalled: p.stalled ? "STALLED" : "",
            })),
          ) +
          "\n\n" +
          tableOr(
            "jobs: none has run yet (`bench-operator serve` runs them on their schedules)",
            body.jobs.map((j) => ({
              job: j.name,
              last_outcome: j.last_outcome,
              finished: j.last_finished_at,
              failures_in_a_row: j.consecutive_failures,
              running: j.running ? `${j.running.run_id}${j.abandoned ? " (ABANDONED)" : ""}` : "",
            })),
          ) +
          "\n",
      );
    });
}

/** The rows as a table, or the sentence that says what is missing when there are none. */
function tableOr(empty: string, rows: Record<string, unknown>[]): string {
  return rows.length === 0 ? empty : table(rows);
}
