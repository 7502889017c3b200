import { hostname } from "node:os";
import type { Deps } from "../deps.js";
import { computeProviderProgress } from "../liveness/progress.js";
import type { HeartbeatDoc } from "../storage/heartbeats-repository.js";
import { errorText } from "./run-record.js";
import type { JobStores } from "./stores.js";

/** How often the heartbeat refreshes the per-provider progress that `healthz` reads. */
const PROGRESS_EVERY_MS = 60_000;

/** What an instance registers about its jobs: the expanded cron fields let the dead-man check work without node-cron. */
export type HeartbeatJobs = Pick<HeartbeatDoc, "jobs" | "unwired">;

/**
 * An instance's heartbeat document: registered once at start, beaten by the scheduler's heartbeat
 * task, marked stopped at shutdown. Provider progress costs O(models), so a beat refreshes it
 * about once a minute, not every time.
 */
export class InstanceHeartbeat {
  private progressAt = 0;

  constructor(
    private readonly deps: Deps,
    private readonly stores: JobStores,
    readonly instanceId: string,
    private readonly intervalMs: number,
  ) {}

  async register(jobs: HeartbeatJobs): Promise<void> {
    const now = this.deps.clock();
    const progress = await computeProviderProgress(this.deps, now);
    this.progressAt = Date.now();
    await this.stores.heartbeats.register({
      _id: this.instanceId,
      host: hostname(),
      pid: process.pid,
      started_at: now,
      beat_at: now,
      interval_ms: this.intervalMs,
      ...jobs,
      stopped_at: null,
      in_flight: [],
      provider_progress: progress,
    });
  }

  /** Never throws: a missed beat is logged, and the next one tries again. */
  async beat(inFlight: string[]): Promise<void> {
    try {
      const now = this.deps.clock();
      const due = Date.now() - this.progressAt >= PROGRESS_EVERY_MS;
      const progress = due ? await computeProviderProgress(this.deps, now) : undefined;
      await this.stores.heartbeats.beat(this.instanceId, now, inFlight, progress);
      if (progress) this.progressAt = Date.now();
    } catch (e) {
      this.deps.logger.warn("scheduler heartbeat failed", { error: errorText(e) });
    }
  }

  async stopped(): Promise<void> {
    try {
      await this.stores.heartbeats.stopped(this.instanceId, this.deps.clock());
    } catch (e) {
      this.deps.logger.warn("scheduler could not mark its heartbeat stopped", { error: errorText(e) });
    }
  }
}
