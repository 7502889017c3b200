import { AppError } from "../errors.js";
import { resendReport, sendInProgress, undelivered, type SendInProgress } from "../report/deliver.js";
import { createSmtpMailer } from "../report/mailer.js";
import type { HealthReportDoc } from "../storage/health-reports-repository.js";
import { mayAct, type PageContext } from "./context.js";

/**
 * The daily health reports as the console shows them, and "Send now": the same send as
 * `bench-operator report send <id>` (src/report/deliver.ts), claimed, so a send from the console
 * never mails a report that a shell or the health-email job is sending or has sent.
 */

/** Whether this process can send mail at all (SMTP_HOST); the reason when not. */
export function smtpMissing(c: PageContext): string | null {
  return c.shared.deps.config.email.smtp.host === undefined
    ? "SMTP_HOST is not set in the process serving this console, so it cannot send a report"
    : null;
}

export interface ReportView {
  report: HealthReportDoc;
  /** Another send under way now (a shell's, the job's, another person's), by its claim. */
  sending: SendInProgress | null;
}

export async function readReport(c: PageContext, id: string): Promise<ReportView> {
  const { repos } = c.shared.deps;
  const report = await repos.healthReports.get(id);
  if (!report) throw new AppError("not_found", `No stored health report ${id}.`);
  return { report, sending: await sendInProgress(repos, id) };
}

/**
 * Sends a stored report now, one attempt (the person is there to press it again), as the person
 * signed in. Refused, with nothing sent, for a viewer, without SMTP, while another send holds it
 * and once it was delivered; a failed attempt is recorded on the report and said.
 */
export async function sendFromConsole(c: PageContext, id: string): Promise<void> {
  if (!mayAct(c))
    throw new AppError(
      "forbidden",
      `Your role (${c.principal.role}) can only read: sending a report needs an operator or admin. Nothing was sent.`,
    );
  const missing = smtpMissing(c);
  if (missing) throw new AppError("unavailable", `${missing}; nothing was sent.`);
  const { config, repos, clock } = c.shared.deps;
  try {
    await resendReport(repos, createSmtpMailer(config.email), id, {
      attempts: 1,
      clock,
      by: `${c.principal.name} from the console`,
    });
  } catch (e) {
    // Not a bug: the mail server refused or was out of reach; the attempt is on the report.
    throw undelivered(e);
  }
}
