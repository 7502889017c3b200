/**
 * How fast the demo fleet seeds: the 523-model reference fleet and a 5,000-model fleet (30 days at
 * a 3-hour cadence each), written through the production repositories into a real database
 * (MONGODB_URI when set, else FerretDB 1.24 started here with a throw-away data directory, as the
 * tests do). Prints a table, or one JSON object with --json. Also times the generator alone, so
 * the database's share of the cost is visible.
 *
 *   npm run bench:seed [-- --json] [-- --days 30] [-- --large 5000]
 */
import { randomBytes } from "node:crypto";
import { table } from "../src/cli/output.js";
import { loadConfig } from "../src/config/config.js";
import { fleetRuns } from "../src/demo/documents.js";
import { planFleet } from "../src/demo/plan.js";
import { seedDemoFleet } from "../src/demo/seed.js";
import { connectMongo } from "../src/storage/mongo.js";
import { createRepositories } from "../src/storage/repositories.js";
import { benchArgs, openBenchDatabase } from "./support.js";

interface Row {
  fleet: string;
  models: number;
  "metric docs": number;
  "error docs": number;
  seconds: number;
  "docs/second": number;
}

const { json, int, log } = benchArgs();
const days = int("days", 30);
const large = int("large", 5000);
// A fixed `now`: the benchmark measures the same fleet on every run.
const now = new Date("2026-11-01T00:00:00Z");

const config = loadConfig(process.env);
const database = await openBenchDatabase("bench-seed-db-", config.mongodb.uri);
log(database.external ? "using MONGODB_URI" : `${database.engine} at ${database.uri}`);

const client = await connectMongo(database.uri);
const rows: Row[] = [];
try {
  // The generator alone, for the large fleet: what seeding would cost with a free database.
  {
    const started = performance.now();
    const plan = planFleet({ seed: 42, now, models: large, days, cadenceHours: 3 });
    let metrics = 0;
    let errors = 0;
    for (const run of fleetRuns(plan)) {
      if (run.collection === "metrics") metrics++;
      else errors++;
    }
    const seconds = (performance.now() - started) / 1000;
    rows.push(row(`${large} (generator only)`, large, metrics, errors, seconds));
    log(`generator: ${metrics + errors} documents in ${seconds.toFixed(1)} s`);
  }

  for (const models of [523, large]) {
    const name = `bench_seed_${models}_${randomBytes(3).toString("hex")}`;
    const db = client.db(name);
    const repos = createRepositories(db, config.collections);
    let lastLog = 0;
    const started = performance.now();
    const result = await seedDemoFleet(repos, {
      seed: 42,
      now,
      models,
      days,
      cadenceHours: 3,
      onProgress: (p) => {
        const t = performance.now();
        if (t - lastLog < 5000 && p.phase === "runs") return;
        lastLog = t;
        log(`${models} models: ${p.phase} ${p.metrics} metrics, ${p.errors} errors`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    rows.push(
      row(`${models} models, ${days} days`, models, result.counts.metrics, result.counts.errors, seconds),
    );
    await db.dropDatabase();
  }
} finally {
  await client.close();
  await database.stop();
}

function row(fleet: string, models: number, metrics: number, errors: number, seconds: number): Row {
  return {
    fleet,
    models,
    "metric docs": metrics,
    "error docs": errors,
    seconds: Math.round(seconds * 10) / 10,
    "docs/second": Math.round((models + metrics + errors) / seconds),
  };
}

// 5 million metric documents is the scale target; say how long it would take at the measured rate.
const measured = rows[rows.length - 1]!;
// A fleet with 5M metric documents also holds its errors, in the same proportion as measured.
const docsPerMetric = (measured["metric docs"] + measured["error docs"]) / measured["metric docs"];
const fiveMillionSeconds = Math.round((5_000_000 * docsPerMetric) / measured["docs/second"]);
if (json) {
  process.stdout.write(
    JSON.stringify(
      { days, cadence_hours: 3, fleets: rows, extrapolated_seconds_for_5m_docs: fiveMillionSeconds },
      null,
      2,
    ) + "\n",
  );
} else {
  process.stdout.write(
    `${table(rows as unknown as Record<string, unknown>[])}\n\n` +
      `At the ${large}-model rate, 5 million metric documents (e.g. --models ${large} --days ${Math.round((days * 5_000_000) / measured["metric docs"])}) would take about ${fiveMillionSeconds} s (${(fiveMillionSeconds / 60).toFixed(1)} min).\n`,
  );
}
