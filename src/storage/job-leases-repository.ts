import type { Collection, Db } from "mongodb";

/** One document per (job, tick) that some instance took. */
export const JOB_LEASES_COLLECTION = "job_leases";

export interface JobLeaseDoc {
  /** `<job>@<tick ISO>`, or `<job>@manual@<run id>` for a manual run. */
  _id: string;
  job: string;
  tick: Date;
  run_id: string;
  instance_id: string;
  acquired_at: Date;
  expires_at: Date;
  released_at: Date | null;
}

/**
 * The lease documents behind run-once-per-tick (the rules are in jobs/lease.ts). Taking a lease is
 * an insert of a unique `_id`, the one write that is atomic on FerretDB 1.24 as on MongoDB.
 */
export class JobLeasesRepository {
  private readonly col: Collection<JobLeaseDoc>;

  constructor(db: Db) {
    this.col = db.collection<JobLeaseDoc>(JOB_LEASES_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ expires_at: 1 }, { name: "expires_at" });
  }

  /** Inserts the lease; false when a lease with its `_id` exists (another instance took the tick). */
  async take(doc: JobLeaseDoc): Promise<boolean> {
    try {
      await this.col.insertOne(doc);
      return true;
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
      return false;
    }
  }

  get(id: string): Promise<JobLeaseDoc | null> {
    return this.col.findOne({ _id: id });
  }

  /** Only the owner writes its lease document, so this plain update does not race. */
  async release(id: string, now: Date): Promise<void> {
    await this.col.updateOne({ _id: id }, { $set: { released_at: now } });
  }

  /** Deletes lease documents that expired before `before`; they only matter while a tick is live. */
  async prune(before: Date): Promise<number> {
    return (await this.col.deleteMany({ expires_at: { $lt: before } })).deletedCount;
  }
}
