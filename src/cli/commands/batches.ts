import type { Command } from "commander";
import { AppError } from "../../errors.js";
import { revertAs } from "../../decisions/revert.js";
import { unknownId } from "../../decisions/unknown-id.js";
import { alreadyUndoneWords, undoModelChange } from "../../decisions/revert-model.js";
import type { CliContext } from "../context.js";
import { keptSinceWords, revertCountsText, undoneAloneWords } from "../../storage/in-force.js";
import type {
  BatchChange,
  MutableField,
  MutationBatchDoc,
} from "../../storage/mutation-batches-repository.js";
import { printJson, table } from "../output.js";
import { cliPrincipal } from "../principal.js";
import { positiveIntArg } from "../options.js";

export function registerBatchesCommands(program: Command, ctx: CliContext): void {
  const batches = program
    .command("batches")
    .description("Mutation batches: the audit trail of every change to the fleet, and its undo.");

  batches
    .command("list")
    .description("List batches, newest first.")
    .option("--limit <n>", "at most this many", positiveIntArg("--limit"), 30)
    .option("--json", "print JSON")
    .action(async (opts: { limit: number; json?: boolean }) => {
      const { list, reverts } = await ctx.withDatabase(async ({ repos }) => {
        const list = await repos.mutations.list({ limit: opts.limit });
        return { list, reverts: await repos.mutations.revertsOfBatches(list.map((b) => b._id)) };
      });
      if (opts.json) return printJson(list);
      // A person's undo of one model leaves the batch unreverted: the status says what it left.
      const undone = (b: MutationBatchDoc) =>
        undoneAloneWords(
          b._id,
          b.changes.filter((c) => c.status === "applied"),
          reverts,
        );
      process.stdout.write(
        table(
          list.map((b) => ({
            id: b._id,
            kind: b.kind,
            status: [b.status, undone(b)].filter(Boolean).join(", "),
            actor: b.actor,
            applied: b.applied_count,
            failed: b.failed_count,
            created: b.created_at,
            "reverted by batch": b.reverted_by ?? "",
            reason: b.reason.slice(0, 50),
          })),
        ) + "\n",
      );
    });

  batches
    .command("show <id>")
    .description("Show a batch: who, why, and each model's change (before and after) and result.")
    .option("--json", "print the stored document as JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      const b = await ctx.withDatabase(async ({ repos }) => {
        const found = await repos.mutations.get(id);
        if (!found) throw unknownId("batch", id, repos.databaseName);
        return found;
      });
      if (opts.json) return printJson(b);
      process.stdout.write(batchText(b));
    });

  batches
    .command("revert <id>")
    .description(
      "Undo a batch field by field; fields changed since are kept and reported. With --model, undo only that model's change (a deprecate, a rename or a settings change), as its console page does.",
    )
    .option(
      "--model <provider:model_id>",
      "undo this one model's change alone, all or nothing; the batch's other changes stay in force",
    )
    .option(
      "--reason <text>",
      "why (required with --model); stored in the revert's reason, which the operator's later proposals of the change cite",
    )
    .option("--json", "print JSON")
    .action(async (id: string, opts: { model?: string; reason?: string; json?: boolean }) => {
      if (opts.model !== undefined) return revertOneModel(ctx, id, opts.model, opts.reason, opts.json);
      const principal = cliPrincipal(ctx);
      const { revert: result, alreadyReverted } = await ctx.withDatabase(({ repos }) =>
        revertAs(repos, id, principal, new Date(), opts.reason),
      );
      if (opts.json) return printJson({ ...result, already_reverted: alreadyReverted });
      if (alreadyReverted)
        return void process.stdout.write(
          `already reverted: ${id} was reverted by ${result.actor} at ${result.created_at.toISOString()} in ${result._id} ` +
            `(${revertCountsText(result)}); nothing was changed now.\n`,
        );
      process.stdout.write(`reverted ${id} in ${result._id}: ${revertCountsText(result)}\n`);
      for (const c of result.changes) {
        const kept = keptSinceWords(c);
        if (kept) process.stdout.write(`  ${c.provider}:${c.model_id} ${kept}\n`);
      }
    });
}

/**
 * `batches revert <id> --model provider:model_id --reason WHY`: the undo of one model's change of
 * the batch (`undoModelChange`, the console model page's undo), which refuses, before anything is
 * recorded, what it cannot undo alone or a model changed since.
 */
async function revertOneModel(
  ctx: CliContext,
  batchId: string,
  model: string,
  reason: string | undefined,
  json: boolean | undefined,
): Promise<void> {
  const colon = model.indexOf(":");
  if (colon <= 0 || colon === model.length - 1)
    throw new AppError(
      "invalid_input",
      `--model must be <provider>:<model_id> (e.g. openai:gpt-4o), not "${model}". Nothing was changed.`,
    );
  if (!reason?.trim())
    throw new AppError(
      "invalid_input",
      "--model needs --reason <why>: it is stored with the undo's batch. Nothing was changed.",
    );
  const key = { provider: model.slice(0, colon), model_id: model.slice(colon + 1) };
  const principal = cliPrincipal(ctx);
  const { undo, alreadyUndone, original } = await ctx.withDatabase(async ({ repos }) => {
    const done = await undoModelChange(repos, principal, { batchId, ...key, reason }, new Date());
    return { ...done, original: await repos.mutations.get(batchId) };
  });
  if (json) return printJson({ ...undo, already_undone: alreadyUndone });
  if (alreadyUndone) return void process.stdout.write(`${alreadyUndoneWords(batchId, model, undo)}\n`);
  const change = undo.changes[0]!;
  const now = `${change.provider}:${change.rename_to ?? change.model_id}`;
  const others = (original?.changes.length ?? 1) - 1;
  process.stdout.write(
    `undone: ${model}'s change in ${batchId}, this model only, in batch ${undo._id} by ${undo.actor}` +
      `${change.rename_to !== undefined ? ` (it is ${now} again)` : ""}; ` +
      (others > 0 ? `the batch's ${others} other change(s) stay in force. ` : "") +
      `To put it back: bench-operator batches revert ${undo._id}\n`,
  );
}

/** `batches show`: the batch's header, then each model's change field by field and its result. */
function batchText(b: MutationBatchDoc): string {
  const when = (d: Date | undefined): string => (d ? d.toISOString().replace(".000Z", "Z") : "");
  const lines = [
    `batch ${b._id}: ${b.kind}, ${b.status} (applied ${b.applied_count}, failed ${b.failed_count})`,
    `by ${b.actor} at ${when(b.created_at)}${b.finished_at ? `, finished ${when(b.finished_at)}` : ""}`,
    `reason: ${b.reason}`,
  ];
  if (b.decision_ids.length > 0) lines.push(`decisions: ${b.decision_ids.join(", ")}`);
  if (b.revert_of)
    lines.push(
      `reverts: ${b.revert_of}` +
        (b.revert_only ? ` (only ${b.revert_only.provider}:${b.revert_only.model_id})` : ""),
    );
  if (b.reverted_by) lines.push(`reverted by: ${b.reverted_by}`);
  if (b.abandoned)
    lines.push("abandoned: a crash stopped its execution before it was recorded; no model was changed");
  lines.push("", `changes (${b.changes.length}):`, ...b.changes.flatMap(changeLines));
  if (!b.reverted_by && !b.abandoned && b.applied_count > 0)
    lines.push("", `undo: bench-operator batches revert ${b._id} --reason "why"`);
  return lines.join("\n") + "\n";
}

/** One model's change: its result, then each field before → after ("(absent)": no such field). */
function changeLines(c: BatchChange): string[] {
  const value = (v: unknown): string => (v instanceof Date ? v.toISOString() : JSON.stringify(v));
  // A revert's `unset` fields go back to absent; `after` may hold them too, as null.
  const unset = new Set(c.unset ?? []);
  const fields = [...new Set([...(Object.keys(c.after) as MutableField[]), ...unset])];
  return [
    `  ${c.provider}:${c.model_id}  ${c.status}${c.error ? `: ${c.error}` : ""}`,
    ...(c.rename_to !== undefined ? [`    renamed to ${c.rename_to}`] : []),
    ...(c.create ? ["    added to the fleet"] : []),
    ...(c.remove ? ["    removed from the fleet"] : []),
    ...fields.map(
      (f) =>
        `    ${f}: ${c.absent.includes(f) ? "(absent)" : value(c.before[f])} → ` +
        (unset.has(f) ? "(absent)" : value(c.after[f])),
    ),
    ...(c.not_restored ?? []).map((n) =>
      n.field === "mutation_batch_id"
        ? `    changed since by ${String(n.now)}`
        : `    ${n.field}: kept, changed since (now ${value(n.now)}, expected ${value(n.expected)})`,
    ),
  ];
}
