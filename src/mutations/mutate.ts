import { randomBytes } from "node:crypto";
import type { Document, Filter } from "mongodb";
import { AppError } from "../errors.js";
import { redactSecrets } from "../logger.js";
import type { ModelDoc } from "../storage/documents.js";
import type { Repositories } from "../storage/repositories.js";
import type { BatchChange, FieldValues, MutableField, MutationBatchDoc } from "../storage/mutation-batches-repository.js";

/**
 * The one mutation path (DESIGN section 8). Nothing else writes `models`.
 *
 * 1. The batch record (actor, reason, decision ids, before-images of exactly the fields that
 *    change, after-values) is written before the first model write.
 * 2. Each change is applied on its own, with compare-and-swap on the before-image: a model
 *    that changed since the record was written is reported, not overwritten; one failure
 *    does not stop the rest.
 * 3. The record ends with honest applied and failed counts.
 * A crash between 1 and 3 leaves a record in status "applying" that `revertBatch` can undo,
 * because revert works field by field from what the model holds now.
 */

export interface ChangeRequest {
  provider: string;
  model_id: string;
  set: FieldValues;
  /** Add the model instead of changing it; fails if it already exists. */
  create?: BatchChange["create"];
}

export interface BatchRequest {
  actor: string;
  reason: string;
  decisionIds?: string[];
  changes: ChangeRequest[];
}

export function newBatchId(): string {
  return `mb_${randomBytes(8).toString("hex")}`;
}

export async function applyBatch(
  repos: Repositories,
  req: BatchRequest,
  now: Date,
  hooks: BatchHooks = {},
): Promise<MutationBatchDoc> {
  if (req.changes.length === 0)
    throw new AppError("invalid_input", "A mutation batch needs at least one change.");
  const id = newBatchId();
  const models = repos.models.collectionForMutations();
  const current = await models
    .find({ $or: req.changes.map((c) => ({ provider: c.provider, model_id: c.model_id })) })
    .toArray();
  const byKey = new Map(current.map((m) => [`${m.provider}:${m.model_id}`, m]));

  const changes: BatchChange[] = req.changes.map((c) => {
    const after: FieldValues = { ...c.set, mutation_batch_id: id };
    const model = byKey.get(`${c.provider}:${c.model_id}`);
    const before: FieldValues = {};
    const absent: MutableField[] = [];
    for (const field of Object.keys(after) as MutableField[]) {
      if (model && Object.hasOwn(model, field)) before[field] = model[field];
      else absent.push(field);
    }
    if (c.create) {
      return {
        provider: c.provider,
        model_id: c.model_id,
        before: {},
        absent: Object.keys(after) as MutableField[],
        after,
        create: c.create,
        status: model ? "failed" : "pending",
        ...(model ? { error: "the model is already in the catalog" } : {}),
      };
    }
    return {
      provider: c.provider,
      model_id: c.model_id,
      before,
      absent,
      after,
      status: model ? "pending" : "failed",
      ...(model ? {} : { error: "model not found in the catalog" }),
    };
  });

  const batch: MutationBatchDoc = {
    _id: id,
    kind: "apply",
    actor: req.actor,
    reason: req.reason,
    decision_ids: req.decisionIds ?? [],
    status: "applying",
    created_at: now,
    changes,
    applied_count: 0,
    failed_count: changes.filter((c) => c.status === "failed").length,
  };
  await repos.mutations.col.insertOne(batch);
  return runChanges(repos, batch, now, hooks);
}

/** Test seam for crash simulation: called after each change is written. */
export interface BatchHooks {
  afterChange?: (index: number) => Promise<void> | void;
}

async function runChanges(
  repos: Repositories,
  batch: MutationBatchDoc,
  now: Date,
  hooks: BatchHooks,
): Promise<MutationBatchDoc> {
  const models = repos.models.collectionForMutations();
  for (const [i, change] of batch.changes.entries()) {
    if (change.status !== "pending") continue;
    try {
      const res = change.create
        ? await insertModel(models, change)
        : await models.updateOne(casFilter(change, "before"), toUpdate(change.after, []));
      if (res.matchedCount === 1) change.status = "applied";
      else
        Object.assign(change, {
          status: "failed",
          error: "the model changed after the batch was recorded; nothing overwritten",
        });
    } catch (e) {
      Object.assign(change, { status: "failed", error: redactSecrets((e as Error).message).slice(0, 500) });
    }
    await repos.mutations.col.updateOne(
      { _id: batch._id },
      {
        $set: {
          [`changes.${i}.status`]: change.status,
          ...(change.error ? { [`changes.${i}.error`]: change.error } : {}),
        },
      },
    );
    await hooks.afterChange?.(i);
  }
  batch.applied_count = batch.changes.filter((c) => c.status === "applied").length;
  batch.failed_count = batch.changes.filter((c) => c.status === "failed").length;
  batch.status = batch.failed_count === 0 ? "applied" : batch.applied_count === 0 ? "failed" : "partial";
  batch.finished_at = now;
  await repos.mutations.col.updateOne(
    { _id: batch._id },
    {
      $set: {
        status: batch.status,
        applied_count: batch.applied_count,
        failed_count: batch.failed_count,
        finished_at: now,
      },
    },
  );
  return batch;
}

/**
 * Undoes a batch, field by field: a field is restored only if it still holds the value this
 * batch wrote (compare-and-swap); fields someone changed since are reported, not clobbered.
 * The revert is itself a recorded batch, so it is audited and can be reverted in turn.
 */
export async function revertBatch(
  repos: Repositories,
  batchId: string,
  actor: string,
  now: Date,
): Promise<MutationBatchDoc> {
  const original = await repos.mutations.get(batchId);
  if (!original)
    throw new AppError(
      "not_found",
      `No mutation batch ${batchId}. List batches with \`bench-operator batches list\`.`,
    );
  if (original.reverted_by) {
    const previous = await repos.mutations.get(original.reverted_by);
    if (previous) return previous; // reverting twice is the same revert
  }
  // Exactly one revert per batch, even when two are asked for at once.
  if (!(await repos.claims.claimOnce(`batch:${batchId}:revert`, now, actor))) {
    const again = (await repos.mutations.get(batchId))?.reverted_by;
    const previous = again ? await repos.mutations.get(again) : null;
    if (previous) return previous;
    throw new AppError(
      "conflict",
      `A revert of ${batchId} is already in progress; look at \`bench-operator batches show ${batchId}\` in a moment.`,
    );
  }
  const models = repos.models.collectionForMutations();
  const id = newBatchId();
  const changes: BatchChange[] = [];
  // Pending changes are included: after a crash we cannot know whether the write landed, and
  // the per-field check below finds out.
  for (const c of original.changes.filter((c) => c.status === "applied" || c.status === "pending")) {
    const model = await models.findOne({ provider: c.provider, model_id: c.model_id });
    if (!model) continue;
    const restore: FieldValues = {};
    const unset: MutableField[] = [];
    const notRestored: NonNullable<BatchChange["not_restored"]> = [];
    const holds: FieldValues = {};
    for (const field of Object.keys(c.after) as MutableField[]) {
      if (!sameValue(model[field], c.after[field])) {
        notRestored.push({ field, now: model[field] ?? null, expected: c.after[field] });
        continue;
      }
      holds[field] = c.after[field];
      if (c.absent.includes(field)) unset.push(field);
      else restore[field] = c.before[field];
    }
    if (c.create) {
      // The model this batch added is removed again only if nobody has changed it since.
      changes.push(
        notRestored.length === 0
          ? {
              provider: c.provider,
              model_id: c.model_id,
              before: holds,
              absent: [],
              after: {},
              status: "pending",
              remove: true,
            }
          : {
              provider: c.provider,
              model_id: c.model_id,
              before: {},
              absent: [],
              after: {},
              status: "skipped",
              not_restored: notRestored,
            },
      );
      continue;
    }
    if (Object.keys(holds).length === 0) {
      if (c.status === "pending") continue; // the crashed write never landed: nothing to undo
      changes.push({
        provider: c.provider,
        model_id: c.model_id,
        before: {},
        absent: [],
        after: {},
        status: "skipped",
        not_restored: notRestored,
      });
      continue;
    }
    changes.push({
      provider: c.provider,
      model_id: c.model_id,
      before: holds,
      absent: [],
      after: { ...restore, ...Object.fromEntries(unset.map((f) => [f, null])) },
      status: "pending",
      ...(notRestored.length > 0 ? { not_restored: notRestored } : {}),
      ...(unset.length > 0 ? { unset } : {}),
    });
  }
  const batch: MutationBatchDoc = {
    _id: id,
    kind: "revert",
    actor,
    reason: `revert of ${batchId}`,
    decision_ids: original.decision_ids,
    revert_of: batchId,
    status: "applying",
    created_at: now,
    changes,
    applied_count: 0,
    failed_count: 0,
  };
  await repos.mutations.col.insertOne(batch);
  for (const [i, change] of changes.entries()) {
    if (change.status !== "pending") continue;
    const unset = change.unset ?? [];
    const set: FieldValues = Object.fromEntries(
      Object.entries(change.after).filter(([f]) => !unset.includes(f as MutableField)),
    );
    const res = change.remove
      ? { matchedCount: (await models.deleteOne(casFilter(change, "before"))).deletedCount }
      : await models.updateOne(casFilter(change, "before"), toUpdate(set, unset));
    change.status = res.matchedCount === 1 ? "applied" : "failed";
    if (change.status === "failed") change.error = "the model changed during the revert; nothing overwritten";
    await repos.mutations.col.updateOne({ _id: id }, { $set: { [`changes.${i}.status`]: change.status } });
  }
  batch.applied_count = changes.filter((c) => c.status === "applied").length;
  batch.failed_count = changes.filter((c) => c.status === "failed").length;
  batch.status = batch.failed_count === 0 ? "applied" : batch.applied_count === 0 ? "failed" : "partial";
  await repos.mutations.col.updateOne(
    { _id: id },
    {
      $set: {
        status: batch.status,
        applied_count: batch.applied_count,
        failed_count: batch.failed_count,
        finished_at: now,
      },
    },
  );
  await repos.mutations.col.updateOne({ _id: batchId }, { $set: { reverted_by: id } });
  return { ...batch, finished_at: now };
}

/** Inserts a new model; a unique index turns a concurrent duplicate into a clean failure. */
async function insertModel(
  models: ReturnType<Repositories["models"]["collectionForMutations"]>,
  change: BatchChange,
): Promise<{ matchedCount: number }> {
  try {
    await models.insertOne({
      provider: change.provider,
      model_id: change.model_id,
      enabled: false,
      ...change.create,
      ...change.after,
    } as ModelDoc);
    return { matchedCount: 1 };
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return { matchedCount: 0 };
    throw e;
  }
}

function casFilter(change: BatchChange, side: "before"): Filter<ModelDoc> {
  const filter: Document = { provider: change.provider, model_id: change.model_id };
  for (const [field, value] of Object.entries(change[side])) filter[field] = value;
  for (const field of change.absent) filter[field] = { $exists: false };
  return filter;
}

function toUpdate(set: FieldValues, unset: MutableField[]): Document {
  const update: Document = {};
  if (Object.keys(set).length > 0) update["$set"] = set;
  if (unset.length > 0) update["$unset"] = Object.fromEntries(unset.map((f) => [f, ""]));
  return update;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}
