/**
 * Operator performance (issue: the operator core). For the 523-model demo fleet and a 5,000-model
 * fleet: LLM calls per run, prompt and completion tokens (o200k), run time excluding the LLM's own
 * latency, the tokens of a second run over the unchanged fleet; and the time to collect the
 * operator's signals as the raw history grows. A fake OpenAI-compatible server plays the LLM, so
 * its latency is known and excluded. Starts its own FerretDB unless MONGODB_URI is set.
 *
 *   npm run bench:operator [-- --json] [-- --large 5000] [-- --large-days 10] [-- --history 100000,500000]
 */
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { table } from "../src/cli/output.js";
import { loadConfig } from "../src/config/config.js";
import { seedDemoFleet } from "../src/demo/seed.js";
import { silentLogger } from "../src/logger.js";
import { runOperator } from "../src/operator/run.js";
import { createOperatorLlmChain } from "../src/providers/llm/index.js";
import { getFleetSignals } from "../src/signals/read.js";
import type { MetricDoc } from "../src/storage/documents.js";
import { connectMongo } from "../src/storage/mongo.js";
import { createRepositories, ensureIndexes } from "../src/storage/repositories.js";
import { answerEvery, startFakeLlmServer } from "../test/helpers/fake-llm-server.js";
import { benchArgs, openBenchDatabase } from "./support.js";

const { json, arg, log } = benchArgs();
const large = Number(arg("large", "5000"));
const largeDays = Number(arg("large-days", "10"));
const historySizes = arg("history", "100000,500000").split(",").map(Number);
const NOW = new Date("2026-11-20T12:00:00Z");

const database = await openBenchDatabase("bench-operator-", loadConfig(process.env).mongodb.uri);
const client = await connectMongo(database.uri);
const fake = await startFakeLlmServer(answerEvery("monitor", 0.7, "scripted"));

interface FleetFigures {
  fleet: string;
  models: number;
  situations: number;
  llm_calls: number;
  prompt_tokens_o200k: number;
  completion_tokens: number;
  run_ms_excluding_llm: number;
  backfill_ms: number;
  second_run_llm_calls: number;
  second_run_tokens: number;
  second_run_ms_excluding_llm: number;
}

async function fleetFigures(models: number, days: number): Promise<FleetFigures> {
  const name = `bench_operator_${models}`;
  const db = client.db(name);
  await db.dropDatabase();
  const config = loadConfig({
    MONGODB_DB: name,
    OPENAI_API_KEY: "sk-bench-000000",
    OPENAI_BASE_URL: fake.openaiBaseUrl,
    OPERATOR_LLM: "openai:gpt-bench",
    OPERATOR_LLM_PRICES: JSON.stringify({ "gpt-bench": { input: 1, output: 4 } }),
    OPERATOR_DAILY_BUDGET_USD: "100",
  });
  const repos = createRepositories(db, config.collections);
  await ensureIndexes(repos);
  log(`seeding ${models} models x ${days} days`);
  await seedDemoFleet(repos, { seed: 42, now: NOW, models, days, cadenceHours: 3 });
  const deps = { repos, config, logger: silentLogger, chain: createOperatorLlmChain(config) };
  const before = fake.requests.length;
  log(`operator run on ${models} models`);
  const first = await runOperator(deps, { now: NOW });
  const asked = fake.requests.slice(before);
  const second = await runOperator(deps, { now: new Date(NOW.getTime() + 60_000) });
  const t = first.run.timings;
  return {
    fleet: `${models} models, ${days} days`,
    models,
    situations: first.situations.length,
    llm_calls: asked.length,
    prompt_tokens_o200k: asked.reduce((n, r) => n + countTokens(r.system) + countTokens(r.user), 0),
    completion_tokens: first.run.llm.output_tokens,
    // Everything but the backfill of a freshly seeded history and the LLM round trip.
    run_ms_excluding_llm: first.run.duration_ms - (t["llm_ms"] ?? 0) - (t["backfill_ms"] ?? 0),
    backfill_ms: t["backfill_ms"] ?? 0,
    second_run_llm_calls: second.run.llm.calls,
    second_run_tokens: second.run.llm.input_tokens + second.run.llm.output_tokens,
    // The steady state: the same fleet a minute later, its (empty) backfill check included.
    second_run_ms_excluding_llm: second.run.duration_ms - (second.run.timings["llm_ms"] ?? 0),
  };
}

/**
 * Signal collection as the operator does it (every model's status document, no history), timed
 * while raw history documents are added to metrics_cloud_v2 (marked as already counted, so the
 * signals stay what they were: only the history grows).
 */
async function collectionFigures(): Promise<
  { history_docs: number; collect_ms_p50: number; collect_ms_max: number }[]
> {
  const name = `bench_operator_${large}`;
  const config = loadConfig({ MONGODB_DB: name });
  const repos = createRepositories(client.db(name), config.collections);
  const models = await repos.models.find({});
  const out: { history_docs: number; collect_ms_p50: number; collect_ms_max: number }[] = [];
  let total = await repos.metrics.count();
  for (const target of historySizes) {
    while (total < target) {
      const n = Math.min(10_000, target - total);
      const docs: MetricDoc[] = Array.from({ length: n }, (_, i) => {
        const m = models[(total + i) % models.length]!;
        const ts = new Date(NOW.getTime() - 40 * 86_400_000 - (total + i) * 1_000);
        return {
          provider: m.provider,
          model_name: m.model_id,
          run_ts: ts,
          gen_ts: ts,
          requested_tokens: 64,
          output_tokens: 64,
          generate_time: 1,
          tokens_per_second: 64,
          time_to_first_token: 0.3,
          times_between_tokens: [],
          signals_at: NOW,
        };
      });
      await repos.metrics.insertMany(docs);
      total += n;
    }
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await getFleetSignals(repos, NOW, { needBuckets: () => false });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out.push({
      history_docs: total,
      collect_ms_p50: Math.round(times[2]!),
      collect_ms_max: Math.round(times[4]!),
    });
    log(`collected signals with ${total} history documents`);
  }
  return out;
}

try {
  const fleets = [await fleetFigures(523, 30), await fleetFigures(large, largeDays)];
  const collection = await collectionFigures();
  const figures = {
    database: database.external ? "MONGODB_URI" : database.engine,
    fleets,
    signal_collection: collection,
  };
  if (json) {
    process.stdout.write(JSON.stringify(figures) + "\n");
  } else {
    process.stdout.write(
      `database: ${figures.database}\n\n${table(fleets as unknown as Record<string, unknown>[])}\n\n`,
    );
    process.stdout.write(
      `signal collection for ${large} models as the history grows:\n${table(collection)}\n`,
    );
  }
} finally {
  await fake.close();
  await client.close();
  await database.stop();
}
