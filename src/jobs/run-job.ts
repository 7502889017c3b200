import { randomBytes } from "node:crypto";
import type { Deps } from "../deps.js";
import { redactSecrets } from "../logger.js";
import { LeaseLostError, type JobContext, type JobDefinition, type JobResult } from "./job.js";
import type { JobOutcome, JobRunDoc } from "../storage/job-runs-repository.js";
import type { JobServices } from "./services.js";
import { jobStores, type JobStores } from "./stores.js";

/** Added to a job's timeout to get its lease: the lease must outlive a run that ends on time. */
export const LEASE_MARGIN_MS = 60_000;
const MAX_ERROR_CHARS = 1_000;

/** A run in flight in this process. Its work may go on after its record says timed out. */
export interface InFlightRun {
  runId: string;
  controller: AbortController;
  /** Settles when the job's own work settles (not when the run was recorded). */
  settled: Promise<void>;
}

export interface RunJobOptions {
  tick: Date;
  instanceId: string;
  manual?: boolean;
  services?: JobServices;
  /** This process's runs in flight, by job name: the no-overlap guard within an instance. */
  inFlight?: Map<string, InFlightRun>;
  stores?: JobStores;
  /** The scheduler's shutdown: no lease is taken once it fired, and a run in flight is aborted. */
  shutdown?: AbortSignal;
}

/** Why a run was aborted; the abort reason tells timeout from shutdown. */
export class RunTimeoutError extends Error {
  override name = "RunTimeoutError";
}
export class ShutdownError extends Error {
  override name = "ShutdownError";
}

export function newRunId(name: string, now: Date): string {
  return `jr_${name}_${now.toISOString().replace(/[-:.]/g, "").slice(0, 15)}_${randomBytes(4).toString("hex")}`;
}

/**
 * The one wrapper every run goes through, scheduled or manual (style anchor 9): take the tick's
 * lease, record the start, run with a deadline, fence, record the end. It never throws: a job that
 * fails (or a database that is gone) yields a failed record and a log line, and the scheduler and
 * the other jobs carry on.
 */
export async function runJob(job: JobDefinition, deps: Deps, opts: RunJobOptions): Promise<JobRunDoc> {
  const stores = opts.stores ?? jobStores(deps.repos);
  const inFlight = opts.inFlight ?? new Map<string, InFlightRun>();
  const now = deps.clock();
  const runId = newRunId(job.name, now);
  const base: JobRunDoc = {
    _id: runId,
    name: job.name,
    tick: opts.tick,
    instance_id: opts.instanceId,
    manual: opts.manual === true,
    started_at: now,
    finished_at: null,
    duration_ms: null,
    outcome: "running",
    counts: {},
    cost_usd: 0,
    error: null,
  };

  if (opts.shutdown?.aborted) {
    // Stopping: claim nothing. Not recorded: the tick is left to the other instances.
    return { ...base, outcome: "failed", finished_at: now, error: "not started: the scheduler is stopping" };
  }
  if (inFlight.has(job.name)) return recordSkip(stores, deps, base, "busy");
  let lease;
  try {
    lease = await stores.leases.acquire({
      job: job.name,
      tick: opts.tick,
      runId,
      instanceId: opts.instanceId,
      now,
      ttlMs: job.timeoutMs + LEASE_MARGIN_MS,
      manual: opts.manual === true,
    });
    if (!lease.ok) return await recordSkip(stores, deps, base, lease.reason);
    await stores.runs.insert({ ...base, lease_id: lease.leaseId });
  } catch (e) {
    // Nothing can be recorded without the database; the next tick tries again.
    deps.logger.error(`job-error ${job.name}: could not start`, { run_id: runId, error: errorText(e) });
    return { ...base, outcome: "failed", finished_at: deps.clock(), error: errorText(e) };
  }

  deps.logger.info(`job-start ${job.name}`, { run_id: runId, tick: opts.tick.toISOString() });
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new RunTimeoutError(`exceeded its timeout of ${job.timeoutMs} ms`)),
    job.timeoutMs,
  );
  const shutdown = opts.shutdown;
  const onShutdown = (): void =>
    controller.abort(shutdown?.reason ?? new ShutdownError("interrupted by shutdown"));
  if (shutdown?.aborted) onShutdown();
  shutdown?.addEventListener("abort", onShutdown, { once: true });
  const held = lease;
  const ctx: JobContext = {
    deps,
    services: opts.services ?? {},
    runId,
    tick: opts.tick,
    instanceId: opts.instanceId,
    signal: controller.signal,
    assertLease: () => stores.leases.assertHeld(job.name, runId, held.expiresAt, deps.clock()),
    logger: deps.logger,
  };
  const work = Promise.resolve().then(() => job.run(ctx));
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  inFlight.set(job.name, { runId, controller, settled });
  void settled.then(() => {
    if (inFlight.get(job.name)?.runId === runId) inFlight.delete(job.name);
  });

  const ended = await Promise.race([
    work.then(
      (result) => ({ kind: "done" as const, result }),
      (error: unknown) => ({ kind: "threw" as const, error }),
    ),
    aborted(controller.signal).then((reason) => ({ kind: "aborted" as const, error: reason })),
  ]);
  clearTimeout(timer);
  shutdown?.removeEventListener("abort", onShutdown);
  const verdict = await judge(ended, ctx);
  const finishedAt = deps.clock();
  const record: JobRunDoc = {
    ...base,
    lease_id: held.leaseId,
    finished_at: finishedAt,
    duration_ms: Math.round(performance.now() - started),
    outcome: verdict.outcome,
    counts: verdict.result?.counts ?? {},
    cost_usd: verdict.result?.costUsd ?? 0,
    error: verdict.error,
    ...(verdict.result?.summary ? { summary: verdict.result.summary } : {}),
  };
  await recordEnd(stores, deps, record, held.leaseId, verdict.fenced);
  return record;
}

type Ended =
  | { kind: "done"; result: JobResult }
  | { kind: "threw"; error: unknown }
  | { kind: "aborted"; error: unknown };

/** Turns how the work ended into an outcome; a successful run must still hold its lease. */
async function judge(
  ended: Ended,
  ctx: JobContext,
): Promise<{ outcome: JobOutcome; result?: JobResult; error: string | null; fenced: boolean }> {
  if (ended.kind === "done") {
    try {
      await ctx.assertLease();
      return { outcome: "ok", result: ended.result, error: null, fenced: false };
    } catch (e) {
      const fenced = e instanceof LeaseLostError;
      return { outcome: fenced ? "timed_out" : "failed", result: ended.result, error: errorText(e), fenced };
    }
  }
  const e = ended.error;
  if (e instanceof LeaseLostError) return { outcome: "timed_out", error: errorText(e), fenced: true };
  if (e instanceof RunTimeoutError) return { outcome: "timed_out", error: errorText(e), fenced: false };
  if (e instanceof ShutdownError) return { outcome: "failed", error: errorText(e), fenced: false };
  return { outcome: "failed", error: errorText(e), fenced: false };
}

async function recordEnd(
  stores: JobStores,
  deps: Deps,
  record: JobRunDoc,
  leaseId: string,
  fenced: boolean,
): Promise<void> {
  const fields = {
    run_id: record._id,
    duration_ms: record.duration_ms,
    ...(record.error ? { error: record.error } : {}),
  };
  if (record.outcome === "ok") deps.logger.info(`job-end ${record.name}: ok`, fields);
  else deps.logger.error(`job-error ${record.name}: ${record.outcome}`, fields);
  try {
    await retrying(() => writeEnd(stores, deps, record, leaseId, fenced));
  } catch (e) {
    // The record stays `running` and the lease expires on its own; healthz shows it as abandoned.
    deps.logger.error(`job-error ${record.name}: could not record the end of run ${record._id}`, {
      error: errorText(e),
    });
  }
}

/** Waits between attempts to record a run's end: a database restart takes seconds, not minutes. */
const RECORD_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000];

async function retrying(fn: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const delay = RECORD_RETRY_DELAYS_MS[attempt];
      if (delay === undefined) throw e;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function writeEnd(
  stores: JobStores,
  deps: Deps,
  record: JobRunDoc,
  leaseId: string,
  fenced: boolean,
): Promise<void> {
  await stores.runs.finish(record._id, {
    finished_at: record.finished_at,
    duration_ms: record.duration_ms,
    outcome: record.outcome,
    counts: record.counts,
    cost_usd: record.cost_usd,
    error: record.error,
    ...(record.summary ? { summary: record.summary } : {}),
  });
  const last = {
    run_id: record._id,
    instance_id: record.instance_id,
    tick: record.tick,
    started_at: record.started_at,
    finished_at: record.finished_at ?? deps.clock(),
    outcome: record.outcome as "ok" | "failed" | "timed_out",
    error: record.error,
    ...(record.summary ? { summary: record.summary } : {}),
  };
  // A fenced-off run leaves `running` to the run that replaced it.
  await stores.status.finished(record.name, last, deps.clock(), { keepRunning: fenced });
  if (!fenced) await stores.leases.release(leaseId, deps.clock());
}

async function recordSkip(
  stores: JobStores,
  deps: Deps,
  base: JobRunDoc,
  reason: "taken" | "busy",
): Promise<JobRunDoc> {
  const record: JobRunDoc = {
    ...base,
    outcome: "skipped_lease",
    skip_reason: reason,
    finished_at: base.started_at,
    duration_ms: 0,
  };
  try {
    // No write to the job's status document here: the run holding the lease writes it at the
    // same moment, and on FerretDB two concurrent updates of one document can lose a field
    // (read-modify-write), which would drop the holder's `running` and fence it off.
    await stores.runs.insert(record);
  } catch (e) {
    deps.logger.error(`job-error ${base.name}: could not record a skipped tick`, { error: errorText(e) });
  }
  deps.logger.debug(`job-skip ${base.name}: ${reason}`, { run_id: base._id });
  return record;
}

function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(signal.reason);
    signal.addEventListener("abort", () => resolve(signal.reason), { once: true });
  });
}

export function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return redactSecrets(message).slice(0, MAX_ERROR_CHARS);
}
