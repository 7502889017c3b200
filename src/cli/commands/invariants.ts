import type { Command } from "commander";
import { runInvariants } from "../../invariants/run.js";
import type { CliContext } from "../context.js";
import { printJson, table } from "../output.js";

export function registerInvariantsCommands(program: Command, ctx: CliContext): void {
  const invariants = program
    .command("invariants")
    .description("Invariants: what must always hold, checked against immutable snapshots.");

  invariants
    .command("check")
    .description(
      "Evaluate every invariant now and record the check runs. Exits 1 on a violation or an error.",
    )
    .option("--json", "print JSON")
    .option("--strict", "also exit non-zero (3) when a check cannot be evaluated")
    .action(async (opts: { json?: boolean; strict?: boolean }) => {
      const evaluation = await ctx.withDatabase(async ({ config, logger, repos }) =>
        runInvariants({ config, logger, repos, clock: () => new Date() }),
      );
      if (evaluation.failed) process.exitCode = 1;
      else if (opts.strict && evaluation.counts.cannot_evaluate > 0) process.exitCode = 3;
      if (opts.json) return printJson(evaluation);
      const c = evaluation.counts;
      process.stdout.write(
        `evaluation ${evaluation.evaluation_id}: ${c.pass} pass, ${c.warning} warning, ${c.violation} violation, ${c.cannot_evaluate} cannot evaluate, ${c.error} error\n\n` +
          table(evaluation.results.map((r) => ({ check: r.check, status: r.status, summary: r.summary }))) +
          "\n",
      );
    });

  invariants
    .command("snapshot")
    .description("Capture a desired-set snapshot now (the invariants job does this every run).")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const snap = await ctx.withDatabase(async ({ repos }) =>
        repos.desiredSets.capture(repos.models, new Date()),
      );
      if (opts.json) return printJson(snap);
      process.stdout.write(
        `snapshot ${snap._id}: ${snap.count} desired model(s) at ${snap.providers.length} provider(s); coverage checks use it from ${new Date(snap.captured_at.getTime() + 3_600_000).toISOString()}\n`,
      );
    });
}
