import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { createTask, parse, validate, type ScheduledTask } from "node-cron";
import type { Deps } from "../deps.js";
import { AppError } from "../errors.js";
import { computeProviderProgress } from "../health/progress.js";
import { allJobs } from "./index.js";
import type { JobDefinition, JobName } from "./job.js";
import type { JobRunDoc } from "../storage/job-runs-repository.js";
import { errorText, runJob, ShutdownError, type InFlightRun } from "./run-job.js";
import { servicesFromConfig, type JobServices } from "./services.js";
import { jobStores } from "./stores.js";

/**
 * The only module that imports node-cron (style anchor 9). Every instance schedules every wired
 * job; the lease in `run-job` makes each tick run once across instances. A heartbeat task (itself
 * a cron task, so a fresh beat proves node-cron is firing) keeps the instance's heartbeat current.
 */

/** How often the heartbeat refreshes the per-provider progress that `healthz` reads. */
const PROGRESS_EVERY_MS = 60_000;

export interface SchedulerOptions {
  /** @default allJobs */
  jobs?: readonly JobDefinition[];
  /** Unique per process; @default `<host>-<pid>-<random>` */
  instanceId?: string;
  /** Services the jobs call; merged over those built from config (the SMTP mailer). */
  services?: JobServices;
  /** Seconds between heartbeats; must divide 60. @default 15 */
  heartbeatSeconds?: number;
  /** How long `stop()` waits for runs in flight before aborting them. @default 10000 */
  shutdownGraceMs?: number;
}

export interface SchedulerHandle {
  instanceId: string;
  /** Jobs scheduled in this instance. */
  scheduled: JobName[];
  /** Jobs not scheduled because a service they require is missing. */
  unwired: { name: JobName; missing: string }[];
  /** Resolves once indexes exist and the heartbeat is registered. */
  ready: Promise<void>;
  /** Runs one tick of a job exactly as node-cron does (tests drive ticks through this). */
  tick(name: JobName, at: Date): Promise<JobRunDoc>;
  /** Names of the jobs with work in flight in this instance. */
  inFlight(): string[];
  /** Stops claiming ticks, lets runs in flight finish (or aborts them after the grace), marks the heartbeat stopped. */
  stop(opts?: { graceMs?: number }): Promise<void>;
}

export function defaultInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

export function startScheduler(deps: Deps, opts: SchedulerOptions = {}): SchedulerHandle {
  const jobs = opts.jobs ?? allJobs;
  const instanceId = opts.instanceId ?? defaultInstanceId();
  const services: JobServices = { ...servicesFromConfig(deps.config), ...opts.services };
  const { timezone, schedules } = deps.config.jobs;
  const heartbeatSeconds = opts.heartbeatSeconds ?? 15;
  if (!Number.isInteger(heartbeatSeconds) || heartbeatSeconds < 1 || 60 % heartbeatSeconds !== 0) {
    throw new AppError("invalid_input", "heartbeatSeconds must be a whole number of seconds that divides 60");
  }
  const wired = jobs.filter((j) => j.requires === undefined || services[j.requires] !== undefined);
  const unwired = jobs
    .filter((j) => !wired.includes(j))
    .map((j) => ({ name: j.name, missing: j.requires ?? "" }));
  for (const j of wired) assertCron(j.name, schedules[j.name]);

  const stores = jobStores(deps.repos);
  const inFlight = new Map<string, InFlightRun>();
  const recording = new Set<Promise<JobRunDoc>>();
  const shutdown = new AbortController();
  let stopping = false;
  let progressAt = 0;

  const ready = (async () => {
    const now = deps.clock();
    const progress = await computeProviderProgress(deps, now);
    progressAt = Date.now();
    await stores.heartbeats.register({
      _id: instanceId,
      host: hostname(),
      pid: process.pid,
      started_at: now,
      beat_at: now,
      interval_ms: heartbeatSeconds * 1000,
      // The expanded fields let the dead-man check compute past ticks without node-cron.
      jobs: wired.map((j) => ({
        name: j.name,
        cron: schedules[j.name],
        timezone,
        fields: parse(schedules[j.name]),
      })),
      unwired,
      stopped_at: null,
      in_flight: [],
      provider_progress: progress,
    });
  })();
  // A failed start-up is logged here and surfaces again at every tick; it must not crash the process.
  ready.catch((e: unknown) => deps.logger.error("scheduler could not register", { error: errorText(e) }));

  const tick = async (job: JobDefinition, at: Date): Promise<JobRunDoc> => {
    await ready.catch(() => undefined);
    const run = runJob(job, deps, {
      tick: at,
      instanceId,
      services,
      inFlight,
      stores,
      shutdown: shutdown.signal,
    });
    recording.add(run);
    void run.finally(() => recording.delete(run));
    return run;
  };

  const tasks: ScheduledTask[] = [];
  for (const job of wired) {
    const task = createTask(schedules[job.name], (ctx) => tick(job, ctx.date), {
      name: `${instanceId}:${job.name}`,
      timezone,
      noOverlap: true,
    });
    // node-cron does not call us while our previous tick is still being recorded; record the skip.
    task.on("execution:overlap", (ctx) => void tick(job, ctx.date));
    tasks.push(task);
  }
  const beat = createTask(
    `*/${heartbeatSeconds} * * * * *`,
    async () => {
      try {
        const now = deps.clock();
        // Provider progress costs O(models): refresh it about once a minute, not at every beat.
        const progress =
          Date.now() - progressAt >= PROGRESS_EVERY_MS ? await computeProviderProgress(deps, now) : undefined;
        await stores.heartbeats.beat(instanceId, now, [...inFlight.keys()], progress);
        if (progress) progressAt = Date.now();
      } catch (e) {
        deps.logger.warn("scheduler heartbeat failed", { error: errorText(e) });
      }
    },
    { name: `${instanceId}:heartbeat`, noOverlap: true },
  );
  tasks.push(beat);
  for (const t of tasks) void Promise.resolve(t.start());
  deps.logger.info(`scheduler ${instanceId} started`, {
    jobs: wired.map((j) => j.name),
    unwired: unwired.map((u) => `${u.name} (needs ${u.missing})`),
  });

  return {
    instanceId,
    scheduled: wired.map((j) => j.name),
    unwired,
    ready,
    tick: (name, at) => {
      const job = wired.find((j) => j.name === name);
      if (!job)
        return Promise.reject(new AppError("not_found", `Job ${name} is not scheduled in this instance.`));
      if (stopping) return Promise.reject(new AppError("unavailable", "The scheduler is stopping."));
      return tick(job, at);
    },
    inFlight: () => [...inFlight.keys()],
    async stop(stopOpts = {}) {
      if (stopping) return;
      stopping = true;
      for (const t of tasks) await Promise.resolve(t.destroy());
      const grace = stopOpts.graceMs ?? opts.shutdownGraceMs ?? 10_000;
      await settleWithin([...recording], grace);
      shutdown.abort(new ShutdownError("interrupted by shutdown"));
      // Aborted runs record themselves at once; give that a moment, bounded.
      await settleWithin([...recording], 2_000);
      try {
        await stores.heartbeats.stopped(instanceId, deps.clock());
      } catch (e) {
        deps.logger.warn("scheduler could not mark its heartbeat stopped", { error: errorText(e) });
      }
      deps.logger.info(`scheduler ${instanceId} stopped`);
    },
  };
}

function assertCron(name: string, expression: string): void {
  if (!validate(expression)) {
    throw new AppError(
      "config_invalid",
      `The schedule of job ${name} is not a valid cron expression: "${expression}".`,
    );
  }
}

async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  if (promises.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(promises),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
