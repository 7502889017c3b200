import type { Collection, Db } from "mongodb";

export const HEARTBEATS_COLLECTION = "scheduler_heartbeats";

/** A cron expression's expanded fields, as node-cron's `parse` returns them (see src/cron-ticks.ts). */
export interface CronFields {
  second: number[];
  minute: number[];
  hour: number[];
  dayOfMonth: (number | string)[];
  month: number[];
  dayOfWeek: (number | string)[];
}

/** One provider's progress as liveness/progress.ts computes it and the heartbeat stores it. */
export interface ProviderProgress {
  provider: string;
  /** The state get_fleet_health shows (src/liveness/progress.ts), `not_configured` included. */
  state: string;
  /** For `not_configured`: the setting to fill in. */
  state_reason?: string;
  enabled_models: number;
  last_success_at: Date | null;
  hours_since_success: number | null;
  /** No success within the cadence plus grace while not paused or blocked. Never fails healthz. */
  stalled: boolean;
}

export interface ProgressSnapshot {
  computed_at: Date;
  providers: ProviderProgress[];
}

export interface ScheduledJobRef {
  name: string;
  cron: string;
  timezone: string;
  /** The expression expanded by node-cron at start-up. */
  fields: CronFields;
}

/**
 * One document per scheduler instance (one process start). The scheduler's own cron task beats
 * it, so a fresh `beat_at` proves that node-cron is still firing in that process; `healthz`
 * turns unhealthy when it goes stale, and the dead-man check learns from it which jobs were
 * scheduled since when. `beat_at` is the instance's clock; `db_beat_at` is the database's at the same
 * write, which another instance deciding whether this one is dead compares with the database's clock
 * (src/jobs/lease.ts), so that two hosts' clocks are never compared.
 */
export interface HeartbeatDoc {
  _id: string;
  host: string;
  pid: number;
  started_at: Date;
  beat_at: Date;
  /** Stamped by the database server at each beat and at registration (`$currentDate`); absent before 2026-12. */
  db_beat_at?: Date;
  interval_ms: number;
  jobs: ScheduledJobRef[];
  /** Jobs not scheduled because a service they require was not provided. */
  unwired: { name: string; missing: string }[];
  stopped_at: Date | null;
  /** Runs in flight at the last beat. */
  in_flight: string[];
  /** Per-provider progress, refreshed by the heartbeat about once a minute; `healthz` reads it. */
  provider_progress?: ProgressSnapshot;
}

export class HeartbeatsRepository {
  private readonly col: Collection<HeartbeatDoc>;

  constructor(db: Db) {
    this.col = db.collection<HeartbeatDoc>(HEARTBEATS_COLLECTION);
  }

  async register(doc: Omit<HeartbeatDoc, "db_beat_at">): Promise<void> {
    await this.col.replaceOne({ _id: doc._id }, doc, { upsert: true });
    await this.col.updateOne({ _id: doc._id }, { $currentDate: { db_beat_at: true } });
  }

  async beat(id: string, now: Date, inFlight: string[], progress?: ProgressSnapshot): Promise<void> {
    await this.col.updateOne(
      { _id: id },
      {
        $set: { beat_at: now, in_flight: inFlight, ...(progress ? { provider_progress: progress } : {}) },
        $currentDate: { db_beat_at: true },
      },
    );
  }

  async stopped(id: string, now: Date): Promise<void> {
    await this.col.updateOne(
      { _id: id },
      { $set: { stopped_at: now, beat_at: now, in_flight: [] }, $currentDate: { db_beat_at: true } },
    );
  }

  get(id: string): Promise<HeartbeatDoc | null> {
    return this.col.findOne({ _id: id });
  }

  all(): Promise<HeartbeatDoc[]> {
    return this.col.find().sort({ started_at: 1 }).toArray();
  }

  /** Forgets instances that stopped beating long ago; keeps the collection a handful of documents. */
  async prune(before: Date): Promise<number> {
    return (await this.col.deleteMany({ beat_at: { $lt: before } })).deletedCount;
  }
}
