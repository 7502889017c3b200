/**
 * The benchmark sweep's scheduling overhead: 500 models over the fake providers with known
 * latencies and per-provider concurrency, one full pass through `runSweep` (claims, re-checks,
 * measurement, storage through recordSuccess, spend ledger), against the ideal lane schedule.
 *
 *   npm run bench:sweep [-- --json]
 *
 * The ideal: each provider's lane runs its models `concurrency` at a time, each run lasting
 * exactly the fake's scripted time (first chunk at TTFT, then one chunk per gap), with zero
 * overhead; the pass ends with the slowest lane, so ideal = max over lanes of
 * ceil(models / concurrency) × run time. Everything above it is ours: the plan read, the claim
 * insert, the re-check, the database writes of each run, HTTP and parsing. Target: within 10 %.
 * Client CPU per run is this process's user+system CPU over the pass divided by the runs (the
 * database and the fake providers are other processes).
 *
 * Per lane it also shows where the excess goes, from the start and end of every stream as the
 * adapter sees them: the first call's start (the plan read and first claims), the mean stream
 * time over the scripted one (HTTP and parsing), and the mean gap between one run's end and the
 * start of the run that took its slot (claiming and storing, when they are on the critical path).
 *
 * Uses MONGODB_URI when set (a throw-away database on it), else FerretDB 1.24 started here.
 */
import { runSweep } from "../src/benchmark/sweep.js";
import { createStreamAdapter } from "../src/providers/stream/factory.js";
import { table } from "../src/cli/output.js";
import { loadConfig } from "../src/config/config.js";
import { silentLogger } from "../src/logger.js";
import type { ModelDoc } from "../src/storage/documents.js";
import { connectMongo } from "../src/storage/mongo.js";
import { createRepositories, ensureIndexes } from "../src/storage/repositories.js";
import { startFakeProviders } from "../test/helpers/fake-providers/client.js";
import { benchArgs, openBenchDatabase } from "./support.js";

const { json: asJson, log } = benchArgs({ quietWithJson: true });

/** 32 chunks of 2 tokens: 64 tokens, valid under story-64-v1 (the ±10 % band). */
const LANES = [
  { provider: "openai", models: 100, concurrency: 8, ttft: 400, gap: 20 },
  { provider: "anthropic", models: 100, concurrency: 10, ttft: 600, gap: 15 },
  { provider: "groq", models: 100, concurrency: 4, ttft: 100, gap: 5 },
  { provider: "together", models: 100, concurrency: 10, ttft: 300, gap: 25 },
  { provider: "deepinfra", models: 100, concurrency: 8, ttft: 500, gap: 20 },
] as const;
const CHUNKS = 32;
const runMs = (l: (typeof LANES)[number]) => l.ttft + (CHUNKS - 1) * l.gap;
const idealLaneMs = (l: (typeof LANES)[number]) => Math.ceil(l.models / l.concurrency) * runMs(l);

const database = await openBenchDatabase("bench-sweep-db-", loadConfig(process.env).mongodb.uri);
const { uri, engine } = database;
const fake = await startFakeProviders();
log(`${engine} at ${uri}; fake providers at ${fake.baseUrl}`);
const total = LANES.reduce((n, l) => n + l.models, 0);
const config = {
  ...loadConfig({
    ...process.env,
    MONGODB_URI: uri,
    MONGODB_DB: `bench_sweep_${Date.now()}`,
    BENCH_PROFILE: "story-64-v1",
    BENCH_PASS_CAP: String(total),
    BENCH_PROVIDER_CONCURRENCY: JSON.stringify(
      Object.fromEntries(LANES.map((l) => [l.provider, l.concurrency])),
    ),
  }),
  providers: fake.config.providers,
  bedrock: fake.config.bedrock,
};
const client = await connectMongo(uri, { serverSelectionTimeoutMS: 10_000 });
const db = client.db(config.mongodb.db);
const repos = createRepositories(db, config.collections);

try {
  await ensureIndexes(repos);
  const models: ModelDoc[] = LANES.flatMap((l) =>
    Array.from({ length: l.models }, (_, i) => ({
      provider: l.provider,
      model_id: `steady-${l.ttft}-${l.gap}-${CHUNKS}-2~${l.provider}${i}`,
      enabled: true,
      created_at: new Date(),
    })),
  );
  await repos.models.insertMany(models);
  log(`${models.length} models in ${LANES.length} lanes; running one pass...`);

  const laneEnd = new Map<string, number>();
  const spans = new Map<string, { start: number; end: number }[]>();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await runSweep(
    { config, logger: silentLogger, repos, clock: () => new Date() },
    {
      holder: "bench",
      // The sweep's own adapters, timed: every stream's start and end, as the lane sees them.
      adapterFor: (provider) => {
        const real = createStreamAdapter(provider, config);
        return {
          provider: real.provider,
          requestMode: (metadata) => real.requestMode(metadata),
          async *stream(request, ctx) {
            const start = performance.now() - t0;
            yield* real.stream(request, ctx);
            spans.set(provider, [...(spans.get(provider) ?? []), { start, end: performance.now() - t0 }]);
          },
        };
      },
      onEvent: (e) => {
        if (e.type === "run") laneEnd.set(e.provider, performance.now() - t0);
      },
    },
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const runs = result.counts.measured + result.counts.failed;
  const idealMs = Math.max(...LANES.map(idealLaneMs));
  const out = {
    engine,
    models: total,
    measured: result.counts.measured,
    failed: result.counts.failed,
    wall_ms: Math.round(wallMs),
    ideal_ms: idealMs,
    over_ideal_pct: Math.round(((wallMs - idealMs) / idealMs) * 1000) / 10,
    client_cpu_ms_per_run: runs > 0 ? Math.round(((cpu.user + cpu.system) / 1000 / runs) * 100) / 100 : null,
    lanes: LANES.map((l) => ({
      provider: l.provider,
      models: l.models,
      concurrency: l.concurrency,
      run_ms: runMs(l),
      ideal_ms: idealLaneMs(l),
      actual_ms: Math.round(laneEnd.get(l.provider) ?? 0),
      over_pct: Math.round((((laneEnd.get(l.provider) ?? 0) - idealLaneMs(l)) / idealLaneMs(l)) * 1000) / 10,
      ...laneTimings(spans.get(l.provider) ?? [], l.concurrency, runMs(l)),
    })),
  };
  if (asJson) {
    process.stdout.write(JSON.stringify(out) + "\n");
  } else {
    process.stdout.write(
      [
        `benchmark sweep: ${out.models} models, ${out.measured} measured, ${out.failed} failed (${engine})`,
        "",
        table(out.lanes),
        "",
        `wall ${out.wall_ms} ms vs ideal ${out.ideal_ms} ms: ${out.over_ideal_pct} % over (target ≤ 10 %)`,
        `client CPU per run: ${out.client_cpu_ms_per_run} ms`,
      ].join("\n") + "\n",
    );
  }
} finally {
  await db.dropDatabase().catch(() => {});
  await client.close();
  await fake.stop();
  await database.stop();
}

/**
 * The slots of a lane run in lockstep (every run has the same scripted length), so the k-th
 * earliest start after the first round took the slot of the k-th earliest end.
 */
function laneTimings(spans: { start: number; end: number }[], concurrency: number, scriptedMs: number) {
  const starts = spans.map((s) => s.start).sort((a, b) => a - b);
  const ends = spans.map((s) => s.end).sort((a, b) => a - b);
  const gaps = starts.slice(concurrency).map((s, i) => s - ends[i]!);
  const mean = (xs: number[]) =>
    xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;
  return {
    first_call_ms: starts.length ? Math.round(starts[0]!) : null,
    stream_over_ms: mean(spans.map((s) => s.end - s.start - scriptedMs)),
    gap_mean_ms: mean(gaps),
    gap_max_ms: gaps.length ? Math.round(Math.max(...gaps)) : null,
  };
}
