import type { Config } from "../../../src/config/config.js";
import type { Deps } from "../../../src/deps.js";
import type { JobDefinition, JobName, JobResult, JobContext } from "../../../src/jobs/job.js";
import { silentLogger } from "../../../src/logger.js";
import { recordError, recordSuccess } from "../../../src/signals/record.js";
import type { Repositories } from "../../../src/storage/repositories.js";
import type { HeartbeatDoc } from "../../../src/storage/heartbeats-repository.js";

/** A clock the test moves by hand. */
export interface TestClock {
  (): Date;
  set(at: Date): void;
  advance(ms: number): void;
}

export function testClock(start: Date): TestClock {
  let now = start.getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (at) => void (now = at.getTime());
  clock.advance = (ms) => void (now += ms);
  return clock;
}

export function depsFor(
  t: { config: Config; repos: Repositories },
  clock: () => Date = () => new Date(),
): Deps {
  return { config: t.config, repos: t.repos, logger: silentLogger, clock };
}

/** A job definition for tests, reusing a real job name (config schedules are keyed by name). */
export function fakeJob(
  name: JobName,
  run: (ctx: JobContext) => Promise<JobResult>,
  extra: Partial<JobDefinition> = {},
): JobDefinition {
  return { name, description: `test job ${name}`, timeoutMs: 10_000, run, ...extra };
}

/** The heartbeat a scheduler instance registers at `at`, running `inFlight`. */
export function instanceBeat(
  id: string,
  at: Date,
  inFlight: string[] = [],
): Omit<HeartbeatDoc, "db_beat_at"> {
  return {
    _id: id,
    host: "h",
    pid: 1,
    started_at: at,
    beat_at: at,
    interval_ms: 15_000,
    jobs: [],
    unwired: [],
    stopped_at: null,
    in_flight: inFlight,
  };
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** One published success, folded into the signals as every writer does. */
export async function success(repos: Repositories, provider: string, model: string, at: Date): Promise<void> {
  await recordSuccess(
    repos,
    {
      provider,
      model_name: model,
      run_ts: at,
      gen_ts: at,
      requested_tokens: 64,
      output_tokens: 64,
      generate_time: 1,
      tokens_per_second: 64,
      time_to_first_token: 0.3,
      times_between_tokens: [],
    },
    at,
  );
}

/** One failed attempt with a provider message, classified and folded into the signals. */
export async function failure(
  repos: Repositories,
  provider: string,
  model: string,
  at: Date,
  message: string,
  status: number | null,
): Promise<void> {
  await recordError(
    repos,
    { provider, model_name: model, ts: at, stage: "generate", message, http_status: status },
    at,
  );
}

export async function addModels(
  repos: Repositories,
  provider: string,
  ids: string[],
  created: Date,
  enabled = true,
): Promise<void> {
  await repos.models.insertMany(
    ids.map((model_id) => ({ provider, model_id, enabled, created_at: created })),
  );
}
