import type { BatchChange, MutableField, MutationBatchDoc } from "../storage/mutation-batches-repository.js";

/**
 * Whether an applied change of a batch is still in force, read from the batches alone (the report
 * counts "the model changes still in force"). A change leaves force when its batch is reverted, or
 * when a later batch writes what it decided for the same model: a person's undo of that one change
 * (a revert batch with `revert_only`), the direct enable after a disable, a newer settings change.
 * Only the field that says what the change decided counts, so a later bookkeeping write of a
 * disabled model's recheck date leaves its disable in force.
 */

/** What took a change out of force: the later batch, who made it, when and what it did. */
export interface LaterChange {
  batchId: string;
  actor: string;
  at: Date;
  /** "undone alone" for a person's undo of this one change, else what the later change did. */
  what: string;
}

/** The field a change decided, by what it did; null for a change nothing later can overrule alone. */
type Decided = MutableField | "model_id" | "existence";

function decidedField(c: BatchChange): Decided | null {
  if (c.rename_to !== undefined) return "model_id";
  if (c.create || c.remove) return "existence";
  if ("model_metadata" in c.after) return "model_metadata";
  if ("deprecated" in c.after) return "deprecated";
  if ("enabled" in c.after) return "enabled";
  if ("status" in c.after) return "status";
  return null;
}

function writes(c: BatchChange, field: Decided): boolean {
  if (c.status !== "applied") return false;
  if (field === "model_id") return c.rename_to !== undefined;
  if (field === "existence") return c.create !== undefined || c.remove === true;
  return field in c.after || (c.unset ?? []).includes(field);
}

/** Whether two changes are of one model: the same provider and an id in common (a rename has two). */
function sameModel(a: BatchChange, b: BatchChange): boolean {
  if (a.provider !== b.provider) return false;
  const ids = new Set([a.model_id, a.rename_to].filter((x) => x !== undefined));
  return ids.has(b.model_id) || (b.rename_to !== undefined && ids.has(b.rename_to));
}

/**
 * The first later batch (of `others`: any kind, any actor) that took `change` of `batch` out of
 * force, or null while it is in force. A reverted batch's changes are out of force by its revert,
 * which the caller reports as such. A later change that was itself put back (its batch reverted,
 * or it was undone alone) took nothing out of force; a revert of another batch puts that batch's
 * change back, so only a revert of this batch counts.
 */
export function laterChangeOf(
  batch: MutationBatchDoc,
  change: BatchChange,
  others: readonly MutationBatchDoc[],
  describe: (c: BatchChange) => string,
): LaterChange | null {
  const field = decidedField(change);
  if (field === null) return null;
  let found: LaterChange | null = null;
  for (const b of others) {
    if (b._id === batch._id || b.created_at.getTime() < batch.created_at.getTime()) continue;
    if (found && found.at.getTime() <= b.created_at.getTime()) continue;
    const later = b.changes.find((c) => sameModel(change, c) && writes(c, field));
    if (!later) continue;
    const alone = b.kind === "revert";
    if (alone ? b.revert_of !== batch._id : b.reverted_by || undoneAlone(b, later, others)) continue;
    found = {
      batchId: b._id,
      actor: b.actor,
      at: b.created_at,
      what: alone ? "undone alone" : describe(later),
    };
  }
  return found;
}

/** Whether a person's undo of this one change of `batch` is among `others`. */
function undoneAlone(
  batch: MutationBatchDoc,
  change: BatchChange,
  others: readonly MutationBatchDoc[],
): boolean {
  return others.some(
    (r) =>
      r.kind === "revert" &&
      r.revert_of === batch._id &&
      r.changes.some((c) => c.status === "applied" && sameModel(change, c)),
  );
}
