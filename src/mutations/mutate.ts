import { randomBytes } from "node:crypto";
import { AppError } from "../errors.js";
import { redactSecrets } from "../logger.js";
import type { ModelDoc } from "../storage/documents.js";
import type { ModelCas } from "../storage/models-repository.js";
import type { Repositories } from "../storage/repositories.js";
import type {
  BatchChange,
  FieldValues,
  MutableField,
  MutationBatchDoc,
} from "../storage/mutation-batches-repository.js";

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
  const current = await repos.models.rawByKeys(req.changes);
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
  await repos.mutations.record(batch);
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
  for (const [i, change] of batch.changes.entries()) {
    if (change.status !== "pending") continue;
    try {
      const written = change.create
        ? await insertModel(repos, change)
        : await repos.models.compareAndSet(casOf(change), change.after, []);
      if (written) change.status = "applied";
      else
        Object.assign(change, {
          status: "failed",
          error: "the model changed after the batch was recorded; nothing overwritten",
        });
    } catch (e) {
      Object.assign(change, { status: "failed", error: redactSecrets((e as Error).message).slice(0, 500) });
    }
    await repos.mutations.setChangeStatus(batch._id, i, change.status, change.error);
    await hooks.afterChange?.(i);
  }
  batch.applied_count = batch.changes.filter((c) => c.status === "applied").length;
  batch.failed_count = batch.changes.filter((c) => c.status === "failed").length;
  batch.status = batch.failed_count === 0 ? "applied" : batch.applied_count === 0 ? "failed" : "partial";
  batch.finished_at = now;
  await repos.mutations.finish(batch._id, {
    status: batch.status,
    applied_count: batch.applied_count,
    failed_count: batch.failed_count,
    finished_at: now,
  });
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
  const id = newBatchId();
  const changes: BatchChange[] = [];
  // Pending changes are included: after a crash we cannot know whether the write landed, and
  // the per-field check below finds out.
  for (const c of original.changes.filter((c) => c.status === "applied" || c.status === "pending")) {
    const model = await repos.models.rawGet(c);
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
  await repos.mutations.record(batch);
  for (const [i, change] of changes.entries()) {
    if (change.status !== "pending") continue;
    const unset = change.unset ?? [];
    const set: FieldValues = Object.fromEntries(
      Object.entries(change.after).filter(([f]) => !unset.includes(f as MutableField)),
    );
    const written = change.remove
      ? await repos.models.compareAndDelete(casOf(change))
      : await repos.models.compareAndSet(casOf(change), set, unset);
    change.status = written ? "applied" : "failed";
    if (change.status === "failed") change.error = "the model changed during the revert; nothing overwritten";
    // Only the status: the error stays in the returned batch, as before.
    await repos.mutations.setChangeStatus(id, i, change.status);
  }
  batch.applied_count = changes.filter((c) => c.status === "applied").length;
  batch.failed_count = changes.filter((c) => c.status === "failed").length;
  batch.status = batch.failed_count === 0 ? "applied" : batch.applied_count === 0 ? "failed" : "partial";
  await repos.mutations.finish(id, {
    status: batch.status,
    applied_count: batch.applied_count,
    failed_count: batch.failed_count,
    finished_at: now,
  });
  await repos.mutations.markReverted(batchId, id);
  return { ...batch, finished_at: now };
}

/** Inserts a new model; a unique index turns a concurrent duplicate into a clean failure. */
async function insertModel(repos: Repositories, change: BatchChange): Promise<boolean> {
  return repos.models.insertIfAbsent({
    provider: change.provider,
    model_id: change.model_id,
    enabled: false,
    ...change.create,
    ...change.after,
  } as ModelDoc);
}

/** The compare-and-swap condition of a change: its before-image, and the fields that were absent. */
function casOf(change: BatchChange): ModelCas {
  return {
    provider: change.provider,
    model_id: change.model_id,
    expect: change.before,
    absent: change.absent,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}
