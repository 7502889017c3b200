import { z } from "zod";
import { AppError, isAppError } from "../errors.js";
import { offerConsoleLink } from "../console/links.js";
import { keptSince, keptSinceWords } from "../storage/in-force.js";
import { humanRevertPath } from "./human-paths.js";
import { oncePerCall } from "./per-call.js";
import { batchIdField, batchSummary, toBatchSummary } from "./schemas.js";
import { defineTool, type ToolContext } from "./tool.js";

const input = z.strictObject({
  batch_id: batchIdField,
  reason: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .optional()
    .describe(
      "Why it is reverted, in the person's words: kept in the revert's reason, and cited when the operator proposes the change again.",
    ),
});

const output = z.object({
  revert_batch_id: z
    .string()
    .nullable()
    .describe("The batch that recorded the revert (itself revertible); null when handed to a person."),
  revert_of: z.string(),
  already_reverted: z
    .boolean()
    .describe("True when the batch had been reverted before: the earlier revert is returned."),
  handed_to_person: z
    .boolean()
    .describe(
      "True when this client could not ask the person to confirm and the server put the batch in front of them " +
        "instead: its console page opened in their browser (or a one-time link for it in next_step). Nothing was " +
        "reverted; the person reverts it on that page (with their reason). Tell them, then get_decision or list_models.",
    ),
  status: z.string().describe("applied, partial or failed; not_reverted when handed to a person."),
  restored: z.number().describe("Models whose fields were restored."),
  not_restored: z
    .array(
      z.object({
        provider: z.string(),
        model_id: z.string(),
        fields: z.array(z.string()).describe("Fields kept because they changed after the batch."),
        changed_since_by: z
          .string()
          .nullable()
          .describe("The later batch that changed this model since; its changes stay."),
        words: z.string().describe("What was kept, in the words the CLI and the console use."),
      }),
    )
    .describe("Models a later change touched: fields kept because someone changed them after the batch."),
  batch: batchSummary.nullable().describe("The revert's batch; null when handed to a person."),
  next_step: z.string(),
});

/** The revert service (and the mutation path behind it) loads on the first call, not at start-up. */
const reverts = async () => import("../decisions/revert.js");

/** The service's check (one read of the batch, one policy verdict), once per call. */
const check = oncePerCall(async (args: { batch_id: string }, ctx: ToolContext) =>
  (await reverts())
    .checkRevert(ctx.deps.repos, args.batch_id, ctx.principal, ctx.now)
    .catch(async (e: unknown) => {
      throw await toolError(e, args.batch_id, ctx);
    }),
);

async function toolError(e: unknown, id: string, ctx: ToolContext): Promise<unknown> {
  if (!isAppError(e)) return e;
  if (e.code === "not_found")
    return new AppError(
      "not_found",
      `No mutation batch ${id}. Batch ids come from approve_decision and get_decision.`,
    );
  if (e.code !== "forbidden") return e;
  // Only a batch not reverted yet needs a person to revert it.
  const reverted = Boolean((await ctx.deps.repos.mutations.get(id))?.reverted_by);
  return new AppError(
    "forbidden",
    `You may not revert ${id}: ${e.message}.${reverted ? "" : ` ${humanRevertPath(id, ctx)}`}`,
  );
}

/**
 * What the agent reads about the revert. A second revert changes nothing and returns the first, so
 * it says so, with who reverted and when, in the words of the CLI's `batches revert`.
 */
function nextStep(
  id: string,
  revert: { _id: string; actor: string; created_at: Date },
  alreadyReverted: boolean,
  keptSome: boolean,
): string {
  const kept = keptSome
    ? "Some fields were kept because they changed after the batch; check those models with get_model_signals."
    : "";
  if (alreadyReverted)
    return (
      `Already reverted: ${id} was reverted by ${revert.actor} at ${revert.created_at.toISOString()} in ${revert._id}; ` +
      `nothing was changed now.${kept ? ` ${kept}` : ""}`
    );
  return kept || "Reverted. list_models shows the models' current state.";
}

export const revertBatchTool = defineTool({
  name: "revert_batch",
  title: "Revert a batch",
  description:
    "Undoes a mutation batch field by field: a field goes back to its value before the batch only if it still holds the " +
    "value the batch wrote; fields changed since are kept and listed. The revert is itself a recorded batch. Reverting " +
    "is authority-gated: a human operator or admin only. When this session acts for a human whose client cannot ask them " +
    "to confirm, nothing changes: the batch's console page opens in their browser and the answer has handed_to_person " +
    "true. Reverting twice returns the first revert. Next: get_decision " +
    "or list_models to check the models.",
  operation: "execute",
  input,
  output,
  async authorize(args, ctx) {
    await check(args, ctx);
  },
  async confirmation(args, ctx) {
    const b = (await check(args, ctx)).batch;
    if (b.reverted_by) return null;
    const page = await offerConsoleLink(ctx, {
      kind: "batch",
      id: b._id,
      outcome: b.decision_ids[0] ? `get_decision {"decision_id": "${b.decision_ids[0]}"}` : "list_models",
      droppedReason: args.reason !== undefined,
    });
    const models = b.changes.slice(0, 10).map((c) => `${c.provider}:${c.model_id}`);
    return {
      message:
        `Revert batch ${b._id} (${b.kind} by ${b.actor}, ${b.changes.length} change(s): ${models.join(", ")}${b.changes.length > 10 ? ", …" : ""}) as ${ctx.principal.name}? ` +
        "Each field goes back to its earlier value unless it changed since.",
      humanAlternative: page ?? humanRevertPath(b._id, ctx),
      personHasIt: page !== null,
    };
  },
  handedOff(args, _ctx, text) {
    return Promise.resolve({
      revert_batch_id: null,
      revert_of: args.batch_id,
      already_reverted: false,
      handed_to_person: true,
      status: "not_reverted",
      restored: 0,
      not_restored: [],
      batch: null,
      next_step: text,
    });
  },
  async handler(args, ctx) {
    const checked = await check(args, ctx);
    const { revert, alreadyReverted } = await (
      await reverts()
    ).revertChecked(ctx.deps.repos, checked, ctx.now, args.reason);
    const notRestored = revert.changes.flatMap((c) => {
      const words = keptSinceWords(c);
      if (!words) return [];
      const { fields, by } = keptSince(c);
      const kept = fields.map((n) => n.field);
      return [{ provider: c.provider, model_id: c.model_id, fields: kept, changed_since_by: by, words }];
    });
    return {
      revert_batch_id: revert._id,
      revert_of: args.batch_id,
      already_reverted: alreadyReverted,
      handed_to_person: false,
      status: revert.status,
      restored: revert.applied_count,
      not_restored: notRestored,
      batch: toBatchSummary(revert),
      next_step: nextStep(
        args.batch_id,
        revert,
        alreadyReverted,
        notRestored.some((n) => n.fields.length > 0),
      ),
    };
  },
  refs: (out) => ({ batchId: out.revert_batch_id ?? out.revert_of }),
});
