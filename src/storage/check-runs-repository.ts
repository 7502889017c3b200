import type { Collection, Db } from "mongodb";

/** An invariant check's outcome (invariants/types.ts re-exports it). */
export type CheckStatus = "pass" | "warning" | "violation" | "cannot_evaluate" | "error";

export const CHECK_RUNS_COLLECTION = "check_runs";

/** One immutable row per check per evaluation; rows of one evaluation share `evaluation_id`. */
export interface CheckRunDoc {
  _id: string;
  evaluation_id: string;
  check: string;
  at: Date;
  status: CheckStatus;
  /** False for cannot_evaluate: a check that did not run is not a pass. */
  evaluated: boolean;
  summary: string;
  details: Record<string, unknown>;
  threshold_version: number;
  snapshot_id: string | null;
  duration_ms: number;
}

export class CheckRunsRepository {
  private readonly col: Collection<CheckRunDoc>;

  constructor(db: Db) {
    this.col = db.collection<CheckRunDoc>(CHECK_RUNS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ at: -1 }, { name: "at" });
    await this.col.createIndex({ check: 1, at: -1 }, { name: "check_at" });
    await this.col.createIndex({ evaluation_id: 1 }, { name: "evaluation" });
  }

  async insertMany(rows: CheckRunDoc[]): Promise<void> {
    if (rows.length > 0) await this.col.insertMany(rows);
  }

  /** The rows of the newest evaluation, or an empty list. */
  async latestEvaluation(): Promise<CheckRunDoc[]> {
    const newest = await this.col.findOne({}, { sort: { at: -1 } });
    if (!newest) return [];
    return this.col.find({ evaluation_id: newest.evaluation_id }).sort({ check: 1 }).toArray();
  }
}
