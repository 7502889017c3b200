import type { JobName } from "../config/settings.js";
import type { Deps } from "../deps.js";
import type { OperatorLlmBackend } from "../providers/llm/backend.js";
import type { Mailer } from "../report/mailer.js";
import type { WorkContext, WorkResult } from "../scheduled-work.js";
import type { ErrorKind } from "../taxonomy/kinds.js";

export type { JobName };

/** What one run did, as recorded in its job-run record. */
export type JobResult = WorkResult;

/**
 * Everything a run gets. A run must call `assertLease()` before it writes its results: a run that
 * outlived its lease (another instance took a later tick of the same job) is fenced off and its
 * results are not written, so it cannot corrupt the run that replaced it.
 */
export interface JobContext extends WorkContext {
  deps: Deps;
  services: JobServices;
  /** Throws {@link LeaseLostError} when this run no longer holds its lease. */
  assertLease(): Promise<void>;
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

/** The work of one tick of a job whose service lives elsewhere (benchmarks, discovery, admission). */
export type JobRunner = (ctx: JobContext) => Promise<JobResult>;

/** A model that a recovery probe should try once. */
export interface RecoveryProbeTarget {
  provider: string;
  model_id: string;
  /** `provider_stopped`: its provider is paused or blocked; `recheck_due`: its `recheck_after` date came. */
  reason: "provider_stopped" | "recheck_due";
}

/**
 * The result of one probe: a success or the classified failure, with what the ledger was charged;
 * or no call at all (kill switch, budget, claimed elsewhere), which leaves the target as it was.
 */
export type ProbeOutcome =
  | { ok: true; costUsd?: number }
  | { ok: false; kind: ErrorKind; message: string; costUsd?: number }
  | { skipped: "kill_switch" | "budget" | "busy" | "not_probeable"; detail: string };

/** Runs one low-frequency probe (one benchmark call) and records it like any run. */
export type RecoveryProbe = (target: RecoveryProbeTarget, ctx: JobContext) => Promise<ProbeOutcome>;

/**
 * Services that jobs call but that other parts of the product own. The composition root passes
 * the real ones to `startScheduler`; a job that `requires` a missing one is not scheduled and is
 * reported as not wired.
 */
export interface JobServices {
  /** One benchmark sweep: select the due work and measure it. */
  benchmarkSweep?: JobRunner;
  /** Read every provider catalog and record one ledger row per read. */
  discovery?: JobRunner;
  /** Probe candidates before promotion and retire models absent from complete reads. */
  admission?: JobRunner;
  /** One benchmark call for a recovery probe. */
  recoveryProbe?: RecoveryProbe;
  /** Delivers the health email; built from SMTP_* settings when SMTP_HOST is set. */
  mailer?: Mailer;
  /** Delivery retries of the health email. @default 3 attempts, waits of 2 s then 8 s */
  emailRetry?: { attempts: number; backoffMs: number };
  /** The operator LLM chain; built from OPERATOR_LLM when absent. */
  operatorChain?: readonly OperatorLlmBackend[];
}
