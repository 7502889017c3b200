import type { Command } from "commander";
import { AppError } from "../../errors.js";
import { deliverReport, resendReport, undelivered } from "../../report/deliver.js";
import { produceHealthReport } from "../../report/index.js";
import { createSmtpMailer } from "../../report/mailer.js";
import type { CliContext } from "../context.js";
import { cliPrincipal } from "../principal.js";
import { positiveIntArg } from "../options.js";
import { printJson } from "../output.js";

export function registerReportCommands(program: Command, ctx: CliContext): void {
  const report = program.command("report").description("Reports: the daily health report.");

  report
    .command("health")
    .description(
      "Build the health report (evaluating the invariants now) and email it; --dry-run prints it instead.",
    )
    .option("--days <n>", "window in days (at most 90)", positiveIntArg("--days", 90), 7)
    .option("--dry-run", "print the report instead of sending it (nothing is stored but the check runs)")
    .option(
      "--html",
      "with --dry-run: print the HTML document alone instead of the text part (the subject goes to stderr)",
    )
    .option("--json", "print JSON (subject, status, reasons and both parts)")
    .option(
      "--no-assessment",
      "leave out the LLM's assessment (otherwise one budgeted call, recorded in the spend ledger)",
    )
    .action(
      async (opts: {
        days: number;
        dryRun?: boolean;
        html?: boolean;
        json?: boolean;
        assessment: boolean;
      }) => {
        const { days } = opts;
        const config = ctx.config();
        if (!opts.dryRun && config.email.smtp.host === undefined) {
          throw new AppError(
            "config_invalid",
            "SMTP_HOST is not set, so the report cannot be sent; use --dry-run to print it.",
          );
        }
        const result = await ctx.withDatabase(async ({ logger, repos }) => {
          const now = new Date();
          const { report } = await produceHealthReport(
            { config, logger, repos, clock: () => now },
            { days, now, assess: opts.assessment },
          );
          if (opts.dryRun) return { report, stored: null };
          // A refused delivery exits 2 with what happened (the report is stored), not as a bug.
          const stored = await deliverReport(repos, createSmtpMailer(config.email), report, {
            by: `report health by ${cliPrincipal(ctx).name}`,
            from: config.email.from,
            to: config.email.to,
            days,
            generatedAt: now,
          }).catch((e: unknown) => {
            throw undelivered(e);
          });
          return { report, stored };
        });
        if (opts.json) return printJson({ ...result.report, report_id: result.stored?._id ?? null });
        if (opts.dryRun) {
          // --html prints the document alone, so `> email.html` is valid HTML (standards mode): the
          // subject is its <title>, and goes to stderr for the terminal.
          if (opts.html) {
            process.stderr.write(`Subject: ${result.report.subject}\n`);
            return void process.stdout.write(result.report.html);
          }
          return void process.stdout.write(`Subject: ${result.report.subject}\n\n${result.report.text}`);
        }
        process.stdout.write(
          `sent "${result.report.subject}" to ${config.email.to.join(", ")} (report ${result.stored?._id}, ${result.stored?.delivery.attempts.length} attempt(s))\n`,
        );
      },
    );

  report
    .command("send <report_id>")
    .description(
      "Send a stored health report whose delivery failed (the health-email job's error names it), as it was built, to its recipients; refused while another send of it is under way or once it was sent.",
    )
    .action(async (id: string) => {
      const config = ctx.config();
      if (config.email.smtp.host === undefined) {
        throw new AppError("config_invalid", "SMTP_HOST is not set, so the report cannot be sent.");
      }
      const by = `report send by ${cliPrincipal(ctx).name}`;
      const sent = await ctx.withDatabase(({ repos }) =>
        resendReport(repos, createSmtpMailer(config.email), id, { by }).catch((e: unknown) => {
          // Not a bug: the server is still out of reach. Exit 2 with what happened.
          throw undelivered(e);
        }),
      );
      process.stdout.write(
        `sent "${sent.subject}" to ${sent.to.join(", ")} (report ${sent._id}, ${sent.delivery.attempts.length} attempt(s) in all)\n`,
      );
    });
}
