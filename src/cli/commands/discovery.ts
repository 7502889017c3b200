import type { Command } from "commander";
import { fleetModelsAbsent } from "../../catalog/discovery/absence.js";
import { discoveryDiff, type ReadDiff } from "../../catalog/discovery/diff.js";
import { discoveryReport } from "../../catalog/discovery/report.js";
import { runDiscovery, type DiscoveryOutcome } from "../../catalog/discovery/run.js";
import { AppError } from "../../errors.js";
import { knownCatalogProvider } from "../../catalog/provider-ids.js";
import { CATALOG_PROVIDERS } from "../../catalog/provider-ids.js";
import { planCatalogReads } from "../../catalog/readers/registry.js";
import type { CliContext } from "../context.js";
import { positiveIntArg } from "../options.js";
import { plainProgress, printJson, table } from "../output.js";
import { discoveryProgressText, progressLine } from "../progress.js";

export function registerDiscoveryCommands(program: Command, ctx: CliContext): void {
  const discovery = program
    .command("discovery")
    .description("Read provider and OpenRouter model lists into the catalog, with a ledger row per read.");

  registerFetch(discovery, ctx);
  registerReport(discovery, ctx);
  registerDiff(discovery, ctx);
  registerAbsent(discovery, ctx);
}

function registerFetch(discovery: Command, ctx: CliContext): void {
  discovery
    .command("fetch")
    .description(
      "Read the model lists (all providers with a key, OpenRouter always) and record each read in the ledger.",
    )
    .option("--provider <id>", `read only this provider (${CATALOG_PROVIDERS.join(", ")})`)
    .option("--json", "print JSON")
    .action(async (opts: { provider?: string; json?: boolean }) => {
      const only = opts.provider === undefined ? undefined : catalogProvider(opts.provider);
      const progress = progressLine({
        label: "discovery",
        enabled: opts.json !== true,
        stream: process.stderr,
        plain: plainProgress(ctx),
      });
      const outcomes = await ctx
        .withDatabase(({ repos, config, logger }) =>
          runDiscovery(repos, planCatalogReads(config, { only }), {
            logger,
            onProgress: (e) => progress.update(discoveryProgressText(e)),
          }),
        )
        .finally(() => progress.stop());
      if (opts.json) printJson(outcomes);
      else process.stdout.write(table(outcomes.map(outcomeRow)) + "\n");
    });
}

function registerReport(discovery: Command, ctx: CliContext): void {
  discovery
    .command("report")
    .description("The last read per provider: when, complete or not, counts.")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const report = await ctx.withDatabase(({ repos }) => discoveryReport(repos));
      if (opts.json) return printJson(report);
      const rows = report.map((r) => ({
        provider: r.provider,
        last_read: r.latest?.finished_at ?? "never",
        complete: r.latest ? (r.latest.complete ? "yes" : "NO") : "",
        pages: r.latest?.pages,
        raw: r.latest?.raw_count,
        accepted: r.latest?.accepted_count,
        new: r.latest?.new_count,
        last_complete: r.lastCompleteAt ?? (r.latest ? "never" : ""),
        error: r.latest?.error?.slice(0, 80) ?? "",
      }));
      const never = report.filter((r) => !r.latest).map((r) => r.provider);
      process.stdout.write(
        table(rows) +
          "\n" +
          (never.length > 0
            ? `never: no read of ${never.join(", ")} is recorded; \`bench-operator discovery fetch\` reads every provider with a key (the discovery job does on its schedule)\n`
            : ""),
      );
    });
}

function registerDiff(discovery: Command, ctx: CliContext): void {
  discovery
    .command("diff")
    .description("New, gone and re-priced models between two complete reads of each provider.")
    .option("--provider <id>", "only this provider")
    .option(
      "--since <date>",
      "compare with the newest complete read before this date (default: the read before the newest)",
    )
    .option("--json", "print JSON")
    .action(async (opts: { provider?: string; since?: string; json?: boolean }) => {
      const provider = opts.provider === undefined ? undefined : catalogProvider(opts.provider);
      const since = opts.since === undefined ? undefined : parseDate(opts.since, "--since");
      const diffs = await ctx.withDatabase(({ repos }) => discoveryDiff(repos, { provider, since }));
      if (opts.json) printJson(diffs);
      else process.stdout.write(diffs.map(formatDiff).join("\n\n") + "\n");
    });
}

function registerAbsent(discovery: Command, ctx: CliContext): void {
  discovery
    .command("absent")
    .description("Fleet models of a provider missing from each of its last N complete reads (read-only).")
    .requiredOption(
      "--provider <id>",
      `the provider whose fleet models are checked (${CATALOG_PROVIDERS.join(", ")})`,
    )
    .option("--reads <n>", "how many complete reads", positiveIntArg("--reads"), 3)
    .option("--include-disabled", "check disabled models too")
    .option("--json", "print JSON")
    .action(async (opts: { provider: string; reads: number; includeDisabled?: boolean; json?: boolean }) => {
      const { reads } = opts;
      const provider = catalogProvider(opts.provider);
      const report = await ctx.withDatabase(({ repos }) =>
        fleetModelsAbsent(repos, provider, { reads, includeDisabled: opts.includeDisabled }),
      );
      if (opts.json) return printJson(report);
      if (!report.evaluable) {
        process.stdout.write(`${report.provider}: cannot tell (${report.reason})\n`);
        return;
      }
      const lines = [
        `${report.provider}: ${report.missing.length} of ${report.missing.length + report.present.length + report.uncovered.length} fleet models missing from the last ${reads} complete reads`,
        ...report.missing.map((id) => `  ${id}`),
        ...(report.uncovered.length > 0
          ? [
              `${report.uncovered.length} not in them, but not looked for (their part of the listing, a publisher, was not read): no conclusion`,
              ...report.uncovered.map((id) => `  ${id}`),
            ]
          : []),
      ];
      process.stdout.write(lines.join("\n") + "\n");
    });
}

function outcomeRow(o: DiscoveryOutcome): Record<string, unknown> {
  if ("skipped" in o) return { provider: o.provider, result: "skipped", note: o.skipped };
  const r = o.run;
  return {
    provider: o.provider,
    result: r.complete ? "complete" : "INCOMPLETE",
    pages: r.pages,
    raw: r.raw_count,
    accepted: r.accepted_count,
    new: r.new_count,
    note: r.error ?? "",
  };
}

function formatDiff(d: ReadDiff): string {
  if (!d.comparable) return `${d.provider}: not comparable (${d.reason})`;
  const price = (p: number | null): string => (p === null ? "?" : `$${p}`);
  const lines = [
    `${d.provider}: ${d.from!.finished_at.toISOString()} → ${d.to!.finished_at.toISOString()}  +${d.added.length} new, −${d.gone.length} gone, ${d.priceChanged.length} re-priced`,
    ...d.added.map((i) => `  + ${i.model_id}${i.name ? `  (${i.name})` : ""}`),
    ...d.gone.map((i) => `  - ${i.model_id}${i.name ? `  (${i.name})` : ""}`),
    ...d.priceChanged.map(
      (c) =>
        `  $ ${c.model_id}  in ${price(c.before.input_per_million)} → ${price(c.after.input_per_million)}, out ${price(c.before.output_per_million)} → ${price(c.after.output_per_million)} per M`,
    ),
  ];
  return lines.join("\n");
}

/** A provider whose model list discovery reads, or invalid_input naming those it knows. */
export function catalogProvider(id: string): (typeof CATALOG_PROVIDERS)[number] {
  return knownCatalogProvider(id);
}

export function parseDate(text: string, option: string): Date {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) {
    throw new AppError(
      "invalid_input",
      `${option} must be a date such as 2026-05-01 or 2026-05-01T12:00:00Z`,
    );
  }
  return d;
}
