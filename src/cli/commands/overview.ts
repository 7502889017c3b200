import type { Command } from "commander";
import { fleetOverview, type FleetOverview } from "../../fleet/overview.js";
import type { CliContext } from "../context.js";
import { printJson, table } from "../output.js";

export function registerOverviewCommands(program: Command, ctx: CliContext): void {
  program
    .command("overview")
    .description(
      "The fleet at a glance: providers, enabled models, and successes and errors by kind in the last 24 hours.",
    )
    .option("--db <name>", "database name (default: MONGODB_DB)")
    .option("--json", "print JSON")
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { overview, waiting } = await ctx.withDatabase(
        async ({ repos, config }) => ({
          overview: await fleetOverview(repos, new Date(), undefined, config.mongodb),
          // What waits for a person, so that a first look also says where to act.
          waiting: await repos.decisions.count({ status: "pending" }),
        }),
        { db: opts.db },
      );
      if (opts.json) printJson({ ...overview, pending_decisions: waiting });
      else process.stdout.write(formatOverview(overview) + waitingLine(overview, waiting) + "\n");
    });
}

/**
 * The overview as text: one table per provider, one by error kind, and a totals line; on an empty
 * database, the notice alone (a table of zeros reads as a broken fleet).
 */
export function formatOverview(o: FleetOverview): string {
  if (o.notice !== null) return o.notice;
  const t = o.totals;
  const providers = table(
    [...o.providers, { provider: "total", ...t }].map((p) => ({
      provider: p.provider,
      models: p.models,
      enabled: p.enabled,
      "deprecated (enabled)": p.deprecated_enabled,
      "candidates probing": p.candidates,
      "successes 24h": p.successes_24h,
      "errors 24h": p.errors_24h,
    })),
  );
  const kinds = table(
    o.errors_by_kind.map((k) => ({ "error kind": k.kind, class: k.class, "errors 24h": k.count })),
  );
  return [
    `Fleet overview for the 24 hours to ${o.now.toISOString()}`,
    "",
    providers,
    "",
    kinds,
    "",
    `${t.providers} providers, ${t.enabled} of ${t.models} models enabled; ${t.successes_24h} successful runs and ${t.errors_24h} errors in the last 24 hours.`,
  ].join("\n");
}

/** The decisions that wait for a person, and where to read them; nothing when none wait. */
function waitingLine(o: FleetOverview, waiting: number): string {
  if (o.notice !== null || waiting === 0) return "";
  return (
    `\n${waiting} decision(s) wait for a person: bench-operator decisions list --status pending ` +
    `(or the console's Decisions page).`
  );
}
