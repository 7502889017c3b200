import { AppError } from "./errors.js";
import type { Logger } from "./logger.js";

/**
 * The contract between the job runner and the services it schedules (benchmark sweep,
 * admission, discovery). It lives below both so that a service can be scheduled without
 * importing the scheduler: `JobContext` extends it, and a `ScheduledWork` is a `JobRunner`.
 */
export interface WorkContext {
  /** This run's id; also the fencing token on its lease. */
  runId: string;
  /** The scheduled time of the tick being run (the current time for a manual run). */
  tick: Date;
  instanceId: string;
  /** Aborted when the run times out or the process shuts down. */
  signal: AbortSignal;
  /** Throws when this run no longer holds its lease (a later run of the same job took over). */
  assertLease(): Promise<void>;
  logger: Logger;
}

/** What one run did, as recorded in its job-run record. */
export interface WorkResult {
  /** Small named counters (models probed, checks failed, ...). */
  counts?: Record<string, number>;
  /** USD this run spent on paid calls; 0 when it made none. */
  costUsd?: number;
  /** One line for `jobs history`. */
  summary?: string;
}

/** One tick's work of a service that the scheduler runs. */
export type ScheduledWork = (ctx: WorkContext) => Promise<WorkResult>;

/**
 * Thrown by work that ended without doing what it is for, with what it did count: the run is recorded
 * failed, its error this message, and its counts and spend kept (a discovery run whose every read was
 * incomplete still read some providers and pages). There is no summary: the message says it.
 */
export class WorkFailedError extends AppError {
  constructor(
    message: string,
    readonly result: Omit<WorkResult, "summary">,
  ) {
    super("unavailable", message);
    this.name = "WorkFailedError";
  }
}
