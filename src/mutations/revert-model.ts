import { AppError } from "../errors.js";
import type { ModelDoc } from "../storage/documents.js";
import type {
  BatchChange,
  FieldValues,
  MutableField,
  MutationBatchDoc,
} from "../storage/mutation-batches-repository.js";
import { changeOfModel, modelChain, standingUndo } from "../storage/in-force.js";
import type { Repositories } from "../storage/repositories.js";
import { newBatchId, runChanges, sameValue } from "./mutate.js";
import { originalImage } from "./revert.js";

/**
 * The revert of one model's change of a batch, leaving the batch's other changes as they are: a
 * person undoing, on one model's page, what a batch of many did to that model. It is a revert
 * batch of its own (`revert_of` the batch, `revert_only` the model), recorded before the write and
 * written by compare-and-swap like every change, so it is audited and can itself be reverted.
 *
 * Unlike a batch's revert, which restores the fields that still hold its values and reports the
 * rest, this one is all or nothing: a model changed since in any field the batch wrote is refused
 * before anything is recorded, since restoring part of a change is not what a person asked for.
 * The model's `mutation_batch_id` becomes this batch's id, so the model shows the undo as its last
 * change, and reverting the undo puts back the batch's change and its id.
 */

export interface ModelRevertRequest {
  batchId: string;
  /** The model as it is keyed now (for a rename, the id it moved to). */
  provider: string;
  model_id: string;
  actor: string;
  reason: string;
  /** The decisions of the batch that made this model's change. */
  decisionIds: string[];
}

/** The batch's change of the model, refused when there is nothing this path can undo alone. */
export function changeToUndo(
  batch: MutationBatchDoc,
  key: { provider: string; model_id: string },
): BatchChange {
  const id = `${key.provider}:${key.model_id}`;
  if (batch.kind !== "apply")
    throw new AppError(
      "conflict",
      `Batch ${batch._id} is a revert: undo it by reverting it on its page. Nothing was changed.`,
    );
  if (batch.reverted_by)
    throw new AppError(
      "conflict",
      `Batch ${batch._id} was already reverted (in ${batch.reverted_by}): there is nothing of it left to undo on ${id}. Nothing was changed.`,
    );
  const change = changeOfModel(batch, key);
  if (!change)
    throw new AppError("not_found", `Batch ${batch._id} did not change ${id}. Nothing was changed.`);
  if (change.status !== "applied")
    throw new AppError(
      "conflict",
      `Batch ${batch._id}'s change of ${id} is ${change.status}, not applied: there is nothing to undo. Nothing was changed.`,
    );
  if (change.create)
    throw new AppError(
      "conflict",
      `Batch ${batch._id} added ${id} to the catalog: an addition is undone by reverting its batch. Nothing was changed.`,
    );
  return change;
}

/**
 * The batch's change of the model keyed `key` now, and the id the model has now: the change of
 * that id, else (the model renamed since) the change its row's chain of batches leads back to
 * (src/storage/in-force.ts `modelChain`, an `_id` read a batch). Refused as `changeToUndo` refuses,
 * and when the change was a rename the model was renamed again since: undoing it would move the
 * model off the id a later rename gave it.
 */
export async function changeOfModelNow(
  repos: Repositories,
  batch: MutationBatchDoc,
  key: { provider: string; model_id: string },
): Promise<{ change: BatchChange; now: string }> {
  if (changeOfModel(batch, key)) return { change: changeToUndo(batch, key), now: key.model_id };
  const row = await repos.models.rawGet(key);
  let at = key;
  for (const b of await modelChain((id) => repos.mutations.get(id), key, row, batch._id)) {
    const c = changeOfModel(b, at);
    if (!c) break;
    at = { provider: c.provider, model_id: c.model_id };
    if (c.before.mutation_batch_id !== batch._id) continue;
    const change = changeToUndo(batch, at);
    if (change.rename_to !== undefined)
      throw new AppError(
        "conflict",
        `${key.provider}:${key.model_id} was renamed again after batch ${batch._id} (in ${b._id}): undo that rename first. Nothing was changed.`,
      );
    return { change, now: key.model_id };
  }
  return { change: changeToUndo(batch, key), now: key.model_id };
}

/** The undo recorded, or the earlier undo of the same change that still stands (nothing recorded now). */
export interface ModelRevertResult {
  undo: MutationBatchDoc;
  alreadyUndone: boolean;
}

export async function revertModelChange(
  repos: Repositories,
  req: ModelRevertRequest,
  now: Date,
): Promise<ModelRevertResult> {
  const original = await repos.mutations.get(req.batchId);
  if (!original) throw new AppError("not_found", `No mutation batch ${req.batchId}. Nothing was changed.`);
  const { change, now: idNow } = await changeOfModelNow(repos, original, req);
  // A second undo of the same change finds the first: the model holds what that undo wrote, which
  // the check below would read as a later change. Like a second revert of a batch, it returns it.
  const earlier = standingUndo(original, change, await repos.mutations.revertsOfBatch(original._id));
  if (earlier) return { undo: earlier, alreadyUndone: true };
  const at = { provider: change.provider, model_id: idNow };
  const model = await repos.models.rawGet(at);
  await checkUnchanged(repos, original, change, model, idNow);
  if (change.rename_to !== undefined && (await repos.models.rawGet(change)))
    throw new AppError(
      "conflict",
      `${change.provider}:${change.model_id} is in the fleet again: moving ${at.model_id} back would merge two models. Nothing was changed.`,
    );
  const id = newBatchId();
  const batch: MutationBatchDoc = {
    _id: id,
    kind: "revert",
    actor: req.actor,
    reason: req.reason,
    decision_ids: req.decisionIds,
    revert_of: original._id,
    revert_only: { provider: change.provider, model_id: change.model_id },
    status: "applying",
    created_at: now,
    changes: [await undoChange(repos, original, change, model!, id, idNow)],
    applied_count: 0,
    failed_count: 0,
  };
  await repos.mutations.record(batch);
  return { undo: await runChanges(repos, batch, now), alreadyUndone: false };
}

/**
 * Refuses, before anything is recorded, when the model no longer holds every value the change
 * wrote: the undo would overwrite a later change. `mutation_batch_id` is not compared (a later
 * batch that changed other fields only leaves this change in force), but it is named.
 */
async function checkUnchanged(
  repos: Repositories,
  original: MutationBatchDoc,
  change: BatchChange,
  model: ModelDoc | null,
  idNow: string,
): Promise<void> {
  const id = `${change.provider}:${idNow}`;
  if (!model)
    throw new AppError(
      "conflict",
      `${id} is no longer in the fleet: it changed after batch ${original._id}. Nothing was changed.`,
    );
  const changed = (Object.keys(change.after) as MutableField[]).filter(
    (f) => f !== "mutation_batch_id" && !sameValue(model[f], change.after[f]),
  );
  if (changed.length === 0) return;
  const last = typeof model.mutation_batch_id === "string" ? model.mutation_batch_id : null;
  const later = last && last !== original._id ? await repos.mutations.get(last) : null;
  const by = later ? ` by batch ${later._id} (${later.actor}, ${later.created_at.toISOString()})` : "";
  throw new AppError(
    "conflict",
    `${id} changed after batch ${original._id}${by}: ${changed.join(", ")} no longer hold what that batch wrote, and undoing it would overwrite the later change. Nothing was changed.`,
  );
}

/**
 * The one change: from the values the batch wrote (the compare-and-swap's expectation) back to
 * its before-image, fields the model did not have removed again, and for a rename back to the id
 * it moved from.
 */
async function undoChange(
  repos: Repositories,
  original: MutationBatchDoc,
  change: BatchChange,
  model: ModelDoc,
  id: string,
  /** The id the model has now: the change's, or the one renames since moved it to. */
  idNow: string,
): Promise<BatchChange> {
  const source = await originalImage(repos, original, change);
  const before: FieldValues = {};
  const after: FieldValues = { mutation_batch_id: id };
  const unset: MutableField[] = [];
  for (const field of Object.keys(change.after) as MutableField[]) {
    if (field === "mutation_batch_id") continue;
    before[field] = change.after[field];
    const image = Object.hasOwn(source.before, field) || source.absent.includes(field) ? source : change;
    if (image.absent.includes(field)) unset.push(field);
    after[field] = image.absent.includes(field) ? null : image.before[field];
  }
  const absent: MutableField[] = [];
  if (Object.hasOwn(model, "mutation_batch_id")) before.mutation_batch_id = model.mutation_batch_id;
  else absent.push("mutation_batch_id");
  return {
    provider: change.provider,
    model_id: idNow,
    ...(change.rename_to !== undefined ? { rename_to: change.model_id } : {}),
    before,
    absent,
    after,
    status: "pending",
    ...(unset.length > 0 ? { unset } : {}),
  };
}
