import { randomUUID } from "node:crypto";
import type { Collection, Db, Filter } from "mongodb";
import { POINTERS_COLLECTION } from "./counted-pointer.js";

/** The fields of a model that the mutation path may change, and nothing else. */
export const MUTABLE_FIELDS = [
  "enabled",
  "deprecated",
  "disabled_reason",
  "disabled_at",
  "disabled_by",
  "disabled_class",
  "recheck_after",
  "status",
  "mutation_batch_id",
  // Admission: when the current probing began (windows and the deadline count from it), when promoted.
  "admission_started_at",
  "promoted_at",
  // Rename: the id the model had before (its history is stored under it), and when it moved.
  "renamed_from",
  "renamed_at",
  // Per-model request settings (api, omit_temperature, inference_profile_id...): the whole object,
  // so a revert puts back exactly what was there (src/operator/settings-detect.ts).
  "model_metadata",
  // When they changed: a failing model is due again at once rather than after its backoff.
  "settings_changed_at",
] as const;

export type MutableField = (typeof MUTABLE_FIELDS)[number];
export type FieldValues = Partial<Record<MutableField, unknown>>;

export type ChangeStatus = "pending" | "applied" | "failed" | "skipped";

export interface BatchChange {
  provider: string;
  model_id: string;
  /** Before-image of exactly the fields this change sets; `absent` lists fields that did not exist. */
  before: FieldValues;
  absent: MutableField[];
  after: FieldValues;
  status: ChangeStatus;
  error?: string;
  /**
   * For revert batches: fields that could not be restored because someone changed them since
   * (`model_id` when a rename's model was renamed again).
   */
  not_restored?: { field: MutableField | "model_id"; now: unknown; expected: unknown }[];
  /** For revert changes: fields that go back to absent rather than to a value. */
  unset?: MutableField[];
  /** This change adds a model to the catalog (`models add`); its revert removes it again. */
  create?: {
    created_at: Date;
    display_name?: string;
    model_metadata?: Record<string, unknown>;
    /** Where an admission candidate came from (`provider_catalog`, `openrouter_match`). */
    source?: string;
    /** For a guessed id: the catalog entry it was guessed from, e.g. `openrouter:meta-llama/…`. */
    matched_from?: string;
  };
  /** For revert changes: remove the model this batch's create added. */
  remove?: boolean;
  /**
   * The model's id after this change (a rename): the row keeps its `_id` and every other field,
   * only `model_id` moves, under compare-and-swap like the rest. A revert change renames back.
   */
  rename_to?: string;
}

export type BatchStatus = "applying" | "applied" | "partial" | "failed";

export interface MutationBatchDoc {
  _id: string;
  kind: "apply" | "revert";
  actor: string;
  reason: string;
  decision_ids: string[];
  revert_of?: string;
  /**
   * A revert of one model's change of `revert_of` only (a person's undo on the model's console
   * page): the key that change has in `revert_of` (for a rename, the id it moved from). The
   * batch `revert_of` is then not marked reverted: its other changes stay in force and revertible.
   */
  revert_only?: { provider: string; model_id: string };
  status: BatchStatus;
  created_at: Date;
  finished_at?: Date;
  changes: BatchChange[];
  applied_count: number;
  failed_count: number;
  reverted_by?: string;
  /**
   * Written by crash recovery under the id a crashed execution had claimed but never recorded:
   * no model was changed, and the id can no longer be used (see src/decisions/recover.ts).
   */
  abandoned?: boolean;
}

/**
 * `mutation_batches`: the record of every fleet change (src/mutations/mutate.ts). A batch is
 * written before its first model write and then only moves forward: change statuses, the final
 * counts, the revert that undid it.
 */
/** A reverted batch's revert: which batch undid it, who asked, when. */
export interface RevertMark {
  revert_batch_id: string;
  by: string;
  at: Date;
}

const REVERT_ROW_FIELDS = [
  "_id",
  "actor",
  "created_at",
  "revert_of",
  "revert_only",
  "status",
  "reverted_by",
] as const satisfies readonly (keyof MutationBatchDoc)[];

/** The fields of a revert batch that say what it undid, by whom and when (see revertsNaming). */
export type RevertBatchRow = Pick<MutationBatchDoc, (typeof REVERT_ROW_FIELDS)[number]>;

/**
 * Moved (a new random token, like the decisions' change token) after every `reverted_by` write,
 * so that a reader keeping decisions with their reverts in memory (src/storage/decision-rows.ts)
 * re-reads them when a batch is reverted, which changes no decision.
 */
const REVERTS_TOKEN_ID = "mutation_batches:reverts_token";

export class MutationBatchesRepository {
  private readonly col: Collection<MutationBatchDoc>;
  private readonly tokens: Collection<{ _id: string; token: string; at: Date }>;

  constructor(db: Db) {
    this.col = db.collection<MutationBatchDoc>("mutation_batches");
    this.tokens = db.collection(POINTERS_COLLECTION);
  }

  /** The reverts' change token (see REVERTS_TOKEN_ID); null before the first revert. */
  async revertsToken(): Promise<string | null> {
    return (await this.tokens.findOne({ _id: REVERTS_TOKEN_ID }))?.token ?? null;
  }

  /**
   * The revert of each of these batches that was reverted: two `_id` reads of a few fields (the
   * batches, then their reverts), whatever the size of the collection.
   */
  async revertsOf(batchIds: Iterable<string>): Promise<Map<string, RevertMark>> {
    const ids = [...new Set(batchIds)];
    const out = new Map<string, RevertMark>();
    if (ids.length === 0) return out;
    const originals = (
      await this.col.find({ _id: { $in: ids } }, { projection: { _id: 1, reverted_by: 1 } }).toArray()
    ).filter((b) => typeof b.reverted_by === "string");
    if (originals.length === 0) return out;
    const reverts = new Map(
      (
        await this.col
          .find(
            { _id: { $in: originals.map((b) => b.reverted_by!) } },
            { projection: { _id: 1, actor: 1, created_at: 1 } },
          )
          .toArray()
      ).map((r) => [r._id, r]),
    );
    for (const b of originals) {
      const r = reverts.get(b.reverted_by!);
      out.set(b._id, {
        revert_batch_id: b.reverted_by!,
        by: r?.actor ?? "unknown",
        at: r?.created_at ?? new Date(0),
      });
    }
    return out;
  }

  /**
   * The revert batches recorded for a decision's change, oldest first: a batch's revert and a
   * person's undo of one model's change (`revert_only`) both carry the decisions of what they undo,
   * so one read of the `decision_ids` index finds them, and the reverts of those reverts too.
   */
  revertsNaming(decisionId: string): Promise<RevertBatchRow[]> {
    return this.col
      .find(
        { decision_ids: decisionId, kind: "revert" },
        { projection: Object.fromEntries(REVERT_ROW_FIELDS.map((f) => [f, 1])) },
      )
      .sort({ created_at: 1 })
      .toArray();
  }

  /** The revert batches of one batch (its revert, people's undos of one of its models), oldest first. */
  revertsOfBatch(batchId: string): Promise<MutationBatchDoc[]> {
    return this.revertsOfBatches([batchId]);
  }

  /** The revert batches of any of these batches, oldest first: one read of the `revert_of` index. */
  revertsOfBatches(batchIds: readonly string[]): Promise<MutationBatchDoc[]> {
    if (batchIds.length === 0) return Promise.resolve([]);
    return this.col
      .find({ revert_of: { $in: [...batchIds] } })
      .sort({ created_at: 1 })
      .toArray();
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ revert_of: 1 }, { name: "revert_of" });
    await this.col.createIndex({ created_at: -1 }, { name: "created_at" });
    await this.col.createIndex({ decision_ids: 1 }, { name: "decision_ids" });
    await this.col.createIndex({ "changes.model_id": 1 }, { name: "changes_model_id" });
  }

  /**
   * The batches with an applied rename of this model id (a change moving it away from `model_id`,
   * a revert's move back included) created at or after `since`, oldest first, at most `limit`:
   * one read of the `changes.model_id` index, so as many documents as batches wrote that id since,
   * whatever the size of the collection. How a change's model is followed to its id now
   * (src/storage/in-force.ts `renamesAfter`).
   */
  async renamesOf(
    key: { provider: string; model_id: string },
    since: Date,
    limit = 20,
  ): Promise<MutationBatchDoc[]> {
    // Dotted paths rather than $elemMatch, which FerretDB 1.x takes with operators only; the
    // change itself is matched here.
    const found = await this.col
      .find({
        "changes.model_id": key.model_id,
        "changes.rename_to": { $exists: true },
        created_at: { $gte: since },
      })
      .sort({ created_at: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return found.filter((b) =>
      b.changes.some(
        (c) =>
          c.provider === key.provider &&
          c.model_id === key.model_id &&
          c.status === "applied" &&
          c.rename_to !== undefined,
      ),
    );
  }

  get(id: string): Promise<MutationBatchDoc | null> {
    return this.col.findOne({ _id: id });
  }

  /** The batches with these ids that exist (one `_id` read). */
  getMany(ids: readonly string[]): Promise<MutationBatchDoc[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.col.find({ _id: { $in: [...ids] } }).toArray();
  }

  list(opts: { limit?: number; before?: Date } = {}): Promise<MutationBatchDoc[]> {
    return this.col
      .find(opts.before ? { created_at: { $lt: opts.before } } : {})
      .sort({ created_at: -1 })
      .limit(opts.limit ?? 50)
      .toArray();
  }

  /** Batches created in [since, until] (every one from `since` without `until`), newest first. */
  createdBetween(
    since: Date,
    opts: {
      until?: Date;
      kind?: MutationBatchDoc["kind"];
      fields?: readonly (keyof MutationBatchDoc)[];
    } = {},
  ): Promise<MutationBatchDoc[]> {
    const filter: Filter<MutationBatchDoc> = {
      created_at: opts.until ? { $gte: since, $lte: opts.until } : { $gte: since },
    };
    if (opts.kind) filter.kind = opts.kind;
    return this.col
      .find(filter, opts.fields ? { projection: Object.fromEntries(opts.fields.map((f) => [f, 1])) } : {})
      .sort({ created_at: -1 })
      .toArray();
  }

  /** The record-first step: the batch, with its before-images, before any model is written. */
  async record(batch: MutationBatchDoc): Promise<void> {
    await this.col.insertOne(batch);
  }

  /**
   * The record-first step when the id was claimed beforehand: false when a batch with this id
   * exists already (crash recovery abandoned the id), and then nothing may be applied under it.
   */
  async recordOnce(batch: MutationBatchDoc): Promise<boolean> {
    try {
      await this.col.insertOne(batch);
      return true;
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return false;
      throw e;
    }
  }

  /** Batches a crash left between their record and their final counts. */
  applying(): Promise<MutationBatchDoc[]> {
    return this.col.find({ status: "applying" }).sort({ created_at: 1 }).toArray();
  }

  /** One change's outcome, written as soon as it is known (a crash leaves the rest pending). */
  async setChangeStatus(batchId: string, index: number, status: ChangeStatus, error?: string): Promise<void> {
    await this.col.updateOne(
      { _id: batchId },
      {
        $set: {
          [`changes.${index}.status`]: status,
          ...(error ? { [`changes.${index}.error`]: error } : {}),
        },
      },
    );
  }

  /** The honest final counts. */
  async finish(
    batchId: string,
    result: Pick<MutationBatchDoc, "status" | "applied_count" | "failed_count"> & { finished_at: Date },
  ): Promise<void> {
    await this.col.updateOne(
      { _id: batchId },
      {
        $set: {
          status: result.status,
          applied_count: result.applied_count,
          failed_count: result.failed_count,
          finished_at: result.finished_at,
        },
      },
    );
  }

  async markReverted(batchId: string, revertId: string): Promise<void> {
    await this.col.updateOne({ _id: batchId }, { $set: { reverted_by: revertId } }).finally(() =>
      // After the write (also a failed one, which may have landed), as for the decisions' token.
      this.tokens
        .updateOne(
          { _id: REVERTS_TOKEN_ID },
          { $set: { token: randomUUID(), at: new Date() } },
          { upsert: true },
        )
        .then(() => undefined),
    );
  }
}
