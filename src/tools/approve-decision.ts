import { z } from "zod";
import type { InProgress } from "../decisions/review.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import { batchFate, type BatchFate } from "../storage/decision-rows.js";
import { AppError, isAppError } from "../errors.js";
import { offerConsoleLink } from "../console/links.js";
import { isSafe, nothingChanges } from "../decisions/safe-actions.js";
import {
  batchNextStep,
  executedBy,
  batchRevertField,
  batchRevertView,
  modelUndosField,
  modelUndosView,
} from "./batch-fate.js";
import { humanApprovalPath } from "./human-paths.js";
import { oncePerCall } from "./per-call.js";
import { batchSummary, decisionIdField, noDecision, toBatchSummary } from "./schemas.js";
import { defineTool, type ToolContext } from "./tool.js";

const input = z.strictObject({ decision_id: decisionIdField });

const output = z.object({
  decision_id: z.string(),
  status: z
    .string()
    .describe(
      "executed or failed after an approval; executing while another call carries it out; the current status when nothing was done.",
    ),
  already_done: z
    .boolean()
    .describe(
      "True when this call did nothing: it was already approved or executed, or another call is executing it. " +
        "False when it was handed to a person (handed_to_person), which changes nothing either.",
    ),
  handed_to_person: z
    .boolean()
    .describe(
      "True when this client could not ask the person to confirm and the server put the decision in front of them " +
        "instead: its console page opened in their browser (or a one-time link for it in next_step). Nothing was " +
        "approved; the decision stays pending until the person decides on that page. Tell them, then get_decision.",
    ),
  executing_by: z
    .string()
    .nullable()
    .describe(
      "Who is approving and executing it right now, when another call had not finished within a few seconds; else null.",
    ),
  approved_by: z.string().nullable(),
  approval_channel: z.string().nullable(),
  batch: batchSummary.nullable().describe("The mutation batch that executed it, with per-model results."),
  batch_revert: batchRevertField,
  model_undos: modelUndosField,
  next_step: z.string(),
});

/** The review service (and the mutation path behind it) loads on the first call, not at start-up. */
const review = async () => import("../decisions/review.js");

/** The service's check (one read of the decision, one policy verdict), once per call. */
const check = oncePerCall(async (args: { decision_id: string }, ctx: ToolContext) =>
  (await review())
    .checkApproval(ctx.deps.repos, args.decision_id, ctx.principal, ctx.now)
    .catch(async (e: unknown) => {
      throw await toolError(e, args.decision_id, ctx);
    }),
);

async function toolError(e: unknown, id: string, ctx: ToolContext): Promise<unknown> {
  if (!isAppError(e)) return e;
  if (e.code === "not_found") return noDecision(id);
  if (e.code !== "forbidden") return e;
  const refused = `You (${ctx.principal.name}, ${ctx.principal.role}) may not approve ${id}: ${e.message}.`;
  // Only a decision that still waits for approval needs a person to approve it.
  const d = await ctx.deps.repos.decisions.get(id);
  const { awaitsApproval } = await review();
  return new AppError(
    "forbidden",
    d && !awaitsApproval(d)
      ? `${refused} get_decision {"decision_id": "${id}"} shows it.`
      : `${refused} ${humanApprovalPath(id, ctx)}`,
  );
}

function describeTargets(d: DecisionDoc): string {
  const shown = d.targets.slice(0, 10).map((t) => `${t.provider}:${t.model_id}`);
  return (
    shown.join(", ") + (d.targets.length > shown.length ? ` and ${d.targets.length - shown.length} more` : "")
  );
}

export const approveDecision = defineTool({
  name: "approve_decision",
  title: "Approve a decision",
  description:
    "Approves a pending decision and executes it at once. A fleet change (disable, enable, deprecate, rename, settings) goes " +
    "through the audited mutation path as one revertible batch; a monitor or an ignore changes nothing in the fleet and is " +
    "recorded executed, with no batch. " +
    "Allowed only when the policy lets your role approve that action class; by default an agent cannot approve its own " +
    "proposal, and enabling models needs a human. When this session acts for a human, the human is asked to confirm; " +
    "if the client cannot ask, nothing changes: the server opens the decision's page in the human's browser console and " +
    "answers handed_to_person true (or, with no console, refuses and says how a human approves: the CLI). Approving again " +
    "returns the same result without a second batch. Returns the batch (null for a monitor or an ignore). Next: get_decision; " +
    "revert_batch to undo a batch.",
  operation: "execute",
  input,
  output,
  async authorize(args, ctx) {
    await check(args, ctx);
  },
  async confirmation(args, ctx) {
    const d = (await check(args, ctx)).decision;
    if (d.status !== "pending") return null;
    const page = await offerConsoleLink(ctx, {
      kind: "decision",
      id: d._id,
      outcome: `get_decision {"decision_id": "${d._id}"}`,
    });
    return {
      message:
        `Approve decision ${d._id} as ${ctx.principal.name}? It will ${d.action} ${describeTargets(d)} now ` +
        `(proposed by ${d.proposed_by.kind} ${d.proposed_by.name}). ` +
        (isSafe(d.action)
          ? `Approving records it executed: ${nothingChanges(d.action)}.`
          : "The change is recorded as a batch that can be reverted."),
      humanAlternative: page ?? humanApprovalPath(d._id, ctx),
      personHasIt: page !== null,
    };
  },
  async handedOff(args, ctx, text) {
    const d = (await check(args, ctx)).decision;
    return {
      decision_id: d._id,
      status: d.status,
      already_done: false,
      handed_to_person: true,
      executing_by: null,
      approved_by: null,
      approval_channel: null,
      batch: null,
      batch_revert: null,
      model_undos: [],
      next_step: text,
    };
  },
  async handler(args, ctx) {
    const channel = ctx.confirmedByHuman ? "mcp-elicitation" : `mcp-${ctx.session.transport}`;
    const checked = await check(args, ctx);
    const service = await review();
    const result = await service.approveChecked(ctx.deps.repos, checked, ctx.now, channel);
    const { decision, batch, inProgress } = result;
    // A move a crash left claimed and unwritten holds the decision: this call did nothing, and an
    // agent must not read a success (reject_decision answers the same state with the same error).
    if (inProgress?.move)
      throw new AppError(
        "conflict",
        `${service.unfinishedMoveText(inProgress.move)} Check it: get_decision {"decision_id": "${decision._id}"}.`,
      );
    // An earlier approval's batch may have been reverted, or a model's change undone, since.
    const fate = batch ? await batchFate(ctx.deps.repos, decision) : null;
    return {
      decision_id: decision._id,
      status: inProgress ? "executing" : decision.status,
      already_done: result.alreadyDone,
      handed_to_person: false,
      executing_by: inProgress?.by ?? null,
      approved_by: decision.approved_by ?? null,
      approval_channel: decision.approval_channel ?? null,
      batch: batch ? toBatchSummary(batch) : null,
      batch_revert: batchRevertView(fate),
      model_undos: modelUndosView(fate),
      next_step: await nextStep(decision, fate, result.alreadyDone, inProgress),
    };
  },
  refs: (out) => ({ decisionId: out.decision_id, batchId: out.batch?.batch_id ?? null }),
});

/** What the approver does next, after what this call found or did. */
async function nextStep(
  decision: DecisionDoc,
  fate: BatchFate | null,
  alreadyDone: boolean,
  inProgress: InProgress | null,
): Promise<string> {
  if (inProgress)
    return `Another call is approving and executing it right now, as ${inProgress.by}${inProgress.batchId ? ` (batch ${inProgress.batchId})` : ""}; this call changed nothing. Check it in a few seconds: get_decision {"decision_id": "${decision._id}"}.`;
  if (fate) {
    const b = fate.batch;
    return `${alreadyDone ? "Already executed" : "Executed"} in batch ${b._id} (${b.applied_count} applied, ${b.failed_count} failed). ${await batchNextStep(fate)}`;
  }
  if (decision.status === "executed" && isSafe(decision.action))
    return `${alreadyDone ? "Already done" : "Done"}: ${executedBy(decision)}; ${nothingChanges(decision.action)}.`;
  if (decision.status === "approved")
    return "Approved; the operator's next pass executes it (within the policy's caps). Check get_decision later.";
  return `Nothing executed: the decision is ${decision.status}.`;
}
