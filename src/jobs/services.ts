import type { Config } from "../config/config.js";
import { createSmtpMailer } from "../report/mailer.js";
import type { JobServices } from "./job.js";

// The types live in job.ts because `JobContext` carries the services; re-exported here, where
// the wiring and the jobs have always imported them, so the two modules do not import each other.
export type { JobRunner, JobServices, ProbeOutcome, RecoveryProbe, RecoveryProbeTarget } from "./job.js";

/** The services the configuration alone can provide: today, the SMTP mailer. */
export function servicesFromConfig(config: Config): JobServices {
  return config.email.smtp.host !== undefined ? { mailer: createSmtpMailer(config.email) } : {};
}
