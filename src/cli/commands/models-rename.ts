import type { Command } from "commander";
import { proposeRename } from "../../decisions/rename.js";
import { AppError } from "../../errors.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";
import { cliPrincipal } from "../principal.js";

/**
 * `models rename`: a provider now serves a model under another id. A `rename` decision on the old
 * id (authority-gated: a human operator or admin acts in one step, anyone else waits for one);
 * its batch moves the model, keeping its settings and linking its history, and `batches revert`
 * moves it back.
 */
export function registerModelsRename(models: Command, ctx: CliContext): void {
  models
    .command("rename <provider> <old_id> <new_id>")
    .description(
      "Move a model's measurement to the id its provider now serves it under, as one decision and batch (history stays linked).",
    )
    .requiredOption("--reason <text>", "why (stored with the decision and the batch)")
    .option("--json", "print JSON")
    .action(async (provider: string, from: string, to: string, opts: { reason: string; json?: boolean }) => {
      const principal = cliPrincipal(ctx);
      const result = await ctx.withDatabase(({ repos, config }) =>
        proposeRename(repos, principal, { provider, from, to, reason: opts.reason }, new Date(), { config }),
      );
      if (opts.json) return printJson(result);
      const { decision, batch } = result;
      if (decision.status === "rejected")
        throw new AppError("forbidden", decision.policy_verdict.reasons.join("; "));
      if (result.duplicate || !batch) {
        process.stdout.write(
          `decision ${decision._id} is ${decision.status}: ${decision.policy_verdict.reasons.join("; ")}; approve it with: bench-operator decisions approve ${decision._id}\n`,
        );
        return;
      }
      if (batch.status !== "applied")
        throw new AppError(
          "conflict",
          `${batch.changes[0]?.error ?? "not renamed"} (decision ${decision._id})`,
        );
      process.stdout.write(
        `renamed ${provider}:${from} to ${to} (batch ${batch._id}, decision ${decision._id}; undo: bench-operator batches revert ${batch._id})\n`,
      );
    });
}
