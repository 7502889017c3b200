import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { scenarioCounts } from "../../demo/manifest.js";
import { seedDemoCatalog, type DemoCatalogResult } from "../../demo/seed-catalog.js";
import { MIN_DAYS, MIN_MODELS } from "../../demo/plan.js";
import { DEMO_DEFAULTS, seedDemoFleet, type SeedProgress } from "../../demo/seed.js";
import { AppError } from "../../errors.js";
import { fleetOverview } from "../../fleet/overview.js";
import type { Repositories } from "../../storage/repositories.js";
import type { CliContext } from "../context.js";
import { amountArg, wholeNumberArg } from "../options.js";
import { printJson } from "../output.js";
import { formatOverview } from "./overview.js";

interface SeedCliOptions {
  models: number;
  days: number;
  seed: number;
  cadenceHours: number;
  now?: string;
  db?: string;
  manifest?: string;
  json?: boolean;
}

/** The most a flag may ask of one seed: beyond these the seed runs for hours. */
const MAX_MODELS = 100_000;
const MAX_DAYS = 3_650;

/** The current time rounded down to the hour, so two seeds in the same hour write the same fleet. */
function currentHour(): Date {
  const hour = 3_600_000;
  return new Date(Math.floor(Date.now() / hour) * hour);
}

export function registerDemoCommands(program: Command, ctx: CliContext): void {
  const demo = program
    .command("demo")
    .description(
      `A synthetic fleet with known ground truth to try the operator on. With no subcommand: seed ${DEMO_DEFAULTS.models} models, ${DEMO_DEFAULTS.days} days, seed ${DEMO_DEFAULTS.seed}, their signals and an offline catalog into the database every command reads (MONGODB_DB, default "llm-bench"), and print the overview and what to try next.`,
    );

  const seed = demo
    .command("seed", { isDefault: true })
    .description(
      "Seed a deterministic synthetic fleet (models, metrics, errors, their signals, the ground-truth manifest) and a catalog from real provider snapshots (Vertex's from a hand-written listing: no public one exists) into MONGODB_DB, replacing any earlier demo fleet there (API tokens and the policy are kept). Refuses a database holding a fleet the demo did not write.",
    )
    .option(
      "--models <n>",
      "number of models",
      wholeNumberArg("--models", { min: MIN_MODELS, max: MAX_MODELS }),
      DEMO_DEFAULTS.models,
    )
    .option(
      "--days <n>",
      "days of history",
      wholeNumberArg("--days", { min: MIN_DAYS, max: MAX_DAYS }),
      DEMO_DEFAULTS.days,
    )
    .option(
      "--seed <n>",
      "random seed; the same seed and --now give the same fleet",
      wholeNumberArg("--seed", { min: 0, max: Number.MAX_SAFE_INTEGER }),
      DEMO_DEFAULTS.seed,
    )
    .option(
      "--cadence-hours <h>",
      "hours between two runs of a model",
      amountArg("--cadence-hours", { min: 0, above: true, max: 24 }),
      DEMO_DEFAULTS.cadenceHours,
    )
    .option("--now <iso>", "end of the generated history (default: the current hour)")
    .option(
      "--db <name>",
      "database to seed instead of MONGODB_DB; it must be empty or a demo database (other commands then need MONGODB_DB=<name>)",
    )
    .option("--manifest <path>", "also write the ground-truth manifest to this JSON file")
    .option("--json", "print the counts and the overview as JSON")
    .action((opts: SeedCliOptions) => seedCommand(ctx, opts));
  // `demo --db NAME` is `demo seed --db NAME`: its help names the options it takes.
  demo.addHelpText(
    "after",
    () => `\nWith no subcommand it runs \`demo seed\`, taking its options:\n${optionLines(seed)}`,
  );
}

/** A command's option lines as its own help shows them (after "Options:"), for another command's help. */
function optionLines(command: Command): string {
  const help = command.helpInformation();
  return help.slice(help.indexOf("Options:") + "Options:".length + 1).trimEnd();
}

type Seeded = Awaited<ReturnType<typeof seedInto>>;

async function seedCommand(ctx: CliContext, opts: SeedCliOptions): Promise<void> {
  const now = opts.now === undefined ? currentHour() : new Date(opts.now);
  if (Number.isNaN(now.getTime())) throw new AppError("invalid_input", `--now ${opts.now} is not a date`);
  const seeded = await ctx.withDatabase(
    ({ repos }) => seedInto(repos, opts, now),
    opts.db === undefined ? {} : { db: opts.db },
  );
  if (opts.manifest) await writeFile(opts.manifest, JSON.stringify(seeded.result.manifest, null, 2) + "\n");
  printSeeded(ctx, opts, now, seeded);
}

/** The fleet, then the offline catalog, then the overview a first look needs. */
async function seedInto(repos: Repositories, opts: SeedCliOptions, now: Date) {
  const result = await seedDemoFleet(repos, {
    seed: opts.seed,
    now,
    models: opts.models,
    days: opts.days,
    cadenceHours: opts.cadenceHours,
    onProgress: throttledProgress(),
  }).catch((e: unknown) => {
    // The generator's option checks are user errors, not bugs.
    if (e instanceof RangeError) throw new AppError("invalid_input", e.message);
    throw e;
  });
  const catalogStarted = performance.now();
  const catalog = await seedDemoCatalog(repos, now);
  const catalogMs = performance.now() - catalogStarted;
  return { db: repos.database.name, result, catalog, catalogMs, overview: await fleetOverview(repos, now) };
}

function printSeeded(ctx: CliContext, opts: SeedCliOptions, now: Date, seeded: Seeded): void {
  const { db, result, catalog, catalogMs, overview } = seeded;
  const scenarios = scenarioCounts(result.manifest);
  const seconds = {
    seed: result.timings.seedMs / 1000,
    signals: result.timings.signalsMs / 1000,
    catalog: catalogMs / 1000,
  };
  const next = nextCommands(db, ctx.config().mongodb.db, catalog);
  if (opts.json) {
    printJson({
      db,
      seed: opts.seed,
      now,
      seconds,
      counts: result.counts,
      scenarios,
      catalog,
      overview,
      next: next.map((n) => n.command),
    });
    return;
  }
  const c = result.counts;
  process.stdout.write(
    [
      `Seeded demo fleet into "${db}" in ${seconds.seed.toFixed(1)} s: ${c.models} models (${c.enabled} enabled), ${c.metrics} metric and ${c.errors} error documents (${c.legacy_errors} in the earlier runner's shape).`,
      `Signals for ${result.signalsModels} models built in ${seconds.signals.toFixed(1)} s; catalog of ${catalog.rows} rows from ${catalogSources(catalog)} stored in ${seconds.catalog.toFixed(1)} s.`,
      `Scenarios: ${Object.entries(scenarios)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}.`,
      opts.manifest
        ? `Manifest written to ${opts.manifest}.`
        : `Manifest stored in the demo_manifest collection.`,
      "",
      formatOverview(overview),
      "",
      "Try next:",
      ...next.map((n) => `  ${n.command.padEnd(Math.max(...next.map((x) => x.command.length)))}  # ${n.why}`),
      "",
    ].join("\n"),
  );
}

/**
 * What to run after the demo, in the form that works in a checkout: `npm install` builds dist
 * (the `prepare` script) and `npx` runs the package's own bin from its root. A demo seeded with
 * --db needs MONGODB_DB in front, or the commands would read the configured database.
 */
function nextCommands(
  db: string,
  configuredDb: string,
  catalog: DemoCatalogResult,
): { command: string; why: string }[] {
  const env = db === configuredDb ? "" : `MONGODB_DB=${db} `;
  const cli = `${env}npx bench-operator`;
  const query = catalog.rows > 0 ? "claude" : "";
  return [
    { command: `${cli} situations`, why: "groups of failing models and what the rules suggest" },
    { command: `${cli} operator run --dry-run`, why: "what the operator would do, changing nothing" },
    { command: `${cli} operator run`, why: "then do it: safe changes execute, the rest wait for you" },
    { command: `${cli} decisions list --status pending`, why: "the proposals waiting for a human" },
    ...(query ? [{ command: `${cli} catalog search ${query}`, why: "the offline catalog" }] : []),
    { command: `${cli} mcp --print-config`, why: "the Claude Desktop entry for the MCP tools" },
    {
      command: `${cli} tokens create --role operator --name me`,
      why: "a token for the HTTP server (shown once)",
    },
    { command: `${cli} serve`, why: "then the MCP server over HTTP and the scheduled jobs" },
  ];
}

/** Progress on stderr every few seconds: stdout is for the result. */
function throttledProgress(): (p: SeedProgress) => void {
  let last = 0;
  return (p) => {
    const t = Date.now();
    if (p.phase === "runs" && t - last < 3000) return;
    last = t;
    process.stderr.write(
      `demo seed: ${p.phase} ${p.modelsDone}/${p.modelsTotal} models, ${p.metrics} metrics, ${p.errors} errors\n`,
    );
  };
}

/** "8 provider snapshots and 1 hand-written listing (vertex)": where the demo's catalog rows came from. */
export function catalogSources(catalog: Pick<DemoCatalogResult, "providers" | "handWritten">): string {
  const snapshots = catalog.providers.length - catalog.handWritten.length;
  const snapshotText = `${snapshots} provider snapshot${snapshots === 1 ? "" : "s"}`;
  const n = catalog.handWritten.length;
  if (n === 0) return snapshotText;
  return `${snapshotText} and ${n} hand-written listing${n === 1 ? "" : "s"} (${catalog.handWritten.join(", ")})`;
}
