import type { Command } from "commander";
import type { DecisionQuery, DecisionStatus } from "../../storage/decisions-repository.js";
import { batchFate, withReverts, type BatchFate } from "../../storage/decision-rows.js";
import { undoneAloneWords } from "../../storage/in-force.js";
import type { DecisionDoc } from "../../storage/decisions-repository.js";
import { approve, reject, unfinishedMove, unfinishedMoveText } from "../../decisions/service.js";
import { isSafe, nothingChanges } from "../../decisions/safe-actions.js";
import { unknownId } from "../../decisions/unknown-id.js";
import { AppError } from "../../errors.js";
import { getModelSignals } from "../../signals/read.js";
import { decisionText, undoCommands, undoneWords } from "../decision-text.js";
import type { CliContext } from "../context.js";
import { printJson, table } from "../output.js";
import { cliPrincipal } from "../principal.js";
import { positiveIntArg } from "../options.js";

const STATUSES: DecisionStatus[] = [
  "pending",
  "approved",
  "executed",
  "failed",
  "rejected",
  "expired",
  "superseded",
];

export function registerDecisionsCommands(program: Command, ctx: CliContext): void {
  const decisions = program
    .command("decisions")
    .description("Decisions: what was proposed, by whom, and what became of it.");
  registerList(decisions, ctx);
  registerShow(decisions, ctx);
  registerApprove(decisions, ctx);
  registerReject(decisions, ctx);
}

function registerList(decisions: Command, ctx: CliContext): void {
  decisions
    .command("list")
    .description("List decisions, newest first.")
    .option("--status <status>", `one of ${STATUSES.join(", ")}`)
    .option("--limit <n>", "at most this many", positiveIntArg("--limit"), 50)
    .option("--json", "print JSON")
    .action(async (opts: { status?: string; limit: number; json?: boolean }) => {
      if (opts.status && !STATUSES.includes(opts.status as DecisionStatus)) {
        throw new AppError("invalid_input", `--status must be one of ${STATUSES.join(", ")}`);
      }
      const { limit } = opts;
      const filter: DecisionQuery = opts.status ? { status: opts.status as DecisionStatus } : {};
      const { list, reverts, total } = await ctx.withDatabase(async ({ repos }) => {
        const [rows, total] = await Promise.all([
          repos.decisions.list(filter, { limit }),
          repos.decisions.count(filter),
        ]);
        const list = await withReverts(repos.mutations, rows);
        const batchIds = list.flatMap((d) => (d.batch_id ? [d.batch_id] : []));
        return { list, reverts: await repos.mutations.revertsOfBatches(batchIds), total };
      });
      if (opts.json) return printJson(list);
      // A person's undo of one model leaves the batch unreverted: the status says what it left.
      const undone = (d: (typeof list)[number]) =>
        d.batch_id ? undoneAloneWords(d.batch_id, d.targets, reverts) : null;
      process.stdout.write(
        table(
          list.map((d) => ({
            id: d._id,
            // A reverted batch's change is undone: "executed" alone would read as in force.
            status: d.reverted ? `${d.status}, reverted` : [d.status, undone(d)].filter(Boolean).join(", "),
            action: d.action,
            targets:
              d.targets.length === 1
                ? `${d.targets[0]!.provider}:${d.targets[0]!.model_id}`
                : `${d.targets.length} models`,
            by: d.proposed_by.name,
            created: d.created_at,
            reasoning: d.reasoning.slice(0, 60),
          })),
        ) +
          "\n" +
          // A list cut at --limit says so, as `catalog search` does.
          (total > list.length
            ? `showing the newest ${list.length} of ${total}; --limit ${total} shows them all\n`
            : ""),
      );
    });
}

function registerShow(decisions: Command, ctx: CliContext): void {
  decisions
    .command("show <id>")
    .description("Show one decision with its evidence, policy verdict and history.")
    .option("--json", "print the stored document as JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      const now = new Date();
      const found = await ctx.withDatabase(async ({ repos }) => {
        const d = await repos.decisions.get(id);
        if (!d) throw unknownId("decision", id, repos.databaseName);
        if (opts.json) return { d, signals: [], move: null, fate: null };
        const [signals, move, fate] = await Promise.all([
          Promise.all(d.targets.slice(0, 10).map((t) => getModelSignals(repos, t.provider, t.model_id, now))),
          unfinishedMove(repos, d),
          batchFate(repos, d),
        ]);
        return { d, signals, move, fate };
      });
      if (opts.json) return printJson(found.d);
      process.stdout.write(decisionText(found.d, found.signals, found.fate));
      // A move a crash cut off: the stored status alone would say nothing is under way.
      if (found.move)
        process.stdout.write(`unfinished: ${unfinishedMoveText(found.move, { answeredCall: false })}\n`);
    });
}

function registerApprove(decisions: Command, ctx: CliContext): void {
  decisions
    .command("approve <id>")
    .description(
      "Approve a pending decision as the CLI principal (BENCH_OPERATOR_PRINCIPAL), when the policy lets its role: a fleet change executes at once as one revertible batch, a monitor or an ignore is recorded executed and changes nothing. Exits 0 when approved, and when it was already done or another call is executing it (it says which); 2 when it did nothing because a move a crash left unfinished holds the decision.",
    )
    .option("--json", "print JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      const { result, fate } = await ctx.withDatabase(async ({ repos }) => {
        const result = await approve(repos, id, cliPrincipal(ctx), new Date(), "cli");
        // What became of the batch since: an earlier approval's batch may have been reverted.
        return { result, fate: opts.json ? null : await batchFate(repos, result.decision) };
      });
      // A move a crash left claimed and unwritten: nothing was done, so the exit code is a
      // refusal's (2), as `decisions reject` exits on the same state, whether read as text or JSON.
      if (result.inProgress?.move) process.exitCode = 2;
      if (opts.json) return printJson(result);
      const d = result.decision;
      const running = result.inProgress;
      if (running?.move)
        return void process.stdout.write(
          `not done: ${unfinishedMoveText(running.move)} See it: bench-operator decisions show ${id}\n`,
        );
      if (running)
        return void process.stdout.write(
          `in progress: ${id} is being approved and executed by ${running.by}` +
            `${running.batchId ? ` (batch ${running.batchId})` : ""}; nothing was done by this command. ` +
            `Check it in a few seconds: bench-operator decisions show ${id}\n`,
        );
      process.stdout.write(
        `${result.alreadyDone ? "already done" : "approved"}: ${id} is ${d.status}` +
          (fate
            ? `; ${batchOutcome(d, fate)}`
            : d.status === "executed" && isSafe(d.action)
              ? `; ${byWhom(d)}${nothingChanges(d.action)}`
              : "") +
          "\n",
      );
    });
}

/** Who executed a monitor or an ignore: its approver, or the policy at once when it was proposed. */
function byWhom(d: DecisionDoc): string {
  return d.approved_by
    ? `approved by ${d.approved_by}: `
    : `executed by the policy at once (auto, policy v${d.policy_version}) when it was proposed: `;
}

/** The batch's counts, then what became of it since and how to undo what is left in force. */
function batchOutcome(d: DecisionDoc, fate: BatchFate): string {
  const b = fate.batch;
  const counts = `batch ${b._id} applied ${b.applied_count}, failed ${b.failed_count}`;
  if (fate.reverted && !fate.reverted.put_back)
    return `${counts}; since reverted ${undoneWords(fate.reverted)}: its change is undone, there is nothing left to revert`;
  const putBack = fate.reverted ? `; reverted ${undoneWords(fate.reverted)}` : "";
  const undone = fate.model_undos
    .filter((u) => !u.put_back)
    .map((u) => `; ${u.provider}:${u.model_id} undone alone, reverted ${undoneWords(u)}`)
    .join("");
  const commands = undoCommands(fate);
  return `${counts}${putBack}${undone}${commands.length > 0 ? ` (undo: ${commands.join("; or ")})` : ""}`;
}

function registerReject(decisions: Command, ctx: CliContext): void {
  decisions
    .command("reject <id>")
    .description("Reject a pending decision.")
    .requiredOption("--reason <text>", "why (stored with the decision)")
    .option("--json", "print JSON")
    .action(async (id: string, opts: { reason: string; json?: boolean }) => {
      const d = await ctx.withDatabase(({ repos }) =>
        reject(repos, id, cliPrincipal(ctx), opts.reason, new Date()),
      );
      if (opts.json) return printJson(d);
      process.stdout.write(`rejected: ${id}\n`);
    });
}
