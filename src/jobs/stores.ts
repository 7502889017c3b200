import type { Db } from "mongodb";
import { HeartbeatsRepository } from "./heartbeats-repository.js";
import { JobLeases } from "./lease.js";
import { JobRunsRepository } from "./job-runs-repository.js";
import { JobStatusRepository } from "./job-status-repository.js";

/** The collections the scheduler and `run-job` write. */
export interface JobStores {
  runs: JobRunsRepository;
  status: JobStatusRepository;
  leases: JobLeases;
  heartbeats: HeartbeatsRepository;
}

export function jobStores(db: Db): JobStores {
  const status = new JobStatusRepository(db);
  return {
    runs: new JobRunsRepository(db),
    status,
    leases: new JobLeases(db, status),
    heartbeats: new HeartbeatsRepository(db),
  };
}
