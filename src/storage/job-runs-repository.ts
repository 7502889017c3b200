import type { Collection, Db, Filter } from "mongodb";

/** Collection of job-run records: one per run attempt of a job on one instance. */
export const JOB_RUNS_COLLECTION = "job_runs";

/**
 * `running` while the run is in flight (a record left `running` after its lease expired is an
 * abandoned run: the process died); `skipped_lease` when another instance holds the tick or the
 * job is still running; `timed_out` when the run outlived its deadline or lost its lease.
 */
export type JobOutcome = "running" | "ok" | "failed" | "skipped_lease" | "timed_out";

/**
 * A run's outcome as a person reads it, with why a tick was skipped and who holds the job:
 * "skipped_lease (busy: serve-a)". The CLI's jobs history and the console's Jobs page both print it.
 */
export function outcomeText(run: {
  outcome: string;
  skip_reason?: string | null;
  skip_holder?: string | null;
}): string {
  if (!run.skip_reason) return run.outcome;
  return `${run.outcome} (${run.skip_reason}${run.skip_holder ? `: ${run.skip_holder}` : ""})`;
}

export interface JobRunDoc {
  /** The run id, also the fencing token on the lease. */
  _id: string;
  name: string;
  /** Scheduled time of the tick (the start time for a manual run). */
  tick: Date;
  instance_id: string;
  manual: boolean;
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  outcome: JobOutcome;
  /** Why a tick was skipped: `taken` by another instance, or `busy` (the job is still running). */
  skip_reason?: "taken" | "busy";
  /** For a skip: the instance running the job (busy) or that took the tick (taken), when known. */
  skip_holder?: string | null;
  counts: Record<string, number>;
  cost_usd: number;
  summary?: string;
  /** Redacted and truncated. */
  error: string | null;
  /** The lease this run held, when it held one. */
  lease_id?: string;
}

export interface ListJobRunsOptions {
  name?: string;
  /** Newest first; at most this many (default 50, at most 500). */
  limit?: number;
  /** Only runs that started strictly before this time (for paging). */
  before?: Date;
}

/**
 * The job-run ledger. Each record is written by the run that owns it (insert at start, one update
 * at the end), so the lack of atomic conditional updates on FerretDB does not matter here.
 */
export class JobRunsRepository {
  private readonly col: Collection<JobRunDoc>;

  constructor(db: Db) {
    this.col = db.collection<JobRunDoc>(JOB_RUNS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    // Serves list({name}) and each job's last runs (healthz, dead-man check) without a scan.
    await this.col.createIndex({ name: 1, started_at: -1 }, { name: "name_started" });
    await this.col.createIndex({ started_at: -1 }, { name: "started" });
    await this.col.createIndex({ name: 1, tick: -1 }, { name: "name_tick" });
  }

  async insert(doc: JobRunDoc): Promise<void> {
    await this.col.insertOne(doc);
  }

  async finish(
    id: string,
    fields: Pick<JobRunDoc, "finished_at" | "duration_ms" | "outcome" | "counts" | "cost_usd" | "error"> & {
      summary?: string;
    },
  ): Promise<void> {
    await this.col.updateOne({ _id: id }, { $set: fields });
  }

  get(id: string): Promise<JobRunDoc | null> {
    return this.col.findOne({ _id: id });
  }

  /** Runs newest first, optionally of one job and before a time. */
  list(opts: ListJobRunsOptions = {}): Promise<JobRunDoc[]> {
    const filter: Filter<JobRunDoc> = {};
    if (opts.name !== undefined) filter.name = opts.name;
    if (opts.before !== undefined) filter.started_at = { $lt: opts.before };
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
    return this.col.find(filter).sort({ started_at: -1 }).limit(limit).toArray();
  }

  /** The newest run of `name` that actually ran (not skipped), or null. */
  lastExecuted(name: string): Promise<JobRunDoc | null> {
    return this.col.findOne({ name, outcome: { $ne: "skipped_lease" } }, { sort: { started_at: -1 } });
  }

  /** The newest `n` runs of `name` that actually ran, newest first. */
  recentExecuted(name: string, n: number): Promise<JobRunDoc[]> {
    return this.col
      .find({ name, outcome: { $ne: "skipped_lease" } })
      .sort({ started_at: -1 })
      .limit(n)
      .toArray();
  }

  /** Any record (of any outcome and instance) for this tick of `name`. */
  forTick(name: string, tick: Date): Promise<JobRunDoc | null> {
    return this.col.findOne({ name, tick });
  }

  /** The newest record of `name` with a tick at or after `from`. */
  firstTickSince(name: string, from: Date): Promise<JobRunDoc | null> {
    return this.col.findOne({ name, tick: { $gte: from } }, { sort: { tick: -1 } });
  }
}
