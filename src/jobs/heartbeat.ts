import { hostname } from "node:os";
import type { Deps } from "../deps.js";
import { computeProviderProgress } from "../liveness/progress.js";
import type { HeartbeatDoc } from "../storage/heartbeats-repository.js";
import { errorText } from "./run-record.js";
import { settleWithin } from "./settle.js";
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
  /** The heartbeat's own writes in flight (the registration, a beat); never rejects. */
  private writing: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly deps: Deps,
    private readonly stores: JobStores,
    readonly instanceId: string,
    private readonly intervalMs: number,
  ) {}

  register(jobs: HeartbeatJobs): Promise<void> {
    const write = this.write(jobs);
    this.track(write);
    return write;
  }

  private async write(jobs: HeartbeatJobs): Promise<void> {
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

  /** Never throws: a missed beat is logged, and the next one tries again. None after `stopped`. */
  beat(inFlight: string[]): Promise<void> {
    if (this.closed) return Promise.resolve();
    const write = this.beatNow(inFlight);
    this.track(write);
    return write;
  }

  private track(write: Promise<void>): void {
    this.writing = Promise.allSettled([this.writing, write]);
  }

  private async beatNow(inFlight: string[]): Promise<void> {
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

  /**
   * Marks the instance stopped, after the heartbeat's own writes in flight: FerretDB updates a
   * document by reading and rewriting it, so a beat that landed after the mark would bring back
   * `stopped_at: null`. Waits at most `withinMs` in all; a database that does not answer is
   * logged, not waited for (shutdown must end).
   */
  async stopped(withinMs: number): Promise<void> {
    this.closed = true;
    let failure: unknown = null;
    const mark = this.writing
      .then(() => this.stores.heartbeats.stopped(this.instanceId, this.deps.clock()))
      .catch((e: unknown) => void (failure = e));
    if (!(await settleWithin([mark], withinMs))) {
      this.deps.logger.warn(
        `scheduler could not mark its heartbeat stopped within ${withinMs} ms: the database did not answer`,
      );
    } else if (failure !== null) {
      this.deps.logger.warn("scheduler could not mark its heartbeat stopped", { error: errorText(failure) });
    }
  }
}
