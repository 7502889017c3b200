import type { HeartbeatsRepository } from "../storage/heartbeats-repository.js";
import type { JobLeasesRepository } from "../storage/job-leases-repository.js";
import { leaseLapsed, type JobStatusRepository } from "../storage/job-status-repository.js";
import { LeaseLostError } from "./job.js";

/** A run left `running` by an instance that stopped beating: the tick that took the job over from it. */
export interface AbandonedRun {
  run_id: string;
  instance_id: string;
  tick: Date;
  started_at: Date;
  /** The dead instance's last beat. */
  last_beat_at: Date;
}

export type LeaseResult =
  | { ok: true; leaseId: string; expiresAt: Date; tookOverFrom?: AbandonedRun }
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
 *
 * Whether another instance's lease is live, and whether that instance is dead, is measured on the
 * database's clock (`databaseNow`: the server's `hello` time) against stamps the database wrote, never
 * one host's clock against another's: an instance whose clock ran five minutes ahead saw a live
 * holder's heartbeat as stale and took its job over mid-run. Documents written before those stamps
 * existed are read on this host's clock, as before.
 */
export class JobLeases {
  constructor(
    private readonly leases: JobLeasesRepository,
    private readonly status: JobStatusRepository,
    private readonly heartbeats: HeartbeatsRepository,
    private readonly databaseNow: () => Promise<Date>,
  ) {}

  async acquire(req: LeaseRequest): Promise<LeaseResult> {
    const [status, dbNow] = await Promise.all([this.status.get(req.job), this.databaseNow()]);
    const current = status?.running;
    let tookOverFrom: AbandonedRun | undefined;
    const live = current ? !leaseLapsed(current, req.now, dbNow) : false;
    if (current && live && current.tick.getTime() !== req.tick.getTime()) {
      const dead = await this.deadHolder(current.instance_id, req.now, dbNow);
      if (!dead) return { ok: false, reason: "busy", holder: current.instance_id };
      const { run_id, instance_id, tick, started_at } = current;
      tookOverFrom = { run_id, instance_id, tick, started_at, last_beat_at: dead };
    }
    const leaseId = req.manual ? `${req.job}@manual@${req.runId}` : `${req.job}@${req.tick.toISOString()}`;
    const expiresAt = new Date(req.now.getTime() + req.ttlMs);
    const taken = await this.leases.take({
      _id: leaseId,
      job: req.job,
      tick: req.tick,
      run_id: req.runId,
      instance_id: req.instanceId,
      acquired_at: req.now,
      expires_at: expiresAt,
      released_at: null,
    });
    if (!taken) {
      const holder = await this.leases.get(leaseId);
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
        lease_db_expires_at: new Date(dbNow.getTime() + req.ttlMs),
      },
      req.now,
    );
    return { ok: true, leaseId, expiresAt, ...(tookOverFrom ? { tookOverFrom } : {}) };
  }

  /**
   * A holder is dead when its instance said it stopped, or its heartbeat is older than healthz
   * allows (4 intervals, at least a minute): a killed process (SIGKILL, OOM, a lost host) cannot
   * finish its run, and waiting for its lease held the job up to its timeout plus a minute (the
   * operator run 16 min, a killed sweep past the next default tick). Should it still be alive,
   * the fence stops it: the new run replaces `running`, and `assertHeld` fails the old one before
   * it writes. No heartbeat at all (a `jobs run` from the CLI) proves nothing: the lease holds.
   * Returns the dead instance's last beat, or null while it may be alive. The beat's age is read on
   * the database's clock (`db_beat_at` against `dbNow`), or this host's for a heartbeat without it.
   */
  private async deadHolder(instanceId: string, now: Date, dbNow: Date): Promise<Date | null> {
    const beat = await this.heartbeats.get(instanceId);
    if (!beat) return null;
    const staleAfter = Math.max(60_000, 4 * beat.interval_ms);
    const age = beat.db_beat_at
      ? dbNow.getTime() - beat.db_beat_at.getTime()
      : now.getTime() - beat.beat_at.getTime();
    const stale = beat.stopped_at !== null || age > staleAfter;
    return stale ? beat.beat_at : null;
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

  release(leaseId: string, now: Date): Promise<void> {
    return this.leases.release(leaseId, now);
  }

  /** Lease documents only matter while their tick is live. */
  prune(before: Date): Promise<number> {
    return this.leases.prune(before);
  }
}
