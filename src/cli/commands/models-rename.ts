import type { Command } from "commander";
import { checkListed, type ListingCheck } from "../../catalog/discovery/listed.js";
import { proposeRename } from "../../decisions/rename.js";
import { AppError } from "../../errors.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";
import { cliPrincipal } from "../principal.js";
import { approvedPendingText, notExecutedText } from "./models-pending.js";

/**
 * `models rename`: a provider now serves a model under another id. A `rename` decision on the old
 * id (authority-gated: a human operator or admin acts in one step, anyone else waits for one);
 * its batch moves the model, keeping its settings and linking its history, and `batches revert`
 * moves it back. The new id is checked against the provider's newest catalog read: when that read
 * is complete and does not list it, the rename is refused unless `--force` (a typo would move the
 * measurement to an id that only fails); when the read cannot tell, it goes ahead with a warning.
 */
export function registerModelsRename(models: Command, ctx: CliContext): void {
  models
    .command("rename <provider> <old_id> <new_id>")
    .description(
      "Move a model's measurement to the id its provider now serves it under, as one decision and batch (history stays linked).",
    )
    .requiredOption("--reason <text>", "why (stored with the decision and the batch)")
    .option(
      "--force",
      "rename even though the provider's newest catalog read is complete and does not list <new_id> (refused without it; a read that cannot tell only warns)",
    )
    .option("--json", "print JSON (with `catalog_check`: whether the provider's catalog lists <new_id>)")
    .action(async (provider: string, from: string, to: string, opts: RenameOptions) => {
      const principal = cliPrincipal(ctx);
      const { result, check } = await ctx.withDatabase(async ({ repos, config }) => {
        const check = await checkListed(repos, provider, to);
        if (check.outcome === "not_listed" && !opts.force)
          throw new AppError(
            "invalid_input",
            `${check.reason}: check the id, or rename anyway with --force (nothing was changed)`,
          );
        const result = await proposeRename(
          repos,
          principal,
          { provider, from, to, reason: opts.reason },
          new Date(),
          { config },
        );
        return { result, check };
      });
      if (opts.json) return printJson({ ...result, catalog_check: check });
      const warning = catalogWarning(check);
      if (warning) process.stdout.write(`${warning}\n`);
      const { decision, batch } = result;
      if (decision.status === "rejected")
        throw new AppError("forbidden", decision.policy_verdict.reasons.join("; "));
      // A pending decision about the model that asked for another change (another new id) is
      // superseded by this one: say so, so its proposer's id is not approved by mistake.
      if (!result.duplicate && decision.supersedes?.length)
        process.stdout.write(
          `superseded ${decision.supersedes.join(", ")} (the open decision about ${provider}:${from}; it stays on record)\n`,
        );
      if (result.approvedPending) process.stdout.write(`${approvedPendingText(decision, principal.name)}\n`);
      if (result.duplicate || !batch) {
        process.stdout.write(`${notExecutedText(result, principal.name)}\n`);
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

interface RenameOptions {
  reason: string;
  force?: boolean;
  json?: boolean;
}

/** What to say about the new id's catalog listing; nothing when the catalog lists it. */
function catalogWarning(check: ListingCheck): string | null {
  if (check.outcome === "listed") return null;
  if (check.outcome === "not_listed") return `warning: ${check.reason} (renamed anyway: --force)`;
  return `warning: could not check ${check.model_id} against ${check.provider}'s catalog: ${check.reason}`;
}
