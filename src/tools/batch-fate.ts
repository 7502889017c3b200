import { z } from "zod";
import { idNow, type BatchFate, type Undone } from "../storage/decision-rows.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import type { BatchChange, RevertMark } from "../storage/mutation-batches-repository.js";
import { iso, isoDate } from "./schemas.js";

/**
 * What became of a decision's batch since it executed (src/storage/decision-rows.ts `batchFate`),
 * as get_decision and approve_decision return it: the decision stays "executed" forever, while its
 * batch may have been reverted, or one of its models' changes undone alone, since.
 */

const revertMark = z.object({
  revert_batch_id: z.string(),
  by: z.string().describe("Who reverted."),
  at: isoDate,
});

const undone = revertMark.extend({
  put_back: revertMark
    .nullable()
    .describe("Set when this revert was reverted in turn: the change is in force again. Null otherwise."),
});

export const modelUndosField = z
  .array(
    undone.extend({
      provider: z.string(),
      model_id: z.string().describe("The id the batch's change had (for a rename, the id it moved from)."),
    }),
  )
  .describe(
    "This decision's models whose change was undone alone since (a person's undo, from the console's model page or `bench-operator batches revert <batch> --model`): the rest of the batch stayed in force. Empty when none.",
  );

export const batchRevertField = undone
  .nullable()
  .describe("Set when the batch was reverted since: the decision's change is undone. Null otherwise.");

function markView(m: RevertMark): z.input<typeof revertMark> {
  return { revert_batch_id: m.revert_batch_id, by: m.by, at: iso(m.at) ?? "" };
}

function undoneView(u: Undone): z.input<typeof undone> {
  return { ...markView(u), put_back: u.put_back ? markView(u.put_back) : null };
}

export function batchRevertView(fate: BatchFate | null): z.input<typeof batchRevertField> {
  return fate?.reverted ? undoneView(fate.reverted) : null;
}

export function modelUndosView(fate: BatchFate | null): z.input<typeof modelUndosField> {
  return (fate?.model_undos ?? []).map((u) => ({
    ...undoneView(u),
    provider: u.provider,
    model_id: u.model_id,
  }));
}

/** The batch's other changes in a few words: "14 other changes (12 disable, 2 set_settings)". */
export function othersWords(others: BatchFate["others"]): string {
  const actions = Object.entries(others.by_action).map(([action, n]) => `${n} ${action}`);
  return `${others.count} other change${others.count === 1 ? "" : "s"} (${actions.join(", ")})`;
}

/** Who may revert, and what revert_batch does from a client that cannot ask its human (Claude Desktop). */
const WHO_REVERTS =
  "(a human operator or admin; from a client that cannot ask its human, it opens the batch's console page for them to revert there)";

/** Who, when, in which batch. */
function words(m: RevertMark): string {
  return `by ${m.by} at ${iso(m.at)} in batch ${m.revert_batch_id}`;
}

/**
 * What an agent or its human does next about the batch: what undid it, or how to undo what of the
 * decision is still in force. When the batch holds other decisions' changes, its revert undoes
 * those too, so each model's own undo is named where there is one.
 */
export async function batchNextStep(fate: BatchFate): Promise<string> {
  const b = fate.batch._id;
  const others = fate.others.count > 0 ? othersWords(fate.others) : "";
  const r = fate.reverted;
  if (r && !r.put_back)
    return `Reverted ${words(r)}: its change is undone${others ? `, with the batch's ${others}` : ""}; there is nothing left to revert.`;
  if (r?.put_back)
    return `Reverted ${words(r)}, then put back ${words(r.put_back)}: its change is in force again. To undo: revert_batch {"batch_id": "${r.put_back.revert_batch_id}"} ${WHO_REVERTS}.`;
  const undos = fate.model_undos
    .filter((u) => !u.put_back)
    .map((u) => `${u.provider}:${u.model_id} was undone alone ${words(u)}. `)
    .join("");
  const later = fate.overruled
    .map(
      (o) =>
        `${o.provider}:${o.model_id} is no longer as this decision left it: a later ${o.by.what} by ${o.by.actor} at ${iso(o.by.at)} in batch ${o.by.batchId}. `,
    )
    .join("");
  const renamed = fate.renamed
    .map(
      (r) =>
        `${r.provider}:${r.model_id} is now ${r.provider}:${r.now} (renamed by ${r.by.actor} at ${iso(r.by.at)} in batch ${r.by.batchId}). `,
    )
    .join("");
  const said = `${undos}${later}${renamed}`;
  if (fate.live.length === 0) return `${said}Nothing of this decision is left in force to undo.`;
  const whole = `To undo: revert_batch {"batch_id": "${b}"} ${WHO_REVERTS}`;
  if (!others) return `${said}${whole}.`;
  const alone = await aloneWays(fate);
  return `${said}${whole}; it also reverts the batch's ${others}.${alone ? ` ${alone}` : ""}`;
}

/**
 * How a person undoes one change of the decision in force alone, or null when none can: the revert
 * of that one change (a deprecate, a rename or a settings change), which finds the model under the
 * id it has now (src/mutations/revert-model.ts follows the renames since, but refuses a rename
 * renamed again since); a disable by enabling the model under its id now. `undoable` is
 * revert-model.ts's `undoableAlone` (loaded by the caller), `why` the reason's placeholder.
 */
export function aloneUndo(
  fate: Pick<BatchFate, "batch" | "renamed">,
  c: BatchChange,
  undoable: boolean,
  why: string,
): { id: string; command: string } | null {
  const now = idNow(fate, c);
  const id = `${c.provider}:${now}`;
  if (undoable && (c.rename_to === undefined || c.rename_to === now))
    return {
      id,
      command: `bench-operator batches revert ${fate.batch._id} --model ${id} --reason "${why}"`,
    };
  if (c.after.enabled === false && c.after.deprecated !== true && !c.create)
    return { id, command: `bench-operator models enable ${c.provider} ${now} --reason "${why}"` };
  return null;
}

/** How a person undoes each of these changes alone, where one can be. */
async function aloneWays(fate: BatchFate): Promise<string> {
  // The decisions service (and the mutation path behind it) loads here, not at start-up.
  const { undoableAlone } = await import("../decisions/revert-model.js");
  const ways = fate.live.slice(0, 5).flatMap((c) => {
    const undoable = undoableAlone(c) !== null;
    const undo = aloneUndo(fate, c, undoable, "...");
    if (!undo) return [];
    if (c.after.enabled === false && !undoable)
      return [`${undo.id} alone: enable it (its page in the console, or \`${undo.command}\`)`];
    return [`${undo.id} alone: its page in the console, or \`${undo.command}\``];
  });
  return ways.length > 0 ? `A human undoes ${ways.join("; ")}.` : "";
}

/**
 * Who executed a monitor or an ignore: its approver, or the policy at once when it was proposed
 * (approved_by stays unset then).
 */
export function executedBy(d: Pick<DecisionDoc, "approved_by" | "policy_version">): string {
  return d.approved_by
    ? `approved and recorded executed by ${d.approved_by}`
    : `executed by the policy at once (auto, policy v${d.policy_version}) when it was proposed`;
}
