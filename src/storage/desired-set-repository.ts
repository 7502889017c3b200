import { randomBytes } from "node:crypto";
import type { Collection, Db } from "mongodb";
import type { ModelsRepository } from "./models-repository.js";

export const DESIRED_SET_COLLECTION = "desired_set_snapshots";

/**
 * An immutable record of what should be measured at one moment: every enabled, non-deprecated
 * model. Coverage checks judge against a snapshot at least an hour old (research 4.10).
 */
export interface DesiredSetSnapshot {
  _id: string;
  captured_at: Date;
  count: number;
  providers: string[];
  models: { provider: string; model_id: string }[];
}

export class DesiredSetRepository {
  private readonly col: Collection<DesiredSetSnapshot>;

  constructor(db: Db) {
    this.col = db.collection<DesiredSetSnapshot>(DESIRED_SET_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ captured_at: -1 }, { name: "captured_at" });
  }

  /** The live desired set, without writing anything. */
  async live(models: ModelsRepository): Promise<DesiredSetSnapshot["models"]> {
    const docs = await models.find({ enabled: true, deprecated: { $ne: true } });
    return docs.map((m) => ({ provider: m.provider, model_id: m.model_id }));
  }

  /** Inserts a new snapshot of the live desired set. Snapshots are never updated. */
  async capture(models: ModelsRepository, now: Date): Promise<DesiredSetSnapshot> {
    const set = await this.live(models);
    const snapshot: DesiredSetSnapshot = {
      _id: `ds_${now.toISOString().replace(/[-:.]/g, "").slice(0, 15)}_${randomBytes(3).toString("hex")}`,
      captured_at: now,
      count: set.length,
      providers: [...new Set(set.map((m) => m.provider))].sort(),
      models: set,
    };
    await this.col.insertOne(snapshot);
    return snapshot;
  }

  /** The newest snapshot captured at least `minAgeMs` before `now`, or null. */
  forEvaluation(now: Date, minAgeMs: number): Promise<DesiredSetSnapshot | null> {
    return this.col.findOne(
      { captured_at: { $lte: new Date(now.getTime() - minAgeMs) } },
      { sort: { captured_at: -1 } },
    );
  }

  /** Retention: snapshots older than `before` are no longer judged against. */
  async prune(before: Date): Promise<number> {
    return (await this.col.deleteMany({ captured_at: { $lt: before } })).deletedCount;
  }
}
