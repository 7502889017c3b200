/**
 * How fast `healthz` answers on a large history. Seeds a fleet (500 models at 10 providers, the
 * job and scheduler state) and as much run history as fits in a time budget (metrics_cloud_v2,
 * errors_cloud, job_runs; 5 million documents, or as many as the budget allows), then times every
 * query behind `healthz` and `healthz` itself, and prints each query's plan from `explain()`.
 * `healthz` reads a ping, one heartbeat by `_id` and one document per job; the per-provider
 * progress inside the heartbeat is what the scheduler computes about once a minute from one
 * document per model, timed here as the background refresh. For contrast it also times the query
 * the earlier system's liveness probe used (the newest metric of a provider, sorted, over the
 * whole history).
 *
 * Uses MONGODB_URI when set, else FerretDB 1.24 started here with a throw-away data directory.
 *
 *   npm run bench:health [-- --seconds 120] [-- --target 5000000] [-- --json]
 */
import type { Collection, Document } from "mongodb";
import type { ProviderStateDoc } from "../src/storage/operator-state-repository.js";
import type { ModelSignalDoc } from "../src/storage/signals-repository.js";
import { table } from "../src/cli/output.js";
import { loadConfig } from "../src/config/config.js";
import { healthz } from "../src/liveness/healthz.js";
import { computeProviderProgress } from "../src/liveness/progress.js";
import { HEARTBEATS_COLLECTION } from "../src/storage/heartbeats-repository.js";
import { allJobs } from "../src/jobs/index.js";
import { JOB_RUNS_COLLECTION } from "../src/storage/job-runs-repository.js";
import { JOB_STATUS_COLLECTION } from "../src/storage/job-status-repository.js";
import { silentLogger } from "../src/logger.js";
import { connectMongo } from "../src/storage/mongo.js";
import { createRepositories, ensureIndexes } from "../src/storage/repositories.js";
import { CATALOG_PROVIDERS } from "../src/catalog/provider-ids.js";
import { benchArgs, openBenchDatabase } from "./support.js";

const { json, number, log } = benchArgs();
const seedSeconds = number("seconds", 120);
const target = number("target", 5_000_000);
const iterations = number("iterations", 30);
// Every provider with a catalog, as discovery reads them: the history a real fleet would have.
const PROVIDERS = CATALOG_PROVIDERS;
const MODELS_PER_PROVIDER = 50;
const NOW = new Date();

const database = await openBenchDatabase("bench-health-db-", loadConfig(process.env).mongodb.uri);
const { uri, engine } = database;
log(`${engine} at ${uri}`);
const config = loadConfig({ ...process.env, MONGODB_URI: uri, MONGODB_DB: `bench_health_${Date.now()}` });
const client = await connectMongo(uri, { serverSelectionTimeoutMS: 10_000 });
const db = client.db(config.mongodb.db);
const repos = createRepositories(db, config.collections);
await ensureIndexes(repos);

try {
  await seedFleet();
  const seeded = await seedHistory();
  const deps = { config, repos, logger: silentLogger, clock: () => new Date() };
  // What the scheduler's heartbeat does about once a minute.
  const refresh = async (): Promise<void> =>
    repos.heartbeats.beat("bench", new Date(), [], await computeProviderProgress(deps, new Date()));
  await refresh();
  const rows = [];
  for (const q of healthzQueries())
    rows.push({ ...(await timeQuery(q.name, q.run)), plan: await planOf(q.explain) });
  const total = await timeQuery("= healthz() (the reads above, in parallel)", () =>
    healthz(deps, { instanceId: "bench" }),
  );
  const check = await healthz(deps, { instanceId: "bench" });
  if (!check.ok || check.body.progress.source !== "heartbeat")
    throw new Error("healthz did not answer from the heartbeat");
  rows.push({
    ...total,
    plan: `ok=${check.ok}, ${check.body.providers.filter((p) => p.stalled).length} stalled provider(s) reported`,
  });
  rows.push({ query: "", p50_ms: Number.NaN, p95_ms: Number.NaN, max_ms: Number.NaN, plan: "" });
  for (const q of backgroundQueries())
    rows.push({ ...(await timeQuery(q.name, q.run)), plan: await planOf(q.explain) });
  rows.push({
    ...(await timeQuery("= progress refresh (the reads above + one heartbeat write)", refresh)),
    plan: "",
  });
  const naive = await timeNaive();
  const result = {
    engine,
    seeded,
    fleet: {
      providers: PROVIDERS.length,
      models: PROVIDERS.length * MODELS_PER_PROVIDER,
      jobs: allJobs.length,
    },
    iterations,
    rows,
    naive,
  };
  if (json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  else print(result);
} finally {
  await db.dropDatabase().catch(() => undefined);
  await client.close();
  await database.stop();
}

/** The current-state collections healthz reads: one document per model, job, provider, instance. */
async function seedFleet(): Promise<void> {
  const models = [];
  const signals = [];
  for (const [p, provider] of PROVIDERS.entries()) {
    for (let m = 0; m < MODELS_PER_PROVIDER; m++) {
      const model_id = `${provider}-model-${m}`;
      models.push({
        provider,
        model_id,
        enabled: m % 5 !== 0,
        created_at: new Date(NOW.getTime() - 90 * 86_400_000),
      });
      // Provider 9 is stuck: its last success was two days ago.
      const last = new Date(NOW.getTime() - (p === 9 ? 48 : 1 + (m % 3)) * 3_600_000);
      signals.push({
        _id: `${provider}:${model_id}`,
        provider,
        model_id,
        last_success_at: last,
        consecutive_failures: 0,
        updated_at: NOW,
      });
    }
  }
  await repos.models.insertMany(models);
  await db.collection<ModelSignalDoc>("model_signals").insertMany(signals);
  await db.collection<ProviderStateDoc>("provider_state").insertOne({
    _id: "deepinfra",
    state: "blocked",
    reason: "billing",
    since: NOW,
    updated_at: NOW,
    history: [],
  });
  await db.collection(JOB_STATUS_COLLECTION).insertMany(
    allJobs.map((j) => ({
      _id: j.name,
      last_tick: NOW,
      running: null,
      last_run: {
        run_id: `jr_${j.name}`,
        instance_id: "bench",
        tick: NOW,
        started_at: NOW,
        finished_at: NOW,
        outcome: "ok",
        error: null,
      },
      last_ok_at: NOW,
      consecutive_failures: 0,
      updated_at: NOW,
    })) as Document[],
  );
  await db.collection(HEARTBEATS_COLLECTION).insertOne({
    _id: "bench",
    host: "bench",
    pid: process.pid,
    started_at: NOW,
    beat_at: NOW,
    interval_ms: 15_000,
    jobs: [],
    unwired: [],
    stopped_at: null,
    in_flight: [],
  } as Document);
}

/** Run history, as much as the time budget allows: 70 % metrics, 20 % errors, 10 % job runs. */
async function seedHistory(): Promise<{
  documents: number;
  seconds: number;
  target: number;
  byCollection: Record<string, number>;
}> {
  const started = performance.now();
  const deadline = started + seedSeconds * 1000;
  const counts = { metrics_cloud_v2: 0, errors_cloud: 0, job_runs: 0 };
  const batch = 10_000;
  let i = 0;
  const writer = async (): Promise<void> => {
    while (
      performance.now() < deadline &&
      counts.metrics_cloud_v2 + counts.errors_cloud + counts.job_runs < target
    ) {
      const n = i++;
      const kind = n % 10 < 7 ? "metrics_cloud_v2" : n % 10 < 9 ? "errors_cloud" : "job_runs";
      const docs = Array.from({ length: batch }, (_, k) => historyDoc(kind, n * batch + k));
      const col: Collection<Document> = db.collection(kind === "job_runs" ? JOB_RUNS_COLLECTION : kind);
      await col.insertMany(docs, { ordered: false });
      counts[kind] += batch;
      const total = counts.metrics_cloud_v2 + counts.errors_cloud + counts.job_runs;
      if (total % 100_000 === 0)
        log(
          `seeded ${total.toLocaleString("en-US")} history documents in ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
    }
  };
  // Two writers keep the server busy while the client builds the next batch.
  await Promise.all([writer(), writer()]);
  const documents = counts.metrics_cloud_v2 + counts.errors_cloud + counts.job_runs;
  return {
    documents,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    target,
    byCollection: counts,
  };
}

function historyDoc(kind: string, n: number): Document {
  const provider = PROVIDERS[n % PROVIDERS.length]!;
  const model_name = `${provider}-model-${n % MODELS_PER_PROVIDER}`;
  const ts = new Date(NOW.getTime() - 365 * 86_400_000 + (n % 31_536_000) * 1000);
  if (kind === "metrics_cloud_v2") {
    return {
      provider,
      model_name,
      run_ts: ts,
      gen_ts: ts,
      requested_tokens: 64,
      output_tokens: 64,
      generate_time: 1.2,
      tokens_per_second: 53.3,
      time_to_first_token: 0.31,
      times_between_tokens: [0.01, 0.02, 0.01],
    };
  }
  if (kind === "errors_cloud") {
    return {
      provider,
      model_name,
      ts,
      stage: "generate",
      message: "Error code: 429 - rate limited",
      error_kind: "rate_limit",
      error_class: "transient",
      http_status: 429,
      fingerprint: "f00d",
    };
  }
  const name = allJobs[n % allJobs.length]!.name;
  return {
    _id: `jr_hist_${n}`,
    name,
    tick: ts,
    instance_id: "bench",
    manual: false,
    started_at: ts,
    finished_at: ts,
    duration_ms: 1200,
    outcome: "ok",
    counts: {},
    cost_usd: 0,
    error: null,
  };
}

interface Query {
  name: string;
  run: () => Promise<unknown>;
  explain: () => Promise<Document>;
}

/** Exactly the reads `healthz` makes (src/liveness/healthz.ts) when its scheduler is beating. */
function healthzQueries(): Query[] {
  const jobStatus = db.collection(JOB_STATUS_COLLECTION);
  const heartbeats = db.collection(HEARTBEATS_COLLECTION);
  return [
    { name: "healthz: ping", run: () => db.command({ ping: 1 }), explain: () => Promise.resolve({}) },
    {
      name: "healthz: scheduler_heartbeats by _id (carries provider progress)",
      run: () => heartbeats.findOne({ _id: "bench" } as Document),
      explain: () => heartbeats.find({ _id: "bench" } as Document).explain(),
    },
    {
      name: "healthz: job_status, one document per job",
      run: () => jobStatus.find().sort({ _id: 1 }).toArray(),
      explain: () => jobStatus.find().sort({ _id: 1 }).explain(),
    },
  ];
}

/** The reads of the progress refresh the scheduler's heartbeat makes about once a minute (src/liveness/progress.ts). */
function backgroundQueries(): Query[] {
  const status = db.collection<ModelSignalDoc>("model_signals");
  const models = db.collection("models");
  return [
    {
      name: "background: model_signals, last success per model",
      run: () => status.find({}, { projection: { provider: 1, last_success_at: 1 } }).toArray(),
      explain: () => status.find({}, { projection: { provider: 1, last_success_at: 1 } }).explain(),
    },
    {
      name: "background: models, enabled ones",
      run: () => repos.models.find({ enabled: true }),
      explain: () => models.find({ enabled: true }).sort({ provider: 1, model_id: 1 }).explain(),
    },
    {
      name: "background: provider_state",
      run: () => repos.operatorState.providerStates(),
      explain: () => db.collection("provider_state").find({}).explain(),
    },
  ];
}

async function timeQuery(
  name: string,
  run: () => Promise<unknown>,
): Promise<{ query: string; p50_ms: number; p95_ms: number; max_ms: number }> {
  await run(); // warm the connection and caches
  const times: number[] = [];
  for (let k = 0; k < iterations; k++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
  return { query: name, p50_ms: at(0.5), p95_ms: at(0.95), max_ms: at(1) };
}

/** One line from explain(): the winning plan on MongoDB; the SQLite plan and pushdown flags on FerretDB. */
async function planOf(explain: () => Promise<Document>): Promise<string> {
  const ex = await explain();
  const planner = ex["queryPlanner"] as Document | undefined;
  if (!planner) return "";
  if (Array.isArray(planner["Plan"])) {
    return `${(planner["Plan"] as string[]).map((p) => p.replace(/^id=\d+ parent=\d+ notused=\d+ detail=/, "")).join("; ")}; filter pushdown ${String(ex["filterPushdown"])}`;
  }
  const stages: string[] = [];
  let stage = planner["winningPlan"] as Document | undefined;
  while (stage) {
    stages.push(`${String(stage["stage"])}${stage["indexName"] ? `(${String(stage["indexName"])})` : ""}`);
    stage = stage["inputStage"] as Document | undefined;
  }
  return stages.join(" <- ");
}

/** What the earlier liveness probe did: the newest metric of a provider, sorted, over all history. */
async function timeNaive(): Promise<{ query: string; ms: number | null; note: string; plan: string }> {
  const metrics = db.collection("metrics_cloud_v2");
  const query = "metrics_cloud_v2: newest metric of one provider, sorted by (gen_ts, run_ts)";
  const cursor = (): ReturnType<typeof metrics.find> =>
    metrics.find({ provider: "groq" }).sort({ gen_ts: -1, run_ts: -1 }).limit(1).maxTimeMS(30_000);
  const plan = await planOf(() => cursor().explain());
  const t0 = performance.now();
  try {
    await cursor().toArray();
    return { query, ms: Math.round(performance.now() - t0), note: "", plan };
  } catch (e) {
    const timedOut = /time limit|timed out|MaxTimeMS/i.test((e as Error).message);
    return {
      query,
      ms: null,
      note: timedOut
        ? "more than 30,000 ms (stopped by maxTimeMS)"
        : `failed: ${(e as Error).message.slice(0, 80)}`,
      plan,
    };
  }
}

function print(r: {
  engine: string;
  seeded: Awaited<ReturnType<typeof seedHistory>>;
  fleet: { providers: number; models: number; jobs: number };
  rows: { query: string; p50_ms: number; p95_ms: number; max_ms: number; plan: string }[];
  naive: Awaited<ReturnType<typeof timeNaive>>;
}): void {
  const fmt = (n: number): string => n.toLocaleString("en-US");
  const by = Object.entries(r.seeded.byCollection)
    .map(([c, n]) => `${c} ${fmt(n)}`)
    .join(", ");
  const lines = [
    `bench:health on ${r.engine}`,
    `history: ${fmt(r.seeded.documents)} documents seeded in ${r.seeded.seconds} s (${by}); target ${fmt(r.seeded.target)}`,
    `fleet: ${r.fleet.providers} providers, ${fmt(r.fleet.models)} models, ${r.fleet.jobs} jobs; ${iterations} timed runs per query`,
    "",
    table(
      r.rows.map((row) =>
        row.query === "" ? { query: "", p50_ms: "", p95_ms: "", max_ms: "", plan: "" } : { ...row },
      ),
    ),
    "",
    `for contrast, ${r.naive.query}: ${r.naive.ms === null ? r.naive.note : `${fmt(r.naive.ms)} ms`} (plan: ${r.naive.plan})`,
  ];
  process.stdout.write(lines.join("\n") + "\n");
}
