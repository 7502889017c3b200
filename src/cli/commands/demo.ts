import { writeFile } from "node:fs/promises";
import { InvalidArgumentError, type Command } from "commander";
import { scenarioCounts } from "../../demo/manifest.js";
import { DEMO_DEFAULTS, seedDemoFleet, type SeedProgress } from "../../demo/seed.js";
import { AppError } from "../../errors.js";
import { fleetOverview } from "../../fleet/overview.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";
import { formatOverview } from "./overview.js";

interface SeedCliOptions {
  models: number;
  days: number;
  seed: number;
  cadenceHours: number;
  now?: string;
  db: string;
  manifest?: string;
  json?: boolean;
}

const integer = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("must be an integer");
  return n;
};
const positive = (value: string): number => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError("must be a positive number");
  return n;
};

/** The current time rounded down to the hour, so two seeds in the same hour write the same fleet. */
function currentHour(): Date {
  const hour = 3_600_000;
  return new Date(Math.floor(Date.now() / hour) * hour);
}

export function registerDemoCommands(program: Command, ctx: CliContext): void {
  const demo = program
    .command("demo")
    .description(
      `A synthetic fleet with known ground truth to try the operator on. With no subcommand: seed ${DEMO_DEFAULTS.models} models, ${DEMO_DEFAULTS.days} days, seed ${DEMO_DEFAULTS.seed} into "${DEMO_DEFAULTS.db}" and print the overview.`,
    );

  demo
    .command("seed", { isDefault: true })
    .description(
      "Seed a deterministic synthetic fleet (models, metrics, errors and the ground-truth manifest) into a demo database, replacing any earlier demo fleet there.",
    )
    .option("--models <n>", "number of models", integer, DEMO_DEFAULTS.models)
    .option("--days <n>", "days of history", integer, DEMO_DEFAULTS.days)
    .option(
      "--seed <n>",
      "random seed; the same seed and --now give the same fleet",
      integer,
      DEMO_DEFAULTS.seed,
    )
    .option("--cadence-hours <h>", "hours between two runs of a model", positive, DEMO_DEFAULTS.cadenceHours)
    .option("--now <iso>", "end of the generated history (default: the current hour)")
    .option("--db <name>", "database to seed; it must be empty or a demo database", DEMO_DEFAULTS.db)
    .option("--manifest <path>", "also write the ground-truth manifest to this JSON file")
    .option("--json", "print the counts and the overview as JSON")
    .action(async (opts: SeedCliOptions) => {
      const now = opts.now === undefined ? currentHour() : new Date(opts.now);
      if (Number.isNaN(now.getTime())) throw new AppError("invalid_input", `--now ${opts.now} is not a date`);
      const started = Date.now();
      const progress = throttledProgress();
      const { result, overview } = await ctx.withDatabase(
        async ({ repos }) => {
          const result = await seedDemoFleet(repos, {
            seed: opts.seed,
            now,
            models: opts.models,
            days: opts.days,
            cadenceHours: opts.cadenceHours,
            onProgress: progress,
          }).catch((e: unknown) => {
            // The generator's option checks are user errors, not bugs.
            if (e instanceof RangeError) throw new AppError("invalid_input", e.message);
            throw e;
          });
          return { result, overview: await fleetOverview(repos, now) };
        },
        { db: opts.db },
      );
      const seconds = (Date.now() - started) / 1000;
      if (opts.manifest) await writeFile(opts.manifest, JSON.stringify(result.manifest, null, 2) + "\n");

      const scenarios = scenarioCounts(result.manifest);
      if (opts.json) {
        printJson({ db: opts.db, seed: opts.seed, now, seconds, counts: result.counts, scenarios, overview });
        return;
      }
      const c = result.counts;
      process.stdout.write(
        [
          `Seeded demo fleet into "${opts.db}" in ${seconds.toFixed(1)} s: ${c.models} models (${c.enabled} enabled), ${c.metrics} metric and ${c.errors} error documents (${c.legacy_errors} in the earlier runner's shape).`,
          `Scenarios: ${Object.entries(scenarios)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}.`,
          opts.manifest
            ? `Manifest written to ${opts.manifest}.`
            : `Manifest stored in the demo_manifest collection.`,
          "",
          formatOverview(overview),
          "",
        ].join("\n"),
      );
    });
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
