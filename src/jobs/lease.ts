import type { Collection, Db } from "mongodb";
import { LeaseLostError } from "./job.js";
import type { JobStatusRepository } from "./job-status-repository.js";

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

export type LeaseResult =
  | { ok: true; leaseId: string; expiresAt: Date }
  | { ok: false; reason: "taken" | "busy"; holder: string | null };

export interface LeaseRequest {
  job: string;
  tick: Date;
  runId: string;
  instanceId: string;
  now: Date;
  ttlMs: number;
  manual?: boolean;
}

/**
 * Run-once-per-tick across instances. Conditional updates are not atomic on FerretDB 1.24 (several
 * of five concurrent callers "win"), but inserting a unique `_id` is, so a tick is taken by
 * inserting `<job>@<tick>`: exactly one instance succeeds. Before that, a tick is refused while an
 * earlier run of the job still holds an unexpired lease, so runs of one job do not overlap across
 * instances either. A run that outlives its lease is fenced off by `assertHeld`.
 */
export class JobLeases {
  readonly col: Collection<JobLeaseDoc>;

  constructor(
    db: Db,
    private readonly status: JobStatusRepository,
  ) {
    this.col = db.collection<JobLeaseDoc>(JOB_LEASES_COLLECTION);
  }

  async acquire(req: LeaseRequest): Promise<LeaseResult> {
    const current = (await this.status.get(req.job))?.running;
    if (current && current.lease_expires_at > req.now && current.tick.getTime() !== req.tick.getTime()) {
      return { ok: false, reason: "busy", holder: current.instance_id };
    }
    const leaseId = req.manual ? `${req.job}@manual@${req.runId}` : `${req.job}@${req.tick.toISOString()}`;
    const expiresAt = new Date(req.now.getTime() + req.ttlMs);
    try {
      await this.col.insertOne({
        _id: leaseId,
        job: req.job,
        tick: req.tick,
        run_id: req.runId,
        instance_id: req.instanceId,
        acquired_at: req.now,
        expires_at: expiresAt,
        released_at: null,
      });
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
      const holder = await this.col.findOne({ _id: leaseId });
      return { ok: false, reason: "taken", holder: holder?.instance_id ?? null };
    }
    await this.status.started(
      req.job,
      {
        run_id: req.runId,
        instance_id: req.instanceId,
        tick: req.tick,
        started_at: req.now,
        lease_expires_at: expiresAt,
      },
      req.now,
    );
    return { ok: true, leaseId, expiresAt };
  }

  /**
   * The fencing check a run makes before it writes results: its lease has not expired and it is
   * still the job's running run (a later run, or the end of this run's own timed-out attempt,
   * replaces that).
   */
  async assertHeld(job: string, runId: string, expiresAt: Date, now: Date): Promise<void> {
    if (now >= expiresAt)
      throw new LeaseLostError(`the lease of run ${runId} expired at ${expiresAt.toISOString()}`);
    const running = (await this.status.get(job))?.running;
    if (running?.run_id !== runId) {
      throw new LeaseLostError(
        `run ${runId} no longer holds job ${job}${running ? `: run ${running.run_id} took over` : ""}`,
      );
    }
  }

  /** Only the owner writes its lease document, so this plain update does not race. */
  async release(leaseId: string, now: Date): Promise<void> {
    await this.col.updateOne({ _id: leaseId }, { $set: { released_at: now } });
  }

  /** Deletes lease documents that expired before `before`; they only matter while a tick is live. */
  async prune(before: Date): Promise<number> {
    return (await this.col.deleteMany({ expires_at: { $lt: before } })).deletedCount;
  }
}
