import type { ModelDoc } from "./documents.js";
import type { BatchChange, MutableField, MutationBatchDoc } from "./mutation-batches-repository.js";

/**
 * Whether an applied change of a batch is still in force: the one rule, read from the batches
 * alone, that the daily report, `decisions show` / get_decision (src/storage/decision-rows.ts
 * `batchFate`) and the console's model page all apply. A change leaves force when its batch is
 * reverted, or when a later batch writes what it decided for the same model: a person's undo of
 * that one change (a revert batch with `revert_only`), the direct enable after a disable, a newer
 * settings change. Only the field that says what the change decided counts, so a later
 * bookkeeping write of a disabled model's recheck date leaves its disable in force. The model is
 * followed through the renames after the batch (`renamesAfter`): the enable of the id a disabled
 * model was renamed to overrules the disable, while the rename alone leaves it in force.
 */

/**
 * What one change of a batch did, from the fields it set (a batch mixes actions). Admission's
 * bookkeeping of candidates, which are never measured, is named as such: a candidate added to be
 * probed is not an addition to the measured fleet, and a rejected candidate was never enabled, so
 * its rejection is no disable.
 */
export function changeAction(c: BatchChange): string {
  if (c.rename_to !== undefined) return "rename";
  if (c.create) return c.after.status === "probing" && c.after.enabled !== true ? "add candidate" : "add";
  if (c.remove) return "remove";
  if ("model_metadata" in c.after) return "settings";
  if (c.after.deprecated === true) return "deprecate";
  if (c.after.status === "probation") return "promote";
  if (c.after.status === "rejected") return "reject candidate";
  if (c.after.status === "probing") return "probe again";
  if (c.after.enabled === false) return "disable";
  if (c.after.enabled === true) return "enable";
  if ("recheck_after" in c.after) return "recheck date";
  return "other";
}

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

/** A rename of a change's model after its batch: the batch that moved it, from which id to which. */
export interface Rename {
  batchId: string;
  actor: string;
  at: Date;
  from: string;
  to: string;
}

/**
 * The renames that moved the model of `change` of `batch` after it, oldest first, among `others`:
 * from the id the change left it at, the first applied rename of that id since, then of the id it
 * moved to, and so on (at most CHAIN). A revert's move back is a rename like any other, so a
 * rename reverted or undone alone since leaves the model at the id it had.
 */
export function renamesAfter(
  batch: MutationBatchDoc,
  change: BatchChange,
  others: readonly MutationBatchDoc[],
): Rename[] {
  const out: Rename[] = [];
  const seen = new Set([batch._id]);
  let id = change.rename_to ?? change.model_id;
  let since = batch.created_at.getTime();
  let previous = batch._id;
  while (out.length < CHAIN) {
    let next: { b: MutationBatchDoc; to: string; follows: boolean } | null = null;
    for (const b of others) {
      const at = b.created_at.getTime();
      if (seen.has(b._id) || at < since) continue;
      const c = b.changes.find(
        (ch) =>
          ch.status === "applied" &&
          ch.rename_to !== undefined &&
          ch.provider === change.provider &&
          ch.model_id === id,
      );
      if (!c) continue;
      // Renames of one instant are ordered by what each wrote over: the one whose before-image
      // names the batch that left the model at this id comes first.
      const follows = c.before.mutation_batch_id === previous;
      const first = next?.b.created_at.getTime();
      if (first === undefined || at < first || (at === first && follows && !next!.follows))
        next = { b, to: c.rename_to!, follows };
    }
    if (!next) break;
    seen.add(next.b._id);
    previous = next.b._id;
    out.push({ batchId: next.b._id, actor: next.b.actor, at: next.b.created_at, from: id, to: next.to });
    id = next.to;
    since = next.b.created_at.getTime();
  }
  return out;
}

/**
 * Whether a later change (of a batch created at `at`) is of the model `change` of `batch` changed:
 * the same provider, and an id the model had at that time after the renames since (a rename has
 * two, and a batch of the same instant as a rename may be on either side of it).
 */
function ofModel(
  batch: MutationBatchDoc,
  change: BatchChange,
  renames: readonly Rename[],
): (c: BatchChange, at: Date) => boolean {
  const spans = [
    { ids: [change.model_id, change.rename_to], from: batch.created_at.getTime() },
    ...renames.map((r) => ({ ids: [r.to], from: r.at.getTime() })),
  ].map((s, i, all) => ({ ...s, until: all[i + 1]?.from ?? Infinity }));
  return (c, at) =>
    c.provider === change.provider &&
    spans.some(
      (s) =>
        s.from <= at.getTime() &&
        at.getTime() <= s.until &&
        (s.ids.includes(c.model_id) || (c.rename_to !== undefined && s.ids.includes(c.rename_to))),
    );
}

/**
 * The first later batch (of `others`: any kind, any actor) that took `change` of `batch` out of
 * force, or null while it is in force. A reverted batch's changes are out of force by its revert,
 * which the caller reports as such. A later change that was itself put back (its batch reverted,
 * or it was undone alone) took nothing out of force; a revert of another batch puts that batch's
 * change back, so only a revert of this batch counts. The model is followed through its renames
 * among `others` (`renamesAfter`), so they must hold the renames since, as the batches that wrote
 * the model since do (`modelChain`).
 */
export function laterChangeOf(
  batch: MutationBatchDoc,
  change: BatchChange,
  others: readonly MutationBatchDoc[],
): LaterChange | null {
  const field = decidedField(change);
  if (field === null) return null;
  const same = ofModel(batch, change, renamesAfter(batch, change, others));
  let found: LaterChange | null = null;
  for (const b of others) {
    if (b._id === batch._id || b.created_at.getTime() < batch.created_at.getTime()) continue;
    if (found && found.at.getTime() <= b.created_at.getTime()) continue;
    const later = b.changes.find((c) => same(c, b.created_at) && writes(c, field));
    if (!later) continue;
    if (b.created_at.getTime() === batch.created_at.getTime() && !follows(later, batch, others)) continue;
    const alone = b.kind === "revert";
    // An undo put back by its own revert, like any later change reverted, ended nothing.
    if (alone ? b.revert_of !== batch._id || b.reverted_by : b.reverted_by || undoneAlone(b, later, others))
      continue;
    found = {
      batchId: b._id,
      actor: b.actor,
      at: b.created_at,
      what: alone ? "undone alone" : changeAction(later),
    };
  }
  return found;
}

/**
 * Whether `change` came after `batch` on its model, for batches of the same instant (a clock's
 * resolution, a fixed clock): each change names in its before-image the batch the model held
 * before, so the chain of those links from `change` back to `batch` orders them (through a rename,
 * under the id the model had before it).
 */
function follows(change: BatchChange, batch: MutationBatchDoc, others: readonly MutationBatchDoc[]): boolean {
  let prev = change.before.mutation_batch_id;
  let key = { provider: change.provider, model_id: change.model_id };
  for (let step = 0; step < CHAIN && typeof prev === "string"; step++) {
    if (prev === batch._id) return true;
    const b = others.find((o) => o._id === prev);
    if (!b || b.created_at.getTime() !== batch.created_at.getTime()) return false;
    const c = changeOfModel(b, key);
    prev = c?.before.mutation_batch_id;
    if (c) key = { provider: c.provider, model_id: c.model_id };
  }
  return false;
}

/** Whether a person's undo of this one change of `batch` is among `others` and still stands. */
function undoneAlone(
  batch: MutationBatchDoc,
  change: BatchChange,
  others: readonly MutationBatchDoc[],
): boolean {
  return standingUndo(batch, change, others) !== null;
}

/** The fields of a revert batch that say whether it is a standing undo of one change. */
type UndoFields = Pick<MutationBatchDoc, "kind" | "revert_of" | "revert_only" | "status" | "reverted_by">;

/**
 * A person's undo of this one change of `batch` among `reverts` that still stands: applied, and
 * not put back by a revert of the undo. `revert_only` keys the change as the batch does.
 */
export function standingUndo<T extends UndoFields>(
  batch: Pick<MutationBatchDoc, "_id">,
  change: Pick<BatchChange, "provider" | "model_id">,
  reverts: readonly T[],
): T | null {
  return (
    reverts.find(
      (r) =>
        r.kind === "revert" &&
        r.revert_of === batch._id &&
        r.status === "applied" &&
        !r.reverted_by &&
        r.revert_only?.provider === change.provider &&
        r.revert_only.model_id === change.model_id,
    ) ?? null
  );
}

/**
 * What people's undos of single models left of a batch, for a list: "partly undone (1 of 3
 * models)", "undone alone (1 of 1 model)", or null when no standing undo took back any
 * of `models` (the batch's applied changes, or one decision's share of them).
 */
export function undoneAloneWords(
  batchId: string,
  models: readonly Pick<BatchChange, "provider" | "model_id">[],
  reverts: readonly UndoFields[],
): string | null {
  const undone = models.filter((m) => standingUndo({ _id: batchId }, m, reverts)).length;
  if (undone === 0) return null;
  const of = `${undone} of ${models.length} model${models.length === 1 ? "" : "s"}`;
  return undone < models.length ? `partly undone (${of})` : `undone alone (${of})`;
}

/**
 * What a revert's change kept: its `not_restored` records every field found changed since,
 * `mutation_batch_id` included. That one is bookkeeping (which batch wrote the model last), so it
 * is returned as the batch that changed the model since (`by`), not among the fields kept.
 */
export function keptSince(c: Pick<BatchChange, "not_restored">): {
  fields: NonNullable<BatchChange["not_restored"]>;
  by: string | null;
} {
  const kept = c.not_restored ?? [];
  const later = kept.find((n) => n.field === "mutation_batch_id")?.now;
  return {
    fields: kept.filter((n) => n.field !== "mutation_batch_id"),
    by: typeof later === "string" ? later : null,
  };
}

/**
 * `keptSince` in a person's words (the CLI's revert, the console's batch page, revert_batch), or
 * null when the change kept nothing. A renamed-again model's `model_id` is told with the id it keeps.
 */
export function keptSinceWords(c: Pick<BatchChange, "not_restored" | "status">): string | null {
  const { fields, by } = keptSince(c);
  if (fields.length === 0 && by === null) return null;
  const since = `changed since${by ? ` by ${by}` : ""}`;
  const names = fields.map((n) =>
    n.field === "model_id" ? `its id (renamed again, now ${String(n.now)})` : n.field,
  );
  if (names.length > 0) return `kept (${since}): ${names.join(", ")}`;
  if (c.status === "skipped" || c.status === "failed") return `left as it is (${since})`;
  return `restored; ${since}, whose changes stay`;
}

/**
 * A revert's counts in a person's words: "2 restored, 1 left as it is (changed since), 0 failed".
 * A change whose model already held what the revert would restore (undone alone before, or changed
 * back by hand) is left as it is and not counted as restored.
 */
export function revertCountsText(
  b: Pick<MutationBatchDoc, "changes" | "applied_count" | "failed_count">,
): string {
  const left = b.changes.filter((c) => c.status === "skipped").length;
  const kept = left > 0 ? `, ${left} left as ${left === 1 ? "it is" : "they are"} (changed since)` : "";
  return `${b.applied_count} restored${kept}, ${b.failed_count} failed`;
}

/** The batches a model's chain of `mutation_batch_id` is followed through at most. */
const CHAIN = 20;

/**
 * The batches that wrote a model, newest first, from the one its row holds back through each
 * change's before-image (every change writes its batch's id into the row, so the before-image
 * names the batch before), until `stopAt` (not included) or CHAIN steps: one `_id` read a step.
 * This is how the later changes of a model are found without reading every batch since, and the
 * batches no decision names (bookkeeping, a person's undo) however old.
 */
export async function modelChain(
  get: (id: string) => Promise<MutationBatchDoc | null>,
  key: { provider: string; model_id: string },
  row: Pick<ModelDoc, "mutation_batch_id"> | null,
  stopAt?: string,
): Promise<MutationBatchDoc[]> {
  const out = new Map<string, MutationBatchDoc>();
  let at = key;
  let next = typeof row?.mutation_batch_id === "string" ? row.mutation_batch_id : null;
  while (next && next !== stopAt && out.size < CHAIN && !out.has(next)) {
    const batch = await get(next);
    if (!batch) break;
    out.set(batch._id, batch);
    const change = changeOfModel(batch, at);
    const before = change?.before.mutation_batch_id;
    next = typeof before === "string" ? before : null;
    if (change) at = { provider: change.provider, model_id: change.model_id };
  }
  return [...out.values()];
}

/**
 * The batches that renamed the model of `change` of `batch` since, read from the store with
 * `renamesOf` (the applied renames of one id at or after a time: an index read), one read a step
 * of `renamesAfter`'s walk (at most CHAIN + 1). What `renamesAfter` and `laterChangeOf` are given
 * beside the model's chain, which may not reach back to them.
 */
export async function renamesSince(
  renamesOf: (key: { provider: string; model_id: string }, since: Date) => Promise<MutationBatchDoc[]>,
  batch: MutationBatchDoc,
  change: BatchChange,
): Promise<MutationBatchDoc[]> {
  const found = new Map<string, MutationBatchDoc>();
  const asked = new Set<string>();
  for (let step = 0; step <= CHAIN; step++) {
    const last = renamesAfter(batch, change, [...found.values()]).at(-1);
    const key = { provider: change.provider, model_id: last?.to ?? change.rename_to ?? change.model_id };
    const since = last?.at ?? batch.created_at;
    const ask = `${key.model_id}@${since.getTime()}`;
    if (asked.has(ask)) break;
    asked.add(ask);
    for (const b of await renamesOf(key, since)) found.set(b._id, b);
  }
  return [...found.values()];
}

/**
 * Where the renames since `batch` moved the model of its `change`: the rename batches read
 * (`renamesSince`), the renames among them (`renamesAfter`) and the id the last one left it at (the
 * change's own when there is none). What the readers of a change's fate and the reverts share.
 */
export async function renamedSince(
  renamesOf: (key: { provider: string; model_id: string }, since: Date) => Promise<MutationBatchDoc[]>,
  batch: MutationBatchDoc,
  change: BatchChange,
): Promise<{ moves: MutationBatchDoc[]; renames: Rename[]; id: string }> {
  const moves = await renamesSince(renamesOf, batch, change);
  const renames = renamesAfter(batch, change, moves);
  return { moves, renames, id: renames.at(-1)?.to ?? change.rename_to ?? change.model_id };
}

/**
 * Whether `chain` (modelChain's answer for `key`, newest first) goes back to batch `stopAt`: the
 * oldest of its batches wrote the model over that batch. Then the row is the model that batch
 * changed, and the chain holds every batch that wrote it since.
 */
export function chainReaches(
  chain: readonly MutationBatchDoc[],
  key: { provider: string; model_id: string },
  stopAt: string,
): boolean {
  let at = key;
  for (const b of chain) {
    const change = changeOfModel(b, at);
    if (!change) return false;
    if (change.before.mutation_batch_id === stopAt) return true;
    at = { provider: change.provider, model_id: change.model_id };
  }
  return false;
}

/** The model's change in a batch: under its id, or the rename that moved it to or from this id. */
export function changeOfModel(
  b: MutationBatchDoc,
  key: { provider: string; model_id: string },
): BatchChange | undefined {
  return b.changes.find(
    (ch) => ch.provider === key.provider && (ch.model_id === key.model_id || ch.rename_to === key.model_id),
  );
}
