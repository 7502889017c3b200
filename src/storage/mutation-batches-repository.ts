import type { Collection, Db } from "mongodb";

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
  /** For revert batches: fields that could not be restored because someone changed them since. */
  not_restored?: { field: MutableField; now: unknown; expected: unknown }[];
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
}

export type BatchStatus = "applying" | "applied" | "partial" | "failed";

export interface MutationBatchDoc {
  _id: string;
  kind: "apply" | "revert";
  actor: string;
  reason: string;
  decision_ids: string[];
  revert_of?: string;
  status: BatchStatus;
  created_at: Date;
  finished_at?: Date;
  changes: BatchChange[];
  applied_count: number;
  failed_count: number;
  reverted_by?: string;
}

export class MutationBatchesRepository {
  readonly col: Collection<MutationBatchDoc>;

  constructor(db: Db) {
    this.col = db.collection<MutationBatchDoc>("mutation_batches");
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ created_at: -1 }, { name: "created_at" });
    await this.col.createIndex({ decision_ids: 1 }, { name: "decision_ids" });
  }

  get(id: string): Promise<MutationBatchDoc | null> {
    return this.col.findOne({ _id: id });
  }

  list(opts: { limit?: number; before?: Date } = {}): Promise<MutationBatchDoc[]> {
    return this.col
      .find(opts.before ? { created_at: { $lt: opts.before } } : {})
      .sort({ created_at: -1 })
      .limit(opts.limit ?? 50)
      .toArray();
  }
}
