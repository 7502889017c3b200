import type { Config } from "../config/config.js";
import type { OperatorLlmBackend } from "../providers/llm/backend.js";
import { createSmtpMailer, type Mailer } from "../report/mailer.js";
import type { ErrorKind } from "../taxonomy/kinds.js";
import type { JobContext, JobResult } from "./job.js";

/** The work of one tick of a job whose service lives elsewhere (benchmarks, discovery, admission). */
export type JobRunner = (ctx: JobContext) => Promise<JobResult>;

/** A model that a recovery probe should try once. */
export interface RecoveryProbeTarget {
  provider: string;
  model_id: string;
  /** `provider_stopped`: its provider is paused or blocked; `recheck_due`: its `recheck_after` date came. */
  reason: "provider_stopped" | "recheck_due";
}

/** The result of one probe: a published success or the classified failure. */
export type ProbeOutcome = { ok: true } | { ok: false; kind: ErrorKind; message: string };

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

/** The services the configuration alone can provide: today, the SMTP mailer. */
export function servicesFromConfig(config: Config): JobServices {
  return config.email.smtp.host !== undefined ? { mailer: createSmtpMailer(config.email) } : {};
}
