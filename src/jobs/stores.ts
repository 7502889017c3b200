import type { HeartbeatsRepository } from "../storage/heartbeats-repository.js";
import type { JobRunsRepository } from "../storage/job-runs-repository.js";
import type { JobStatusRepository } from "../storage/job-status-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { JobLeases } from "./lease.js";

/** The collections the scheduler and `run-job` write. */
export interface JobStores {
  runs: JobRunsRepository;
  status: JobStatusRepository;
  leases: JobLeases;
  heartbeats: HeartbeatsRepository;
}

export function jobStores(repos: Repositories): JobStores {
  return {
    runs: repos.jobRuns,
    status: repos.jobStatus,
    leases: new JobLeases(repos.jobLeases, repos.jobStatus, repos.heartbeats, () => repos.database.now()),
    heartbeats: repos.heartbeats,
  };
}
