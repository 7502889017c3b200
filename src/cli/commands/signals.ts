import type { Command } from "commander";
import { AppError } from "../../errors.js";
import { backfillSignals } from "../../signals/backfill.js";
import { storedFleetProvider } from "../../fleet/provider-filter.js";
import { getModelSignals } from "../../signals/read.js";
import { settingsText, type ModelSettings } from "../../signals/settings.js";
import type { CliContext } from "../context.js";
import { plainProgress, printJson, table } from "../output.js";
import { backfillProgressText, progressLine } from "../progress.js";

export function registerSignalsCommands(program: Command, ctx: CliContext): void {
  const signals = program
    .command("signals")
    .description("Per-model signals: last success, failure streak, errors by kind.");

  signals
    .command("backfill")
    .description(
      "Fold raw metrics_cloud_v2 and errors_cloud documents written by any runner into the signals (resumes from its watermark), and build the fleet-wide rollups (hours, spend per day) for history older than them.",
    )
    .option("--json", "print JSON")
    .option("--rebuild-rollups", "rebuild the fleet-wide rollups from the day buckets and the spend ledger")
    .action(async (opts: { json?: boolean; rebuildRollups?: boolean }) => {
      const progress = progressLine({
        label: "signals backfill",
        enabled: opts.json !== true,
        stream: process.stderr,
        plain: plainProgress(ctx),
        plainEveryMs: 3_000,
      });
      const report = await ctx
        .withDatabase(({ repos, logger }) =>
          backfillSignals(repos, {
            logger,
            rebuildRollups: opts.rebuildRollups === true,
            onProgress: (p) => progress.update(backfillProgressText(p)),
          }),
        )
        .finally(() => progress.stop());
      if (opts.json) printJson(report);
      else
        process.stdout.write(
          `read ${report.metricsRead} metrics and ${report.errorsRead} errors (${report.alreadyCounted} already counted) for ${report.modelsTouched} models in ${report.durationMs} ms` +
            (report.rollupsRebuilt.fleetHours + report.rollupsRebuilt.spendDays > 0
              ? `; rebuilt ${report.rollupsRebuilt.fleetHours} fleet hours and ${report.rollupsRebuilt.spendDays} spend days`
              : "") +
            "\n",
        );
    });

  signals
    .command("show <provider> <model_id>")
    .description("Show one model's signals.")
    .option("--json", "print JSON")
    .action(async (provider: string, modelId: string, opts: { json?: boolean }) => {
      const s = await ctx.withDatabase(async ({ repos }) => {
        const now = new Date();
        const found = await getModelSignals(repos, provider, modelId, now);
        if (found) return found;
        // `OpenAI` is the fleet's `openai`; a provider the fleet does not have is named as such.
        const known = await storedFleetProvider(repos, provider, "`bench-operator models list`");
        return known !== undefined && known !== provider ? getModelSignals(repos, known, modelId, now) : null;
      });
      if (!s)
        throw new AppError(
          "not_found",
          `No model ${provider}:${modelId} in the fleet or its signals (the offline catalog is not the fleet: \`catalog search\`). List the fleet's models with \`bench-operator models list\`.`,
        );
      if (opts.json) return printJson(s);
      const lines = [
        `${s.provider}:${s.model_id}  ${s.catalog.enabled ? "enabled" : "disabled"}${s.catalog.deprecated ? ", deprecated" : ""}${s.catalog.status ? `, ${s.catalog.status}` : ""}`,
        `last success:   ${s.lastSuccessAt?.toISOString() ?? "never"}`,
        `last error:     ${s.lastError ? `${s.lastError.at.toISOString()} ${s.lastError.kind} (${s.lastError.class})` : "none"}`,
        `failing since:  ${s.streakStartedAt ? `${s.streakStartedAt.toISOString()} (${s.failingForHours} h, ${s.consecutiveFailures} failures)` : "not failing"}`,
        `settings:       ${settingsLine(s.settings ?? null)}`,
        ...(s.renamedFrom
          ? [
              `renamed from:   ${s.renamedFrom.model_id} (${s.renamedFrom.successes_total} successes, ${s.renamedFrom.errors_total} errors there; \`signals show ${s.provider} ${s.renamedFrom.model_id}\`)`,
            ]
          : []),
        ...(s.renamedTo ? [`renamed to:     ${s.renamedTo.model_id}, where it is measured now`] : []),
        "",
        table(
          (["h24", "d7", "d30"] as const).map((w) => ({
            window: w,
            successes: s.windows[w].successes,
            errors: s.windows[w].errors,
            by_kind: Object.entries(s.windows[w].errorsByKind)
              .map(([k, n]) => `${k}=${n}`)
              .join(" "),
          })),
        ),
        "",
        `recent distinct errors (provider text):${s.recentErrors.length === 0 ? " none" : ""}`,
        ...s.recentErrors.map(
          (e) =>
            `  [${e.kind} x${e.count}, last ${e.last_ts.toISOString()}] ${e.display_message.slice(0, 200)}`,
        ),
      ];
      process.stdout.write(lines.join("\n") + "\n");
    });
}

/** The model's request settings and the batch that set them, as `signals show` prints them. */
function settingsLine(settings: ModelSettings | null): string {
  if (!settings) return "none (the adapter's defaults)";
  const by = settings.batch
    ? `set at ${settings.batch.at.toISOString()} by ${settings.batch.actor} in batch ${settings.batch.id}`
    : "no recorded batch set them";
  return `${settingsText(settings.values)} (${by})`;
}
