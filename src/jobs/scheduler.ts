import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { createTask, parse, validate, type ScheduledTask } from "node-cron";
import type { Deps } from "../deps.js";
import { AppError } from "../errors.js";
import type { Config } from "../config/config.js";
import { allJobs } from "./index.js";
import type { JobDefinition, JobName } from "./job.js";
import type { JobRunDoc } from "../storage/job-runs-repository.js";
import { InstanceHeartbeat, type HeartbeatJobs } from "./heartbeat.js";
import { errorText, runJob, ShutdownError, type InFlightRun } from "./run-job.js";
import { servicesFromConfig, type JobServices } from "./services.js";
import { settleWithin } from "./settle.js";
import { jobStores, type JobStores } from "./stores.js";

/**
 * The only module that imports node-cron (style anchor 9). Every instance schedules every wired
 * job; the lease in `run-job` makes each tick run once across instances. A heartbeat task (itself
 * a cron task, so a fresh beat proves node-cron is firing) keeps the instance's heartbeat current.
 */

export interface SchedulerOptions {
  /** @default allJobs */
  jobs?: readonly JobDefinition[];
  /** Unique per process; @default `<host>-<pid>-<random>` */
  instanceId?: string;
  /** Services the jobs call; merged over those built from config (the SMTP mailer). */
  services?: JobServices;
  /** Seconds between heartbeats; must divide 60. @default 15 */
  heartbeatSeconds?: number;
  /**
   * How long `stop()` waits for runs in flight before aborting them. @default 10000. Whatever the
   * database does, `stop()` returns within the grace plus RECORDS_AFTER_ABORT_MS plus STOPPED_MARK_MS.
   */
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
  /**
   * Stops claiming ticks, lets runs in flight finish (or aborts them after the grace), marks the
   * heartbeat stopped. Each wait is bounded: a database that stops answering cannot hold it.
   */
  stop(opts?: { graceMs?: number }): Promise<void>;
}

/** After the grace, how long `stop()` waits for the aborted runs' records. */
export const RECORDS_AFTER_ABORT_MS = 2_000;
/** How long `stop()` waits to mark the heartbeat stopped (after the heartbeat's own write in flight). */
export const STOPPED_MARK_MS = 2_000;

export function defaultInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

export function startScheduler(deps: Deps, opts: SchedulerOptions = {}): SchedulerHandle {
  const instanceId = opts.instanceId ?? defaultInstanceId();
  const services: JobServices = { ...servicesFromConfig(deps.config), ...opts.services };
  const heartbeatSeconds = opts.heartbeatSeconds ?? 15;
  if (!Number.isInteger(heartbeatSeconds) || heartbeatSeconds < 1 || 60 % heartbeatSeconds !== 0) {
    throw new AppError("invalid_input", "heartbeatSeconds must be a whole number of seconds that divides 60");
  }
  const { wired, unwired } = wireJobs(opts.jobs ?? allJobs, services, deps.config.jobs.schedules);
  const stores = jobStores(deps.repos);
  const heartbeat = new InstanceHeartbeat(deps, stores, instanceId, heartbeatSeconds * 1000);
  const ready = heartbeat.register({ jobs: cronFields(wired, deps.config.jobs), unwired });
  // A failed start-up is logged here and surfaces again at every tick; it must not crash the process.
  ready.catch((e: unknown) => deps.logger.error("scheduler could not register", { error: errorText(e) }));

  const runs = new TickRunner(deps, { instanceId, services, stores, ready });
  const tasks = [
    ...cronTasks(wired, deps.config.jobs, instanceId, (job, at) => runs.tick(job, at)),
    createTask(`*/${heartbeatSeconds} * * * * *`, () => heartbeat.beat(runs.inFlightNames()), {
      name: `${instanceId}:heartbeat`,
      noOverlap: true,
    }),
  ];
  for (const t of tasks) void Promise.resolve(t.start());
  deps.logger.info(`scheduler ${instanceId} started`, {
    jobs: wired.map((j) => j.name),
    unwired: unwired.map((u) => `${u.name} (needs ${u.missing})`),
  });

  let stopping = false;
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
      return runs.tick(job, at);
    },
    inFlight: () => runs.inFlightNames(),
    async stop(stopOpts = {}) {
      if (stopping) return;
      stopping = true;
      for (const t of tasks) await Promise.resolve(t.destroy());
      const graceMs = stopOpts.graceMs ?? opts.shutdownGraceMs ?? 10_000;
      const inFlight = runs.inFlightNames().sort();
      // Said at once: the wait can be the whole grace, and silence after SIGTERM reads as a hang.
      if (inFlight.length > 0)
        deps.logger.info(
          `scheduler ${instanceId} stopping: waiting up to ${graceMs} ms for ${inFlight.join(", ")} (aborted and recorded as failed after that)`,
        );
      await runs.drain(graceMs);
      await heartbeat.stopped(STOPPED_MARK_MS);
      deps.logger.info(`scheduler ${instanceId} stopped`);
    },
  };
}

/** A job is scheduled only when the service it requires is wired; the others are reported, not failed. */
function wireJobs(
  jobs: readonly JobDefinition[],
  services: JobServices,
  schedules: Record<JobName, string>,
): { wired: JobDefinition[]; unwired: { name: JobName; missing: string }[] } {
  const wired = jobs.filter((j) => j.requires === undefined || services[j.requires] !== undefined);
  const unwired = jobs
    .filter((j) => !wired.includes(j))
    .map((j) => ({ name: j.name, missing: j.requires ?? "" }));
  for (const j of wired) assertCron(j.name, schedules[j.name]);
  return { wired, unwired };
}

/** The expanded fields let the dead-man check compute past ticks without node-cron. */
function cronFields(wired: JobDefinition[], { schedules, timezone }: Config["jobs"]): HeartbeatJobs["jobs"] {
  return wired.map((j) => ({
    name: j.name,
    cron: schedules[j.name],
    timezone,
    fields: parse(schedules[j.name]),
  }));
}

function cronTasks(
  wired: JobDefinition[],
  { schedules, timezone }: Config["jobs"],
  instanceId: string,
  tick: (job: JobDefinition, at: Date) => Promise<JobRunDoc>,
): ScheduledTask[] {
  return wired.map((job) => {
    const task = createTask(schedules[job.name], (ctx) => tick(job, ctx.date), {
      name: `${instanceId}:${job.name}`,
      timezone,
      noOverlap: true,
    });
    // node-cron does not call us while our previous tick is still being recorded; record the skip.
    task.on("execution:overlap", (ctx) => void tick(job, ctx.date));
    return task;
  });
}

/**
 * Runs ticks through `runJob` and keeps what stopping needs: the runs in flight (the no-overlap
 * guard within the instance), the records still being written, and the shutdown signal.
 */
class TickRunner {
  private readonly inFlight = new Map<string, InFlightRun>();
  private readonly recording = new Set<Promise<JobRunDoc>>();
  private readonly shutdown = new AbortController();

  constructor(
    private readonly deps: Deps,
    private readonly opts: {
      instanceId: string;
      services: JobServices;
      stores: JobStores;
      ready: Promise<void>;
    },
  ) {}

  async tick(job: JobDefinition, at: Date): Promise<JobRunDoc> {
    await this.opts.ready.catch(() => undefined);
    const run = runJob(job, this.deps, {
      tick: at,
      instanceId: this.opts.instanceId,
      services: this.opts.services,
      inFlight: this.inFlight,
      stores: this.opts.stores,
      shutdown: this.shutdown.signal,
    });
    this.recording.add(run);
    void run.finally(() => this.recording.delete(run));
    return run;
  }

  inFlightNames(): string[] {
    return [...this.inFlight.keys()];
  }

  /** Lets runs in flight finish within the grace, then aborts them and waits (bounded) for their records. */
  async drain(graceMs: number): Promise<void> {
    await settleWithin([...this.recording], graceMs);
    this.shutdown.abort(new ShutdownError("interrupted by shutdown"));
    await settleWithin([...this.recording], RECORDS_AFTER_ABORT_MS);
  }
}

function assertCron(name: string, expression: string): void {
  if (!validate(expression)) {
    throw new AppError(
      "config_invalid",
      `The schedule of job ${name} is not a valid cron expression: "${expression}".`,
    );
  }
}
