import type { Deps } from "../deps.js";
import { runInvariants } from "../invariants/run.js";
import { buildHealthReport } from "./build.js";
import { gatherHealthReport, gatherSpend } from "./gather.js";
import type { OperatorLlmBackend } from "../providers/llm/backend.js";
import { assessReport } from "./assessment.js";
import type { HealthReportData, RenderedReport, ReportAssessment } from "./types.js";

export { buildHealthReport } from "./build.js";
export { deliverReport, DeliveryError } from "./deliver.js";
export { gatherHealthReport } from "./gather.js";
export type { HealthReportDoc } from "../storage/health-reports-repository.js";
export { createSmtpMailer, type MailMessage, type Mailer } from "./mailer.js";
export type { HealthReportData, OverallStatus, RenderedReport, ReportAssessment } from "./types.js";

/**
 * Evaluates the invariants now (recorded like every evaluation), gathers the report data, asks
 * the LLM for its assessment unless told not to, and renders it. Used by the daily job and by
 * `bench-operator report health`.
 */
export async function produceHealthReport(
  deps: Deps,
  opts: {
    days?: number;
    now?: Date;
    /** The operator's chain; default: built from the configuration (loaded only when one is set). */
    chain?: readonly OperatorLlmBackend[];
    /** False: no assessment is asked for and none is shown. @default true */
    assess?: boolean;
    /** The spend ledger's run id for the assessment's call. */
    runId?: string;
  } = {},
): Promise<{ data: HealthReportData; report: RenderedReport }> {
  const now = opts.now ?? deps.clock();
  const evaluation = await runInvariants(deps, { now });
  const data = await gatherHealthReport(deps, { days: opts.days, now, invariants: evaluation });
  if (opts.assess !== false) {
    data.assessment = await assessment(deps, data, now, opts);
    data.spend = await gatherSpend(deps, now, data.days);
  }
  return { data, report: buildHealthReport(data) };
}

async function assessment(
  deps: Deps,
  data: HealthReportData,
  now: Date,
  opts: { chain?: readonly OperatorLlmBackend[]; runId?: string },
): Promise<ReportAssessment> {
  let chain = opts.chain;
  try {
    // The LLM clients load only when a chain is configured: the report path stays light.
    chain ??=
      deps.config.operator.llm.length === 0
        ? []
        : (await import("../providers/llm/index.js")).createOperatorLlmChain(deps.config);
  } catch (e) {
    return { status: "unavailable", reason: e instanceof Error ? e.message : String(e) };
  }
  const { policy } = await deps.repos.policies.current();
  return assessReport(data, {
    config: deps.config,
    chain,
    spend: deps.repos.spend,
    policies: deps.repos.policies,
    now,
    runId: opts.runId ?? `hr_${now.toISOString().replace(/[-:.]/g, "").slice(0, 15)}`,
    killSwitch: policy.kill_switch,
  });
}
