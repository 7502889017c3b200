import { AppError } from "../errors.js";
import { deliverReport } from "../report/deliver.js";
import { produceHealthReport } from "../report/index.js";
import type { JobDefinition } from "./job.js";

/**
 * The daily health email. The report is stored before delivery and whatever happens to it; a
 * delivery that fails after its retries fails the job, so the failure shows in `jobs history`,
 * the job-lane invariant and the next report.
 */
export const healthEmailJob: JobDefinition = {
  name: "health-email",
  description:
    "Evaluate the invariants, build the daily health report with the LLM's assessment (when an LLM is configured), store it and email it (3 attempts with backoff).",
  timeoutMs: 10 * 60_000,
  requires: "mailer",
  async run(ctx) {
    const { deps } = ctx;
    const mailer = ctx.services.mailer;
    if (!mailer) throw new AppError("unavailable", "the health email needs SMTP_HOST (no mailer is wired)");
    const now = deps.clock();
    const chain = ctx.services.operatorChain;
    const { report } = await produceHealthReport(deps, {
      now,
      runId: ctx.runId,
      ...(chain ? { chain } : {}),
    });
    await ctx.assertLease();
    const stored = await deliverReport(deps.repos, mailer, report, {
      by: `health-email job run ${ctx.runId}`,
      from: deps.config.email.from,
      to: deps.config.email.to,
      days: 7,
      generatedAt: now,
      runId: ctx.runId,
      clock: deps.clock,
      signal: ctx.signal,
      ...(ctx.services.emailRetry ?? {}),
    });
    return {
      counts: { attempts: stored.delivery.attempts.length },
      summary: `report ${stored._id} (${report.status}) sent to ${deps.config.email.to.length} recipient(s)`,
    };
  },
};
