import { hostname } from "node:os";
import type { Deps } from "../deps.js";
import { redactSecrets } from "../logger.js";
import type { HeartbeatDoc } from "../storage/heartbeats-repository.js";
import { leaseLapsed } from "../storage/job-status-repository.js";
import type { FleetState } from "../operator/fleet-state.js";
import type { ProgressSnapshot, ProviderProgress } from "./progress.js";

export type { ProviderProgress } from "./progress.js";

export interface HealthzOptions {
  /** This process's scheduler instance: its heartbeat must be fresh. */
  instanceId?: string;
  /** Without an instance id: judge the schedulers of this host (a container's hostname). */
  host?: string;
  /** Fail when no fresh scheduler heartbeat is found. @default true when `instanceId` is given */
  requireScheduler?: boolean;
  now?: Date;
  /**
   * The fleet picture this process's MCP tools read (`serve`): the provider states come from it,
   * so /healthz and get_fleet_health show the same state at the same moment, reloaded together
   * when another process writes a model or a provider state. Without it: the heartbeat's
   * snapshot, else computed now (the same computation, src/liveness/progress.ts).
   */
  picture?: () => Promise<{ data: FleetState; asOf: Date }>;
}

export interface JobLiveness {
  name: string;
  last_outcome: string | null;
  last_finished_at: Date | null;
  last_tick: Date | null;
  consecutive_failures: number;
  running: { run_id: string; instance_id: string; started_at: Date; lease_expires_at: Date } | null;
  /** Still marked running after its lease expired: the process running it died. */
  abandoned: boolean;
}

export interface HealthzBody {
  ok: boolean;
  reasons: string[];
  checked_at: Date;
  database: { ok: boolean; error?: string };
  scheduler: {
    required: boolean;
    ok: boolean;
    instances: {
      id: string;
      host: string;
      beat_at: Date;
      age_seconds: number;
      stale_after_seconds: number;
      fresh: boolean;
    }[];
    unwired: { name: string; missing: string }[];
  };
  providers: ProviderProgress[];
  /**
   * `picture`: from the fleet picture this server's MCP tools read, loaded at `computed_at`;
   * `heartbeat`: as the scheduler computed it at `computed_at` (about once a minute); `live`: computed now.
   */
  progress: { source: "picture" | "heartbeat" | "live"; computed_at: Date | null };
  jobs: JobLiveness[];
  duration_ms: number;
}

const PING_TIMEOUT_MS = 2_000;
/** A progress snapshot in a heartbeat is used while it is younger than this. */
const PROGRESS_MAX_AGE_MS = 5 * 60_000;

/**
 * Liveness for `/healthz` and `bench-operator health`. Unhealthy only for what a restart can fix:
 * the database unreachable, or this process's scheduler no longer beating (node-cron stopped
 * firing or the event loop is stuck). One stuck provider is reported, never fatal: restarting
 * fixes neither auth nor billing. It reads a ping, one heartbeat by `_id` (which carries the
 * per-provider progress the scheduler refreshes about once a minute) and one small document per
 * job; never the run history, so the answer time does not grow with history. In `serve` the
 * progress comes from the fleet picture its MCP tools keep (`picture`); elsewhere without a
 * recent heartbeat it is computed live, O(models).
 */
export async function healthz(
  deps: Deps,
  opts: HealthzOptions = {},
): Promise<{ ok: boolean; body: HealthzBody }> {
  const started = performance.now();
  const now = opts.now ?? deps.clock();
  const required = opts.requireScheduler ?? opts.instanceId !== undefined;
  const body: HealthzBody = {
    ok: false,
    reasons: [],
    checked_at: now,
    database: { ok: false },
    scheduler: { required, ok: !required, instances: [], unwired: [] },
    providers: [],
    progress: { source: "live", computed_at: null },
    jobs: [],
    duration_ms: 0,
  };
  try {
    const [, beats, jobs] = await Promise.all([ping(deps), readHeartbeats(deps, opts), readJobs(deps, now)]);
    body.database = { ok: true };
    body.jobs = jobs;
    judgeScheduler(body, beats, now);
    const { source, snapshot } = await providerProgressFor(deps, opts, beats, now);
    body.providers = snapshot.providers;
    body.progress = { source, computed_at: snapshot.computed_at };
  } catch (e) {
    body.database = {
      ok: false,
      error: redactSecrets(e instanceof Error ? e.message : String(e)).slice(0, 300),
    };
    body.reasons.push("the database is unreachable");
  }
  if (body.scheduler.required && !body.scheduler.ok && body.database.ok) {
    body.reasons.push(
      body.scheduler.instances.length === 0
        ? "no scheduler heartbeat found"
        : "the scheduler heartbeat is stale",
    );
  }
  body.ok = body.database.ok && body.scheduler.ok;
  body.duration_ms = Math.round(performance.now() - started);
  return { ok: body.ok, body };
}

async function ping(deps: Deps): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      deps.repos.database.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer to ping within ${PING_TIMEOUT_MS} ms`)),
          PING_TIMEOUT_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The provider progress from the shared fleet picture when there is one, else from a recent
 * heartbeat, else computed now. Loaded only here: it reads the fleet picture's code (signals,
 * situations, provider states), which `serve` does not load before it listens.
 */
async function providerProgressFor(
  deps: Deps,
  opts: HealthzOptions,
  beats: HeartbeatDoc[],
  now: Date,
): Promise<{ source: HealthzBody["progress"]["source"]; snapshot: ProgressSnapshot }> {
  if (!opts.picture) {
    const recent = recentProgress(beats, now);
    if (recent) return { source: "heartbeat", snapshot: recent };
  }
  const { computeProviderProgress, providerProgress } = await import("./progress.js");
  if (!opts.picture) return { source: "live", snapshot: await computeProviderProgress(deps, now) };
  const { data, asOf } = await opts.picture();
  return { source: "picture", snapshot: providerProgress(data, deps.config, asOf) };
}

/** The newest progress snapshot a scheduler wrote into one of these heartbeats, if recent. */
function recentProgress(beats: HeartbeatDoc[], now: Date): ProgressSnapshot | null {
  const snapshots = beats
    .map((h) => h.provider_progress ?? null)
    .filter(
      (p): p is ProgressSnapshot =>
        p !== null && now.getTime() - p.computed_at.getTime() <= PROGRESS_MAX_AGE_MS,
    )
    .sort((a, b) => b.computed_at.getTime() - a.computed_at.getTime());
  return snapshots[0] ?? null;
}

async function readHeartbeats(deps: Deps, opts: HealthzOptions): Promise<HeartbeatDoc[]> {
  const repo = deps.repos.heartbeats;
  if (opts.instanceId !== undefined) {
    const one = await repo.get(opts.instanceId);
    return one ? [one] : [];
  }
  const host = opts.host ?? hostname();
  return (await repo.all()).filter((h) => h.stopped_at === null && h.host === host);
}

function judgeScheduler(body: HealthzBody, beats: HeartbeatDoc[], now: Date): void {
  body.scheduler.instances = beats.map((h) => {
    const staleAfter = Math.max(60_000, 4 * h.interval_ms);
    const age = now.getTime() - h.beat_at.getTime();
    return {
      id: h._id,
      host: h.host,
      beat_at: h.beat_at,
      age_seconds: Math.round(age / 1000),
      stale_after_seconds: staleAfter / 1000,
      fresh: h.stopped_at === null && age <= staleAfter,
    };
  });
  body.scheduler.unwired = beats.flatMap((h) => h.unwired);
  const fresh = body.scheduler.instances.some((i) => i.fresh);
  body.scheduler.ok = body.scheduler.required ? fresh : true;
}

async function readJobs(deps: Deps, now: Date): Promise<JobLiveness[]> {
  const all = await deps.repos.jobStatus.all();
  // The database's clock only when a run holds a lease to judge: most polls find none.
  const dbNow = all.some((s) => s.running) ? await deps.repos.database.now() : now;
  return all.map((s) => ({
    name: s._id,
    last_outcome: s.last_run?.outcome ?? null,
    last_finished_at: s.last_run?.finished_at ?? null,
    last_tick: s.last_tick ?? null,
    consecutive_failures: s.consecutive_failures ?? 0,
    running: s.running
      ? {
          run_id: s.running.run_id,
          instance_id: s.running.instance_id,
          started_at: s.running.started_at,
          lease_expires_at: s.running.lease_expires_at,
        }
      : null,
    abandoned: s.running ? leaseLapsed(s.running, now, dbNow) : false,
  }));
}
