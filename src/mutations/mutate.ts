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
 * A crash between 1 and 3 leaves a record in status "applying": crash recovery
 * (`resumeBatch`, src/mutations/recover.ts) finishes it, telling a write that landed from one
 * that did not by the batch's own id, which every change writes into `mutation_batch_id`.
 */

export interface ChangeRequest {
  provider: string;
  model_id: string;
  set: FieldValues;
  /** Add the model instead of changing it; fails if it already exists. */
  create?: BatchChange["create"];
  /** Move the model to this id (a rename); fails if a model with that id exists. */
  renameTo?: string;
}

export interface BatchRequest {
  actor: string;
  reason: string;
  decisionIds?: string[];
  changes: ChangeRequest[];
  /**
   * An id claimed before the batch is recorded (decision execution claims each decision for
   * it). The record then refuses to overwrite a batch crash recovery wrote under the same id.
   */
  id?: string;
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
  const id = req.id ?? newBatchId();
  const changes = await planChanges(repos, req.changes, id);
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
  if (req.id === undefined) await repos.mutations.record(batch);
  else if (!(await repos.mutations.recordOnce(batch)))
    throw new AppError(
      "conflict",
      `Batch ${id} was given up by crash recovery before it was recorded; nothing was changed. Run the command again.`,
    );
  return runChanges(repos, batch, now, hooks);
}

/** Before-images of exactly the fields each change sets, read in one go. */
async function planChanges(repos: Repositories, reqs: ChangeRequest[], id: string): Promise<BatchChange[]> {
  const targets = reqs.flatMap((c) => (c.renameTo ? [{ provider: c.provider, model_id: c.renameTo }] : []));
  const current = await repos.models.rawByKeys([...reqs, ...targets]);
  const byKey = new Map(current.map((m) => [`${m.provider}:${m.model_id}`, m]));
  return reqs.map((c) => {
    const after: FieldValues = { ...c.set, mutation_batch_id: id };
    const model = byKey.get(`${c.provider}:${c.model_id}`);
    const before: FieldValues = {};
    const absent: MutableField[] = [];
    for (const field of Object.keys(after) as MutableField[]) {
      if (model && Object.hasOwn(model, field)) before[field] = model[field];
      else absent.push(field);
    }
    const base = { provider: c.provider, model_id: c.model_id, after };
    if (c.create) {
      return {
        ...base,
        before: {},
        absent: Object.keys(after) as MutableField[],
        create: c.create,
        status: model ? "failed" : "pending",
        ...(model ? { error: "the model is already in the fleet" } : {}),
      };
    }
    const taken = c.renameTo !== undefined && byKey.has(`${c.provider}:${c.renameTo}`);
    return {
      ...base,
      ...(c.renameTo !== undefined ? { rename_to: c.renameTo } : {}),
      before,
      absent,
      status: model && !taken ? "pending" : "failed",
      ...(model ? {} : { error: "model not found in the fleet" }),
      ...(model && taken ? { error: `${c.provider}:${c.renameTo} is already in the fleet` } : {}),
    };
  });
}

/** Test seam for crash simulation: called after each change is written. */
export interface BatchHooks {
  afterChange?: (index: number) => Promise<void> | void;
}

/**
 * Applies the pending changes of a recorded batch (apply or revert) and writes its final
 * counts. Safe to run again on the same batch after a crash: a change whose write landed is
 * recognised (the model holds the change's after-values) and counted as applied.
 */
export async function runChanges(
  repos: Repositories,
  batch: MutationBatchDoc,
  now: Date,
  hooks: BatchHooks = {},
): Promise<MutationBatchDoc> {
  for (const [i, change] of batch.changes.entries()) {
    if (change.status !== "pending") continue;
    try {
      const written = (await writeChange(repos, change)) || (await landed(repos, change));
      if (written) change.status = "applied";
      else
        Object.assign(change, {
          status: "failed",
          error:
            batch.kind === "revert"
              ? "the model changed during the revert; nothing overwritten"
              : "the model changed after the batch was recorded; nothing overwritten",
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

/** One change's write, compare-and-swap on its before-image. */
async function writeChange(repos: Repositories, change: BatchChange): Promise<boolean> {
  if (change.remove) return repos.models.compareAndDelete(casOf(change));
  if (change.create) return insertModel(repos, change);
  const unset = change.unset ?? [];
  const set: Record<string, unknown> = Object.fromEntries(
    Object.entries(change.after).filter(([f]) => !unset.includes(f as MutableField)),
  );
  if (change.rename_to === undefined) return repos.models.compareAndSet(casOf(change), set, unset);
  try {
    return await repos.models.compareAndSet(casOf(change), { ...set, model_id: change.rename_to }, unset);
  } catch (e) {
    // The unique index on (provider, model_id): someone added the target id since the plan.
    if ((e as { code?: number }).code === 11000)
      throw new Error(`${change.provider}:${change.rename_to} is already in the fleet; nothing renamed`);
    throw e;
  }
}

/** Whether the model already holds what this change writes (its write landed before a crash). */
async function landed(repos: Repositories, change: BatchChange): Promise<boolean> {
  const model = await repos.models.rawGet(
    change.rename_to !== undefined ? { provider: change.provider, model_id: change.rename_to } : change,
  );
  if (change.remove) return model === null;
  if (!model) return false;
  const unset = change.unset ?? [];
  return (Object.keys(change.after) as MutableField[]).every((f) =>
    unset.includes(f) ? !Object.hasOwn(model, f) : sameValue(model[f], change.after[f]),
  );
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
export function casOf(change: BatchChange): ModelCas {
  return {
    provider: change.provider,
    model_id: change.model_id,
    expect: change.before,
    absent: change.absent,
  };
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  // An object field (`model_metadata`) holds what was written when every key holds the same value.
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]))
    );
  }
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  return (a ?? null) === (b ?? null);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
