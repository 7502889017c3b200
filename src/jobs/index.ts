import { admissionRetirementJob } from "./admission-retirement.js";
import { benchmarkSweepJob } from "./benchmark-sweep.js";
import { discoveryJob } from "./discovery.js";
import { fingerprintClassificationJob } from "./fingerprint-classification.js";
import { healthEmailJob } from "./health-email.js";
import { invariantsJob } from "./invariants.js";
import type { JobDefinition } from "./job.js";
import { operatorRunJob } from "./operator-run.js";
import { recoveryProbesJob } from "./recovery-probes.js";

/** Every scheduled job, explicitly (style anchor 2). Add one line per new job. */
export const allJobs: readonly JobDefinition[] = [
  benchmarkSweepJob,
  operatorRunJob,
  fingerprintClassificationJob,
  discoveryJob,
  admissionRetirementJob,
  recoveryProbesJob,
  invariantsJob,
  healthEmailJob,
];

export function findJob(name: string): JobDefinition | undefined {
  return allJobs.find((j) => j.name === name);
}
