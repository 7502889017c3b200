import type { JobName } from "../config/settings.js";
import type { Deps } from "../deps.js";
import type { Logger } from "../logger.js";
import type { JobServices } from "./services.js";

export type { JobName };

/** What one run did, as recorded in its job-run record. */
export interface JobResult {
  /** Small named counters (models probed, checks failed, ...). */
  counts?: Record<string, number>;
  /** USD this run spent on paid calls; 0 when it made none. */
  costUsd?: number;
  /** One line for `jobs history`. */
  summary?: string;
}

/**
 * Everything a run gets. A run must call `assertLease()` before it writes its results: a run that
 * outlived its lease (another instance took a later tick of the same job) is fenced off and its
 * results are not written, so it cannot corrupt the run that replaced it.
 */
export interface JobContext {
  deps: Deps;
  services: JobServices;
  /** This run's id; also the fencing token on its lease. */
  runId: string;
  /** The scheduled time of the tick being run (the current time for a manual run). */
  tick: Date;
  instanceId: string;
  /** Aborted when the run times out or the process shuts down. */
  signal: AbortSignal;
  /** Throws {@link LeaseLostError} when this run no longer holds its lease. */
  assertLease(): Promise<void>;
  logger: Logger;
}

/**
 * A scheduled job: plain data plus a function (style anchor 9). `schedule` is the job's own name:
 * its cron expression comes from `config.jobs.schedules`, read in `config.jobs.timezone`.
 */
export interface JobDefinition {
  name: JobName;
  description: string;
  /** A run longer than this is timed out; its lease lasts this long plus a margin. */
  timeoutMs: number;
  /**
   * The injected service the job cannot run without. A job whose service is missing is not
   * scheduled and is listed as not wired (in the heartbeat, `healthz` and the health email),
   * rather than failing at every tick or silently doing nothing.
   */
  requires?: keyof JobServices;
  run(ctx: JobContext): Promise<JobResult>;
}

/** Thrown by `assertLease` when a later run of the same job took over. */
export class LeaseLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LeaseLostError";
  }
}
