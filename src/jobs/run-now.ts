import type { Deps } from "../deps.js";
import { AppError } from "../errors.js";
import { findJob, allJobs } from "./index.js";
import type { JobRunDoc } from "../storage/job-runs-repository.js";
import { runJob } from "./run-job.js";
import { defaultInstanceId } from "./scheduler.js";
import { servicesFromConfig, type JobServices } from "./services.js";

export interface RunJobNowOptions {
  services?: JobServices;
  instanceId?: string;
}

/**
 * Runs one job once, now, through the same wrapper as a scheduled tick: it takes a manual lease
 * (refused while another run of the job holds an unexpired lease), records the run and never
 * overlaps a scheduled run. Resolves with the run record; `outcome` says how it went.
 */
export async function runJobNow(deps: Deps, name: string, opts: RunJobNowOptions = {}): Promise<JobRunDoc> {
  const job = findJob(name);
  if (!job) {
    throw new AppError("not_found", `No job ${name}. Jobs: ${allJobs.map((j) => j.name).join(", ")}.`);
  }
  const services: JobServices = { ...servicesFromConfig(deps.config), ...opts.services };
  if (job.requires !== undefined && services[job.requires] === undefined) {
    throw new AppError(
      "unavailable",
      `Job ${name} needs the ${job.requires} service, which is not wired in this process${job.requires === "mailer" ? " (set SMTP_HOST)" : ""}.`,
    );
  }
  return runJob(job, deps, {
    tick: deps.clock(),
    instanceId: opts.instanceId ?? defaultInstanceId(),
    manual: true,
    services,
  });
}
