import { previousTick } from "../../cron-ticks.js";
import { CannotEvaluate, type InvariantCheck } from "../types.js";

/** A tick is expected to have a record this soon after its scheduled time. */
const TICK_GRACE_MS = 5 * 60_000;

/**
 * The dead-man check: for every job some scheduler instance schedules, its latest tick (5 minutes
 * ago or earlier) was handled by some instance (run or skipped: every instance records every
 * tick). A tick is expected only if an instance scheduling the job was alive then, so a fresh
 * deployment is not a violation; a scheduler that is dead everywhere is what `healthz` catches.
 * Jobs that no instance could schedule (a required service is missing) are a warning.
 */
export const scheduledJobsRan: InvariantCheck = {
  name: "scheduled_jobs_ran",
  description: "Every scheduled job ran at its latest tick (dead-man check against job_runs).",
  async evaluate({ deps, now }) {
    const instances = await deps.repos.heartbeats.all();
    if (instances.length === 0)
      throw new CannotEvaluate("no scheduler instance has ever registered a heartbeat");
    const status = new Map((await deps.repos.jobStatus.all()).map((s) => [s._id, s]));
    const asOf = new Date(now.getTime() - TICK_GRACE_MS);
    const expected = new Map<string, Date>();
    const unknown = new Set<string>();
    for (const hb of instances) {
      for (const job of hb.jobs) {
        const tick = previousTick(job.fields, job.timezone, asOf);
        if (tick === null) {
          unknown.add(job.name);
          continue;
        }
        const aliveAtTick = hb.started_at <= tick && hb.beat_at >= tick;
        if (aliveAtTick && (expected.get(job.name) ?? new Date(0)) < tick) expected.set(job.name, tick);
      }
    }
    const missed = [...expected]
      .filter(([name, tick]) => (status.get(name)?.last_tick ?? new Date(0)) < tick)
      .map(([name, tick]) => ({
        job: name,
        expected_tick: tick,
        last_tick: status.get(name)?.last_tick ?? null,
      }));
    const scheduled = new Set(instances.flatMap((hb) => hb.jobs.map((j) => j.name)));
    const unwired = [
      ...new Map(
        instances.flatMap((hb) =>
          hb.unwired.filter((u) => !scheduled.has(u.name)).map((u) => [u.name, u] as const),
        ),
      ).values(),
    ];
    const details = {
      instances: instances.length,
      checked: [...expected.keys()].sort(),
      missed,
      unwired,
      not_modelled: [...unknown],
    };
    if (missed.length > 0) {
      return {
        status: "violation",
        summary: `${missed.length} job(s) missed their latest tick: ${missed.map((m) => m.job).join(", ")}`,
        details,
      };
    }
    if (unwired.length > 0) {
      return {
        status: "warning",
        summary: `not wired, so never run: ${unwired.map((u) => `${u.name} (needs ${u.missing})`).join(", ")}`,
        details,
      };
    }
    return { status: "pass", summary: `${expected.size} scheduled job(s) ran at their latest tick`, details };
  },
};
