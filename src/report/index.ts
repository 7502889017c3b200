import type { Deps } from "../deps.js";
import { runInvariants } from "../invariants/run.js";
import { buildHealthReport } from "./build.js";
import { gatherHealthReport } from "./gather.js";
import type { HealthReportData, RenderedReport } from "./types.js";

export { buildHealthReport } from "./build.js";
export { deliverReport, DeliveryError } from "./deliver.js";
export { gatherHealthReport } from "./gather.js";
export type { HealthReportDoc } from "../storage/health-reports-repository.js";
export { createSmtpMailer, type MailMessage, type Mailer } from "./mailer.js";
export type { HealthReportData, OverallStatus, RenderedReport } from "./types.js";

/**
 * Evaluates the invariants now (recorded like every evaluation), gathers the report data and
 * renders it. Used by the daily job and by `bench-operator report health`.
 */
export async function produceHealthReport(
  deps: Deps,
  opts: { days?: number; now?: Date } = {},
): Promise<{ data: HealthReportData; report: RenderedReport }> {
  const now = opts.now ?? deps.clock();
  const evaluation = await runInvariants(deps, { now });
  const data = await gatherHealthReport(deps, { ...opts, now, invariants: evaluation });
  return { data, report: buildHealthReport(data) };
}
