import { leaseLapsed } from "../../storage/job-status-repository.js";
import { CannotEvaluate, type InvariantCheck } from "../types.js";

/** This many failed runs in a row make a job lane a violation; fewer are a warning. */
const FAILING_RUNS = 3;

/**
 * Job lanes are succeeding: no job has failed its last three runs, and no run is abandoned (still
 * marked running after its lease expired, which means its process died mid-run).
 */
export const jobLanesSucceeding: InvariantCheck = {
  name: "job_lanes_are_succeeding",
  description: `No job failed its last ${FAILING_RUNS} runs; no run was abandoned mid-way.`,
  async evaluate({ deps, now }) {
    const jobs = await deps.repos.jobStatus.all();
    if (jobs.length === 0) throw new CannotEvaluate("no job has run yet (job_status is empty)");
    const failing = jobs
      .filter((j) => (j.consecutive_failures ?? 0) > 0)
      .map((j) => ({
        job: j._id,
        consecutive_failures: j.consecutive_failures ?? 0,
        last_error: j.last_run?.error ?? null,
        last_ok_at: j.last_ok_at ?? null,
      }));
    // The database's clock only when a run holds a lease to judge.
    const dbNow = jobs.some((j) => j.running) ? await deps.repos.database.now() : now;
    const abandoned = jobs.flatMap((j) =>
      j.running && leaseLapsed(j.running, now, dbNow)
        ? [
            {
              job: j._id,
              run_id: j.running.run_id,
              instance_id: j.running.instance_id,
              lease_expired_at: j.running.lease_expires_at,
            },
          ]
        : [],
    );
    const broken = failing.filter((f) => f.consecutive_failures >= FAILING_RUNS);
    const details = { jobs: jobs.length, failing, abandoned };
    if (broken.length + abandoned.length > 0) {
      return {
        status: "violation",
        summary: [
          broken.length > 0
            ? `failing lane(s): ${broken.map((b) => `${b.job} (${b.consecutive_failures} in a row)`).join(", ")}`
            : "",
          abandoned.length > 0 ? `abandoned run(s): ${abandoned.map((a) => a.job).join(", ")}` : "",
        ]
          .filter(Boolean)
          .join("; "),
        details,
      };
    }
    if (failing.length > 0) {
      return {
        status: "warning",
        summary: `recent failure(s): ${failing.map((f) => f.job).join(", ")}`,
        details,
      };
    }
    return { status: "pass", summary: `${jobs.length} job lane(s) succeeding`, details };
  },
};
