import { randomBytes } from "node:crypto";
import type { Deps } from "../deps.js";
import { WorkFailedError } from "../scheduled-work.js";
import { LeaseLostError, type JobContext, type JobDefinition, type JobResult } from "./job.js";
import type { JobOutcome, JobRunDoc } from "../storage/job-runs-repository.js";
import type { JobServices } from "./services.js";
import { errorText, recordEnd, recordSkip, recordAbandoned } from "./run-record.js";
import { jobStores, type JobStores } from "./stores.js";

export { errorText };

/** Added to a job's timeout to get its lease: the lease must outlive a run that ends on time. */
export const LEASE_MARGIN_MS = 60_000;

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
  const now = deps.clock();
  const base = startedRecord(job, opts, newRunId(job.name, now), now);
  const start = await takeLease(job, deps, stores, opts, base);
  if (!start.leased) return start.record;
  const held = start.lease;
  const runId = base._id;

  deps.logger.info(`job-start ${job.name}`, { run_id: runId, tick: opts.tick.toISOString() });
  const started = performance.now();
  const controller = new AbortController();
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
  const inFlight = opts.inFlight ?? new Map<string, InFlightRun>();
  const ended = await superviseWork(job, ctx, controller, inFlight, opts.shutdown);
  const verdict = await judge(ended, ctx);
  const record: JobRunDoc = {
    ...base,
    lease_id: held.leaseId,
    finished_at: deps.clock(),
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

/** A run's record as it starts (`running`). */
export function startedRecord(job: JobDefinition, opts: RunJobOptions, runId: string, now: Date): JobRunDoc {
  return {
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
}

type Start =
  { leased: true; lease: { leaseId: string; expiresAt: Date } } | { leased: false; record: JobRunDoc };

/** Takes the tick's lease and records the start; anything else (stopping, busy, taken, no database) ends the run here. */
async function takeLease(
  job: JobDefinition,
  deps: Deps,
  stores: JobStores,
  opts: RunJobOptions,
  base: JobRunDoc,
): Promise<Start> {
  const now = base.started_at;
  if (opts.shutdown?.aborted) {
    // Stopping: claim nothing. Not recorded: the tick is left to the other instances.
    const record: JobRunDoc = {
      ...base,
      outcome: "failed",
      finished_at: now,
      error: "not started: the scheduler is stopping",
    };
    return { leased: false, record };
  }
  if (opts.inFlight?.has(job.name))
    return { leased: false, record: await recordSkip(stores, deps, base, "busy", opts.instanceId) };
  try {
    const lease = await stores.leases.acquire({
      job: job.name,
      tick: opts.tick,
      runId: base._id,
      instanceId: opts.instanceId,
      now,
      ttlMs: job.timeoutMs + LEASE_MARGIN_MS,
      manual: opts.manual === true,
    });
    if (!lease.ok)
      return { leased: false, record: await recordSkip(stores, deps, base, lease.reason, lease.holder) };
    await stores.runs.insert({ ...base, lease_id: lease.leaseId });
    if (lease.tookOverFrom) await recordAbandoned(stores, deps, base, lease.tookOverFrom);
    return { leased: true, lease };
  } catch (e) {
    // Nothing can be recorded without the database; the next tick tries again.
    deps.logger.error(`job-error ${job.name}: could not start`, { run_id: base._id, error: errorText(e) });
    return {
      leased: false,
      record: { ...base, outcome: "failed", finished_at: deps.clock(), error: errorText(e) },
    };
  }
}

/**
 * Runs the job's work under its timeout and the scheduler's shutdown, and registers it in flight
 * until the work itself settles (which may be after the run is recorded as timed out).
 * `controller` is the one behind `ctx.signal`.
 */
async function superviseWork(
  job: JobDefinition,
  ctx: JobContext,
  controller: AbortController,
  inFlight: Map<string, InFlightRun>,
  shutdown: AbortSignal | undefined,
): Promise<Ended> {
  const timer = setTimeout(
    () => controller.abort(new RunTimeoutError(`exceeded its timeout of ${job.timeoutMs} ms`)),
    job.timeoutMs,
  );
  const onShutdown = (): void =>
    controller.abort(shutdown?.reason ?? new ShutdownError("interrupted by shutdown"));
  if (shutdown?.aborted) onShutdown();
  shutdown?.addEventListener("abort", onShutdown, { once: true });
  const runId = ctx.runId;
  const work = Promise.resolve().then(() => job.run(ctx));
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  inFlight.set(job.name, { runId, controller, settled });
  void settled.then(() => {
    if (inFlight.get(job.name)?.runId === runId) inFlight.delete(job.name);
  });
  try {
    return await Promise.race([
      work.then(
        (result) => ({ kind: "done" as const, result }),
        (error: unknown) => ({ kind: "threw" as const, error }),
      ),
      aborted(controller.signal).then((reason) => ({ kind: "aborted" as const, error: reason })),
    ]);
  } finally {
    clearTimeout(timer);
    shutdown?.removeEventListener("abort", onShutdown);
  }
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
  if (e instanceof WorkFailedError)
    return { outcome: "failed", result: e.result, error: errorText(e), fenced: false };
  return { outcome: "failed", error: errorText(e), fenced: false };
}

function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(signal.reason);
    signal.addEventListener("abort", () => resolve(signal.reason), { once: true });
  });
}
