import { AppError } from "../errors.js";
import type { ModelDoc } from "../storage/documents.js";
import { renamedSince } from "../storage/in-force.js";
import type { Repositories } from "../storage/repositories.js";
import type {
  BatchChange,
  FieldValues,
  MutableField,
  MutationBatchDoc,
} from "../storage/mutation-batches-repository.js";
import { newBatchId, runChanges, sameValue } from "./mutate.js";
import { giveUpUnrecorded, revertKey } from "./recover.js";

export interface RevertOutcome {
  batch: MutationBatchDoc;
  /** True when an earlier revert was returned and this call changed nothing. */
  alreadyReverted: boolean;
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
  why?: string,
): Promise<MutationBatchDoc> {
  return (await revertBatchOnce(repos, batchId, actor, now, why)).batch;
}

/**
 * `revertBatch`, saying whether this call made the revert. Exactly one revert per batch, even
 * when two are asked for at once or a crash interrupted the first: the revert batch's id is
 * claimed first, the original points at it as soon as it is recorded, and a revert left
 * `applying` is finished by whoever asks next.
 */
export async function revertBatchOnce(
  repos: Repositories,
  batchId: string,
  actor: string,
  now: Date,
  /** The person's words, kept in the revert's reason (the operator's later proposals cite them). */
  why?: string,
): Promise<RevertOutcome> {
  const original = await repos.mutations.get(batchId);
  if (!original)
    throw new AppError(
      "not_found",
      `No mutation batch ${batchId}. List batches with \`bench-operator batches list\`.`,
    );
  const earlier = await earlierRevert(repos, original, now);
  if (earlier) return { batch: earlier, alreadyReverted: true };
  const id = newBatchId();
  if (!(await repos.claims.claimOnce(revertKey(batchId), now, id))) {
    const again = await earlierRevert(repos, (await repos.mutations.get(batchId)) ?? original, now);
    if (again) return { batch: again, alreadyReverted: true };
    throw new AppError(
      "conflict",
      `A revert of ${batchId} is already in progress; look at \`bench-operator batches show ${batchId}\` in a moment.`,
    );
  }
  const batch: MutationBatchDoc = {
    _id: id,
    kind: "revert",
    actor,
    reason: why?.trim() ? `revert of ${batchId}: ${why.trim().slice(0, 500)}` : `revert of ${batchId}`,
    decision_ids: original.decision_ids,
    revert_of: batchId,
    status: "applying",
    created_at: now,
    changes: await planRevert(repos, original),
    applied_count: 0,
    failed_count: 0,
  };
  if (!(await repos.mutations.recordOnce(batch)))
    throw new AppError(
      "conflict",
      `The revert of ${batchId} was given up by crash recovery before it was recorded; nothing was changed. Revert again.`,
    );
  // Marked before any model write: a crash from here on leaves a revert that is finished, not redone.
  await repos.mutations.markReverted(batchId, id);
  return { batch: await runChanges(repos, batch, now), alreadyReverted: false };
}

/**
 * The revert already made (finished first if a crash left it applying), or null. A revert
 * claim whose batch was never recorded is given back, so the revert can be made now.
 */
async function earlierRevert(
  repos: Repositories,
  original: MutationBatchDoc,
  now: Date,
): Promise<MutationBatchDoc | null> {
  let revertId = original.reverted_by;
  if (!revertId) {
    const holder = (await repos.claims.holders([revertKey(original._id)])).get(revertKey(original._id));
    if (!holder?.startsWith("mb_")) return null;
    const held = await repos.mutations.get(holder);
    if (!held) {
      await giveUpUnrecorded(repos, revertKey(original._id), holder, "revert", now);
      return null;
    }
    if (held.abandoned) return null;
    await repos.mutations.markReverted(original._id, held._id);
    revertId = held._id;
  }
  const previous = await repos.mutations.get(revertId);
  if (!previous) return null;
  return previous.status === "applying" ? runChanges(repos, previous, now) : previous;
}

/**
 * What reverting `original` changes. Pending changes are included: after a crash we cannot
 * know whether the write landed, and the per-field check finds out. When the batch re-executed
 * decisions an earlier batch had already applied (the bug of issue 16, in old data), its
 * before-image is that earlier batch's after-image; the revert goes back to the earlier
 * batch's before-image instead, so the model ends as it was before either.
 */
async function planRevert(repos: Repositories, original: MutationBatchDoc): Promise<BatchChange[]> {
  const changes: BatchChange[] = [];
  for (const c of original.changes.filter((c) => c.status === "applied" || c.status === "pending")) {
    // A rename's model is found under the id it moved to; its revert moves it back.
    const left = c.rename_to ?? c.model_id;
    const found = await modelNow(repos, original, c);
    if (!found) continue;
    const { model, id: now } = found;
    const source = await originalImage(repos, original, c);
    const restore: FieldValues = {};
    const unset: MutableField[] = [];
    const notRestored: NonNullable<BatchChange["not_restored"]> = [];
    const holds: FieldValues = {};
    for (const field of Object.keys(c.after) as MutableField[]) {
      if (!sameValue(model[field], c.after[field])) {
        notRestored.push({ field, now: model[field] ?? null, expected: c.after[field] });
        continue;
      }
      // A field the earlier batch did not set goes back to this batch's own before-image.
      const image = Object.hasOwn(source.before, field) || source.absent.includes(field) ? source : c;
      // Already at the value the revert would restore (an undo of this change, or a no-op write):
      // nothing to write, so the revert does not claim to have restored it.
      const already = image.absent.includes(field)
        ? !Object.hasOwn(model, field)
        : Object.hasOwn(model, field) && sameValue(model[field], image.before[field]);
      if (!c.create && already) continue;
      holds[field] = c.after[field];
      if (image.absent.includes(field)) unset.push(field);
      else restore[field] = image.before[field];
    }
    // Renamed again since: the later rename holds the id, which the revert leaves (as any field
    // changed since), and the rest of the change is undone under the id the model has now.
    if (c.rename_to !== undefined && now !== left)
      notRestored.push({ field: "model_id", now, expected: left });
    const change = revertChange(c, holds, restore, unset, notRestored);
    if (change) change.model_id = now;
    if (change?.status === "pending" && c.rename_to !== undefined && now === left)
      change.rename_to = c.model_id;
    if (change) changes.push(change);
  }
  return changes;
}

/**
 * The model a change of `batch` changed, as it is now: under the id the change left it at, else
 * under the id the renames since moved it to (src/storage/in-force.ts `renamesAfter`, an index
 * read a rename, only for a model no longer at that id); null when it is in the catalog under
 * neither (removed since).
 */
async function modelNow(
  repos: Repositories,
  batch: MutationBatchDoc,
  c: BatchChange,
): Promise<{ model: ModelDoc; id: string } | null> {
  const left = c.rename_to ?? c.model_id;
  const model = await repos.models.rawGet({ provider: c.provider, model_id: left });
  if (model) return { model, id: left };
  const { id } = await renamedSince((k, since) => repos.mutations.renamesOf(k, since), batch, c);
  if (id === left) return null;
  const moved = await repos.models.rawGet({ provider: c.provider, model_id: id });
  return moved ? { model: moved, id } : null;
}

function revertChange(
  c: BatchChange,
  holds: FieldValues,
  restore: FieldValues,
  unset: MutableField[],
  notRestored: NonNullable<BatchChange["not_restored"]>,
): BatchChange | null {
  const base = { provider: c.provider, model_id: c.model_id, absent: [] as MutableField[] };
  if (c.create) {
    // The model this batch added is removed again only if nobody has changed it since.
    return notRestored.length === 0
      ? { ...base, before: holds, after: {}, status: "pending", remove: true }
      : { ...base, before: {}, after: {}, status: "skipped", not_restored: notRestored };
  }
  if (Object.keys(holds).length === 0) {
    if (c.status === "pending") return null; // the crashed write never landed: nothing to undo
    return { ...base, before: {}, after: {}, status: "skipped", not_restored: notRestored };
  }
  return {
    ...base,
    before: holds,
    after: { ...restore, ...Object.fromEntries(unset.map((f) => [f, null])) },
    status: "pending",
    ...(notRestored.length > 0 ? { not_restored: notRestored } : {}),
    ...(unset.length > 0 ? { unset } : {}),
  };
}

/**
 * The before-image to restore for change `c`: its own, unless it was written over an earlier
 * apply batch that executed one of the same decisions, whose before-image is then the original.
 * Only a forward batch can be such a re-execution: a revert carries the decision ids of the batch
 * it undid and was written over that batch, so following it there would put back the state the
 * revert made and leave the revert of a revert changing nothing.
 */
export async function originalImage(
  repos: Repositories,
  batch: MutationBatchDoc,
  c: BatchChange,
): Promise<Pick<BatchChange, "before" | "absent">> {
  let image: Pick<BatchChange, "before" | "absent"> = c;
  if (batch.kind !== "apply") return image;
  const seen = new Set([batch._id]);
  for (;;) {
    const prevId = image.before.mutation_batch_id;
    if (typeof prevId !== "string" || seen.has(prevId)) return image;
    seen.add(prevId);
    const prev = await repos.mutations.get(prevId);
    const shared = prev?.kind === "apply" && prev.decision_ids.some((d) => batch.decision_ids.includes(d));
    const same = prev?.changes.find((p) => p.provider === c.provider && p.model_id === c.model_id);
    if (!shared || !same) return image;
    image = same;
  }
}
