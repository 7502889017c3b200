import type { Db } from "mongodb";
import { CheckRunsRepository } from "../invariants/check-runs-repository.js";
import { DesiredSetRepository } from "../invariants/desired-set.js";
import { HealthReportsRepository } from "../report/health-reports-repository.js";
import { JOB_LEASES_COLLECTION } from "./lease.js";
import { JobRunsRepository } from "./job-runs-repository.js";

/**
 * Indexes of the collections the jobs, invariants and reports own. Idempotent; the scheduler and
 * the CLI commands call it, and the composition root may call it once at start-up.
 */
export async function ensureJobIndexes(db: Db): Promise<void> {
  await new JobRunsRepository(db).ensureIndexes();
  await db.collection(JOB_LEASES_COLLECTION).createIndex({ expires_at: 1 }, { name: "expires_at" });
  await new CheckRunsRepository(db).ensureIndexes();
  await new DesiredSetRepository(db).ensureIndexes();
  await new HealthReportsRepository(db).ensureIndexes();
}
