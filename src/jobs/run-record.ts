import type { Deps } from "../deps.js";
import { isClientClosed } from "../errors.js";
import { redactSecrets } from "../logger.js";
import type { JobRunDoc } from "../storage/job-runs-repository.js";
import type { AbandonedRun } from "./lease.js";
import type { JobStores } from "./stores.js";

/**
 * The writes that record a run of a job (its end, a skipped tick), with the retries a database
 * restart needs. `run-job` decides what to record; this module writes it.
 */

const MAX_ERROR_CHARS = 1_000;

export async function recordEnd(
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
      // A client closed at shutdown stays closed: retrying only kept the run pending for 15 s.
      if (delay === undefined || isClientClosed(e)) throw e;
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

export async function recordSkip(
  stores: JobStores,
  deps: Deps,
  base: JobRunDoc,
  reason: "taken" | "busy",
  holder: string | null,
): Promise<JobRunDoc> {
  const record: JobRunDoc = {
    ...base,
    outcome: "skipped_lease",
    skip_reason: reason,
    skip_holder: holder,
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

/**
 * Closes the record of a run whose instance died mid-run, now that `run` took the job over: it
 * failed, and says why (it would otherwise read `running` for good in jobs history and the console).
 */
export async function recordAbandoned(
  stores: JobStores,
  deps: Deps,
  run: JobRunDoc,
  dead: AbandonedRun,
): Promise<void> {
  const error = `abandoned: instance ${dead.instance_id} stopped beating at ${dead.last_beat_at.toISOString()} (its process died mid-run); run ${run._id} took the job over`;
  deps.logger.warn(`job-abandoned ${run.name}: run ${dead.run_id} of a dead instance; taking the job over`, {
    run_id: run._id,
    abandoned_run_id: dead.run_id,
    instance_id: dead.instance_id,
    last_beat_at: dead.last_beat_at.toISOString(),
  });
  try {
    await stores.runs.finish(dead.run_id, {
      finished_at: run.started_at,
      duration_ms: null,
      outcome: "failed",
      counts: {},
      cost_usd: 0,
      error,
    });
    // The lane shows the failure (jobs section, job-lane invariant, healthz) as it did when the
    // lease expired; `running` stays the new run's. Sequential with the new run's own writes.
    const { run_id, instance_id, tick, started_at } = dead;
    const last = {
      run_id,
      instance_id,
      tick,
      started_at,
      finished_at: run.started_at,
      outcome: "failed" as const,
      error,
    };
    await stores.status.finished(run.name, last, run.started_at, { keepRunning: true });
  } catch (e) {
    deps.logger.error(`job-error ${run.name}: could not close abandoned run ${dead.run_id}`, {
      error: errorText(e),
    });
  }
}

export function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return redactSecrets(message).slice(0, MAX_ERROR_CHARS);
}
