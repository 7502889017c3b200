import { AppError } from "../errors.js";
import { changeOfModelNow, revertModelChange, type ModelRevertResult } from "../mutations/revert-model.js";
import { evaluatePolicy } from "../policy/evaluate.js";
import type { Principal } from "../policy/principal.js";
import type { BatchChange, MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { Repositories } from "../storage/repositories.js";

/**
 * A person's undo of what one batch did to one model, the batch's other changes left in force:
 * a deprecate (the model back as it was), a rename (back to the old id, the link to it removed as
 * the batch's revert does) or a settings change (the settings the batch found). A revert, so
 * authority-gated like `revertAs` and asked of the policy once per call; the undo is the mutation
 * path's revert of that one change, recorded with the person as actor and their reason.
 */

/** The changes that can be undone for one model alone, by what they did. */
export type UndoableAlone = "deprecate" | "rename" | "settings";

/**
 * What the change did, when it is one this undo handles. A disable is undone by enabling the
 * model (a decision of its own, as `models enable`); an addition, an enable, a promotion or the
 * bookkeeping of a candidate only by its batch's revert.
 */
export function undoableAlone(change: BatchChange): UndoableAlone | null {
  if (change.create || change.remove) return null;
  if (change.rename_to !== undefined) return "rename";
  if ("model_metadata" in change.after) return "settings";
  if (change.after.deprecated === true) return "deprecate";
  return null;
}

export interface ModelUndoRequest {
  batchId: string;
  /** The model as it is keyed now (after a rename, its new id). */
  provider: string;
  model_id: string;
  reason: string;
}

export async function undoModelChange(
  repos: Repositories,
  principal: Principal,
  req: ModelUndoRequest,
  now: Date,
): Promise<ModelRevertResult> {
  const reason = req.reason.trim();
  if (reason === "")
    throw new AppError("invalid_input", "A reason is required: it is stored with the undo's batch.");
  const { policy } = await repos.policies.current();
  const target = { provider: req.provider, model_id: req.model_id };
  const verdict = evaluatePolicy(policy, principal, "revert", [target], { now });
  if (verdict.outcome !== "allowed") throw new AppError("forbidden", verdict.reasons.join("; "));
  const original = await repos.mutations.get(req.batchId);
  if (!original) throw new AppError("not_found", `No mutation batch ${req.batchId}. Nothing was changed.`);
  const { change } = await changeOfModelNow(repos, original, target);
  const action = undoableAlone(change);
  if (!action)
    throw new AppError(
      "conflict",
      `Batch ${original._id}'s change of ${req.provider}:${req.model_id} cannot be undone for this model alone: only a deprecate, a rename or a settings change can (a disable by enabling the model); revert the batch instead. Nothing was changed.`,
    );
  const decisions = await repos.decisions.getMany(original.decision_ids, { fields: ["_id", "targets"] });
  const { undo: batch, alreadyUndone } = await revertModelChange(
    repos,
    {
      ...req,
      actor: principal.name,
      reason: `undo of the ${action} of ${change.provider}:${change.model_id} in ${original._id}, this model only: ${reason}`,
      decisionIds: decisions
        .filter((d) =>
          d.targets.some((t) => t.provider === change.provider && t.model_id === change.model_id),
        )
        .map((d) => d._id),
    },
    now,
  );
  if (batch.status !== "applied")
    throw new AppError(
      "conflict",
      `Not undone: ${batch.changes[0]?.error ?? "the change failed"} (batch ${batch._id} records the attempt).`,
    );
  return { undo: batch, alreadyUndone };
}

/** What a second undo of the same change says: who undid it, when, in which batch; nothing now. */
export function alreadyUndoneWords(batchId: string, model: string, undo: MutationBatchDoc): string {
  return (
    `already undone: ${model}'s change in ${batchId} was undone by ${undo.actor} at ${undo.created_at.toISOString()} ` +
    `in ${undo._id}; nothing was changed now. To put it back: bench-operator batches revert ${undo._id}`
  );
}
