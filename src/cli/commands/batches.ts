import type { Command } from "commander";
import { AppError } from "../../errors.js";
import { revertAs } from "../../decisions/revert.js";
import type { CliContext } from "../context.js";
import { printJson, table } from "../output.js";
import { cliPrincipal } from "../principal.js";
import { positiveInt } from "../options.js";

export function registerBatchesCommands(program: Command, ctx: CliContext): void {
  const batches = program
    .command("batches")
    .description("Mutation batches: the audit trail of every change to the fleet, and its undo.");

  batches
    .command("list")
    .description("List batches, newest first.")
    .option("--limit <n>", "at most this many", "30")
    .option("--json", "print JSON")
    .action(async (opts: { limit: string; json?: boolean }) => {
      const limit = positiveInt(opts.limit, "--limit");
      const list = await ctx.withDatabase(({ repos }) => repos.mutations.list({ limit }));
      if (opts.json) return printJson(list);
      process.stdout.write(
        table(
          list.map((b) => ({
            id: b._id,
            kind: b.kind,
            status: b.status,
            actor: b.actor,
            applied: b.applied_count,
            failed: b.failed_count,
            created: b.created_at,
            reverted_by: b.reverted_by ?? "",
            reason: b.reason.slice(0, 50),
          })),
        ) + "\n",
      );
    });

  batches
    .command("show <id>")
    .description("Show a batch with its before-images and per-model results.")
    .action(async (id: string) => {
      const b = await ctx.withDatabase(({ repos }) => repos.mutations.get(id));
      if (!b) throw new AppError("not_found", `No batch ${id}.`);
      printJson(b);
    });

  batches
    .command("revert <id>")
    .description("Undo a batch field by field; fields changed since are kept and reported.")
    .option("--json", "print JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      const principal = cliPrincipal(ctx);
      const { revert: result } = await ctx.withDatabase(({ repos }) =>
        revertAs(repos, id, principal, new Date()),
      );
      if (opts.json) return printJson(result);
      process.stdout.write(
        `revert ${result._id}: restored ${result.applied_count}, failed ${result.failed_count}\n`,
      );
      for (const c of result.changes.filter((c) => c.not_restored?.length)) {
        process.stdout.write(
          `  ${c.provider}:${c.model_id} kept (changed since): ${c.not_restored!.map((n) => n.field).join(", ")}\n`,
        );
      }
    });
}
