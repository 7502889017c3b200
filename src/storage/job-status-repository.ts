import type { Collection, Db } from "mongodb";
import type { JobOutcome } from "./job-runs-repository.js";

/** One small document per job: what `healthz`, the dead-man check and the lease read. */
export const JOB_STATUS_COLLECTION = "job_status";

export interface RunningRef {
  run_id: string;
  instance_id: string;
  tick: Date;
  started_at: Date;
  /** The lease's end on the run's host clock: what the run fences itself with (assertHeld). */
  lease_expires_at: Date;
  /**
   * The same end on the database's clock, which another instance compares with the database's clock
   * when it asks whether the lease is live (src/jobs/lease.ts). Absent on runs started before 2026-12.
   */
  lease_db_expires_at?: Date;
}

/**
 * Whether a running run's lease has lapsed (the run is abandoned unless it finishes): read on the
 * database's clock when the run stamped its lease on it (`lease_db_expires_at` against `dbNow`, from
 * `database.now()`), else on the reader's clock (`now`; runs started before 2026-12). The lease
 * (src/jobs/lease.ts), the job-lane invariant and healthz all judge it so: another host's clock is
 * never compared with the stamp of the run's host.
 */
export function leaseLapsed(running: RunningRef, now: Date, dbNow: Date): boolean {
  return running.lease_db_expires_at ? running.lease_db_expires_at <= dbNow : running.lease_expires_at <= now;
}

export interface LastRunRef extends Omit<RunningRef, "lease_expires_at" | "lease_db_expires_at"> {
  finished_at: Date;
  outcome: Exclude<JobOutcome, "running" | "skipped_lease">;
  error: string | null;
  summary?: string;
}

/**
 * The current state of a job, kept up to date by the runs themselves so that reading it costs one
 * small document per job however long the run history grows (the ledger is `job_runs`). Runs of
 * one job never overlap (the lease refuses a tick while `running` holds an unexpired lease), so
 * plain `$set`s do not race; `last_tick` uses `$max` because every instance records every tick.
 */
export interface JobStatusDoc {
  _id: string;
  /** The newest tick any instance handled (ran or skipped). The dead-man check reads this. */
  last_tick?: Date;
  running?: RunningRef | null;
  last_run?: LastRunRef | null;
  last_ok_at?: Date | null;
  last_failure_at?: Date | null;
  consecutive_failures?: number;
  updated_at?: Date;
}

export class JobStatusRepository {
  private readonly col: Collection<JobStatusDoc>;

  constructor(db: Db) {
    this.col = db.collection<JobStatusDoc>(JOB_STATUS_COLLECTION);
  }

  get(name: string): Promise<JobStatusDoc | null> {
    return this.col.findOne({ _id: name });
  }

  all(): Promise<JobStatusDoc[]> {
    return this.col.find().sort({ _id: 1 }).toArray();
  }

  async started(name: string, running: RunningRef, now: Date): Promise<void> {
    await this.col.updateOne(
      { _id: name },
      { $set: { running, updated_at: now }, $max: { last_tick: running.tick } },
      { upsert: true },
    );
  }

  /** Records the end of the run that holds `running`; a fenced-off run passes `keepRunning`. */
  async finished(
    name: string,
    last: LastRunRef,
    now: Date,
    opts: { keepRunning?: boolean } = {},
  ): Promise<void> {
    const ok = last.outcome === "ok";
    await this.col.updateOne(
      { _id: name },
      {
        $set: {
          last_run: last,
          updated_at: now,
          ...(opts.keepRunning ? {} : { running: null }),
          ...(ok
            ? { last_ok_at: last.finished_at, consecutive_failures: 0 }
            : { last_failure_at: last.finished_at }),
        },
        ...(ok ? {} : { $inc: { consecutive_failures: 1 } }),
      },
      { upsert: true },
    );
  }
}
