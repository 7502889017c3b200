/**
 * The ingest API's server-side cost: a remote runner claims work and posts one result per claim
 * over real HTTP to the real server, on a real database (MONGODB_URI when set, else FerretDB 1.24
 * started here with a throw-away data directory). No provider is called: the results are
 * synthetic metrics, so the figures are the server's and the database's alone.
 *
 * Prints p50 and p95 latency of POST /runner/v1/work (per claim of 10) and POST /runner/v1/results
 * (first delivery, and a re-delivery answered from the receipt), and results stored per second
 * at 1 and 4 concurrent posters (half the models each; `--reverse` runs the 4-poster half first,
 * to tell concurrency from the cost of a growing database). `--json` prints one JSON object.
 *
 *   npm run bench:runner [-- --json] [-- --models 200] [-- --reverse]
 */
import { randomBytes } from "node:crypto";
import { createToken } from "../src/auth/tokens.js";
import { table } from "../src/cli/output.js";
import { loadConfig } from "../src/config/config.js";
import { silentLogger } from "../src/logger.js";
import { principalFor } from "../src/policy/principal.js";
import { INGEST_PATHS, type WireWorkItem, type WorkResponse } from "../src/runner/protocol.js";
import { scheduleWorkSource } from "../src/runner/schedule-source.js";
import { startHttpServer } from "../src/server/http.js";
import { connectMongo } from "../src/storage/mongo.js";
import { createRepositories, ensureIndexes } from "../src/storage/repositories.js";
import { benchArgs, openBenchDatabase } from "./support.js";

const { json, arg, flag, log } = benchArgs();
const MODELS = Number(arg("models", "200"));
const WIDTHS = flag("reverse") ? [4, 1] : [1, 4];

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(1));
}

async function main(): Promise<void> {
  // Only MONGODB_URI is read from the environment: the server below runs on its own config.
  const database = await openBenchDatabase("bench-runner-db-", process.env["MONGODB_URI"]);
  const { uri } = database;
  const name = `bench_runner_${randomBytes(3).toString("hex")}`;
  const config = loadConfig({ MONGODB_URI: uri, MONGODB_DB: name });
  const client = await connectMongo(uri);
  const repos = createRepositories(client.db(name), config.collections);
  await ensureIndexes(repos);
  try {
    await repos.models.insertMany(
      Array.from({ length: MODELS }, (_, n) => ({
        provider: "bedrock",
        model_id: `vendor.model-${String(n).padStart(4, "0")}-v1`,
        enabled: true,
        created_at: new Date("2026-01-01T00:00:00Z"),
        model_metadata: { benchmark_profile_id: "story-64-v1" },
      })),
    );
    const { token } = await createToken(
      repos.apiTokens,
      "bench",
      "runner",
      principalFor("root", "admin"),
      new Date(),
      ["bedrock"],
    );
    const server = await startHttpServer(
      { config, logger: silentLogger, repos, clock: () => new Date() },
      { host: "127.0.0.1", port: 0, readOnly: false, runnerWork: scheduleWorkSource(repos, config) },
    );
    const base = new URL(server.url).origin;
    const post = async (path: string, body: unknown): Promise<{ ms: number; body: unknown }> => {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const out = await res.json();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(out)}`);
      return { ms: performance.now() - t0, body: out };
    };
    const result = (item: WireWorkItem) => {
      const now = new Date().toISOString();
      return {
        item,
        result: {
          ok: true,
          metric: {
            provider: item.provider,
            model_name: item.model_id,
            run_ts: now,
            gen_ts: now,
            requested_tokens: 64,
            output_tokens: 64,
            generate_time: 1,
            tokens_per_second: 64,
            time_to_first_token: 0.2,
            times_between_tokens: Array.from({ length: 15 }, () => 0.05),
          },
        },
      };
    };

    const claimMs: number[] = [];
    const resultMs: number[] = [];
    const duplicateMs: number[] = [];
    const rates: Record<string, number> = {};
    let remaining = MODELS;
    for (const width of WIDTHS) {
      const share = width === WIDTHS[0] ? Math.floor(MODELS / 2) : remaining;
      const items: WireWorkItem[] = [];
      while (items.length < share) {
        const r = await post(INGEST_PATHS.work, {
          provider: "bedrock",
          limit: Math.min(10, share - items.length),
        });
        claimMs.push(r.ms);
        const got = (r.body as WorkResponse).items;
        if (got.length === 0) break;
        items.push(...got);
      }
      remaining -= items.length;
      log(`posting ${items.length} results with ${width} concurrent poster(s)`);
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: width }, async () => {
          while (next < items.length) {
            const item = items[next++]!;
            resultMs.push((await post(INGEST_PATHS.results, result(item))).ms);
          }
        }),
      );
      rates[`results_per_s_${width}`] = Number((items.length / ((performance.now() - t0) / 1000)).toFixed(1));
      for (const item of items.slice(0, 20))
        duplicateMs.push((await post(INGEST_PATHS.results, result(item))).ms);
    }
    await server.close();
    const stored = await repos.metrics.count({});
    const figures = {
      models: MODELS,
      stored_metrics: stored,
      claim10_ms: { p50: pct(claimMs, 50), p95: pct(claimMs, 95) },
      result_ms: { p50: pct(resultMs, 50), p95: pct(resultMs, 95) },
      redelivery_ms: { p50: pct(duplicateMs, 50), p95: pct(duplicateMs, 95) },
      ...rates,
    };
    if (json) {
      process.stdout.write(`${JSON.stringify(figures)}\n`);
    } else {
      process.stdout.write(
        table([
          { what: "POST work (claim 10)", p50_ms: figures.claim10_ms.p50, p95_ms: figures.claim10_ms.p95 },
          { what: "POST results (first)", p50_ms: figures.result_ms.p50, p95_ms: figures.result_ms.p95 },
          {
            what: "POST results (re-delivery)",
            p50_ms: figures.redelivery_ms.p50,
            p95_ms: figures.redelivery_ms.p95,
          },
        ]) +
          `\n${stored} metrics stored for ${MODELS} models; results/s: 1 poster ${rates["results_per_s_1"]}, 4 posters ${rates["results_per_s_4"]}\n`,
      );
    }
  } finally {
    await client
      .db(name)
      .dropDatabase()
      .catch(() => {});
    await client.close();
    await database.stop();
  }
}

await main();
