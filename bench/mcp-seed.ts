/**
 * The fleet `npm run bench:mcp` reads (bench/mcp.ts): the catalog, signals, situations,
 * decisions and spend of a fleet of models, and raw history (`metrics_cloud_v2`, `errors_cloud`)
 * topped up to a given size with insertMany in big batches, to show that no read's cost grows
 * with it.
 */
import { readFileSync } from "node:fs";
import type { Db } from "mongodb";
import { openRouterEntry } from "../src/catalog/discovery/run.js";
import { recordError } from "../src/signals/record.js";
import type { DecisionDoc } from "../src/storage/decisions-repository.js";
import { rebuildPackedCopies } from "../src/storage/packed-copies.js";
import type { ErrorDoc, MetricDoc } from "../src/storage/documents.js";
import type { Repositories } from "../src/storage/repositories.js";
import type { ModelSignalDoc } from "../src/storage/signals-repository.js";

export const PROVIDERS = [
  "openai",
  "anthropic",
  "groq",
  "together",
  "fireworks",
  "deepinfra",
  "cerebras",
  "mistral",
  "openrouter",
  "bedrock",
];
const HOUR = 3_600_000;

export interface BenchFleet {
  failing: string[][];
  healthy: string[][];
  decisions: string[];
}

/**
 * The fleet: every model in the catalog, 60% with a recent success (status documents written
 * directly, as the signal writers keep them), 90 models failing with recordError (hard 404s,
 * rate limits, bad keys) so there are situations, and the OpenRouter snapshot as the catalog to
 * search. Bounded: 90 writes through the real error path (each is several updates on FerretDB).
 */
export async function seedFleet(
  db: Db,
  repos: Repositories,
  now: Date,
  MODELS: number,
  packs = true,
): Promise<BenchFleet> {
  const models = Array.from({ length: MODELS }, (_, i) => ({
    provider: PROVIDERS[i % PROVIDERS.length]!,
    model_id: `model-${String(i).padStart(5, "0")}`,
    enabled: i % 20 !== 0,
    created_at: new Date(now.getTime() - 90 * 24 * HOUR),
  }));
  await repos.models.insertMany(models);
  const healthy = models.filter((_, i) => i % 5 !== 0 && i % 20 !== 0);
  const statuses: ModelSignalDoc[] = healthy.slice(0, Math.floor(MODELS * 0.6)).map((m, i) => ({
    _id: `${m.provider}:${m.model_id}`,
    provider: m.provider,
    model_id: m.model_id,
    last_success_at: new Date(now.getTime() - ((i % 12) + 1) * HOUR),
    successes_total: 10,
    consecutive_failures: 0,
    last_ttft: 0.4,
    last_tokens_per_second: 80,
    updated_at: now,
  }));
  for (let i = 0; i < statuses.length; i += 1000)
    await db.collection<ModelSignalDoc>("model_signals").insertMany(statuses.slice(i, i + 1000));
  // Spread over the whole catalog: on FerretDB a filter read stops at its first match, so models
  // taken from the start of the collection would flatter any read that is not by _id.
  const candidates = models.filter((_, i) => i % 5 === 0 && i % 20 !== 0);
  const failing = spread(candidates, 90);
  for (const [i, m] of failing.entries()) {
    const [message, status] =
      i % 3 === 0
        ? [
            `Error code: 404 - The model \`${m.model_id}\` does not exist or you do not have access to it.`,
            404,
          ]
        : i % 3 === 1
          ? ["429 Too Many Requests: rate limit reached for requests per minute", 429]
          : ["401 Unauthorized: invalid API key provided", 401];
    await recordError(
      repos,
      {
        provider: m.provider,
        model_name: m.model_id,
        ts: new Date(now.getTime() - 60 * HOUR),
        stage: "generate",
        message,
        http_status: status,
      },
      now,
    );
  }
  const snapshot = JSON.parse(
    readFileSync(new URL("../data/catalog/openrouter-models-2026-06-06.json", import.meta.url), "utf8"),
  ) as {
    data: Record<string, unknown>[];
  };
  const entries = snapshot.data.map((raw) =>
    openRouterEntry({
      modelId: String(raw["id"]),
      name: typeof raw["name"] === "string" ? raw["name"] : null,
      raw,
    }),
  );
  await repos.openrouterCatalog.upsertManySeen(entries, now);
  const decisions = await seedDecisions(repos, failing, now);
  // The packed copies of the models and statuses (src/storage/packed-rows.ts) are kept by the
  // writers; the seed wrote around them (insertMany, raw status documents), so build them once,
  // as `signals backfill` does. `--no-packs` leaves them missing: the first read builds them.
  if (packs) await rebuildPackedCopies(repos);
  // A day of benchmark spend and a few operator calls, through the ledger's own writes.
  for (let i = 0; i < 200; i++) {
    const m = failing[i % failing.length]!;
    await repos.spend.record({
      at: new Date(now.getTime() - (i % 24) * HOUR),
      category: i % 20 === 0 ? "operator" : "benchmark",
      purpose: i % 20 === 0 ? "operator_decision" : "benchmark_run",
      runId: `bench-${i}`,
      backend: m.provider,
      model: m.model_id,
      inputTokens: 100,
      outputTokens: 200,
      costUsd: 0.001 * (1 + (i % 5)),
      usageSource: "provider",
      latencyMs: 500,
      ok: i % 7 !== 0,
    });
  }
  return {
    failing: failing.map((m) => [m.provider, m.model_id]),
    healthy: spread(healthy, 500).map((m) => [m.provider, m.model_id]),
    decisions,
  };
}

/** 300 decisions (a third pending) on the failing models, inserted as the decision store keeps them. */
async function seedDecisions(
  repos: Repositories,
  failing: { provider: string; model_id: string }[],
  now: Date,
): Promise<string[]> {
  const statuses = ["pending", "executed", "rejected"] as const;
  const docs: DecisionDoc[] = Array.from({ length: 300 }, (_, i) => {
    const m = failing[i % failing.length]!;
    const created = new Date(now.getTime() - (300 - i) * HOUR);
    const status = statuses[i % 3]!;
    return {
      _id: `dec_${i.toString(16).padStart(16, "0")}`,
      action: "disable",
      targets: [{ provider: m.provider, model_id: m.model_id }],
      evidence: { kind: "model_not_found", failing_for_hours: 60 },
      confidence: 0.9,
      reasoning: "model_not_found for 60 hours (bench)",
      proposed_by: { kind: "classifier", name: "bench" },
      status,
      created_at: created,
      updated_at: created,
      expires_at: new Date(now.getTime() + 72 * HOUR),
      policy_version: 0,
      policy_verdict: { outcome: "needs_approval", reasons: ["bench"], approver_roles: ["admin"] },
      history: [{ at: created, status, by: "bench" }],
    };
  });
  await repos.decisions.insertMany(docs);
  return docs.map((d) => d._id);
}

/**
 * Tops the raw history up from `have` to `total` documents (nine metrics to one error over 30
 * days of the fleet's models) in insertMany batches of 20,000. They carry `signals_at`, as our
 * writers leave them: history the reads must not scan. Returns the seconds it took.
 */
export async function seedHistory(
  repos: Repositories,
  range: { have: number; total: number; models: number },
  now: Date,
  log: (line: string) => void,
): Promise<number> {
  const started = performance.now();
  for (let n = range.have; n < range.total;) {
    const size = Math.min(20_000, range.total - n);
    const metrics: MetricDoc[] = [];
    const errors: ErrorDoc[] = [];
    for (let i = n; i < n + size; i++) {
      const provider = PROVIDERS[i % PROVIDERS.length]!;
      const model_name = `model-${String(i % range.models).padStart(5, "0")}`;
      const ts = new Date(now.getTime() - (i % (30 * 24 * 60)) * 60_000);
      if (i % 10 === 9) {
        errors.push({
          ...{ provider, model_name, ts, stage: "generate", message: "429 Too Many Requests" },
          ...{ error_kind: "rate_limit", error_class: "transient", http_status: 429, signals_at: now },
        });
      } else {
        metrics.push({
          ...{ provider, model_name, run_ts: ts, gen_ts: ts, requested_tokens: 64, output_tokens: 64 },
          ...{ generate_time: 0.8, tokens_per_second: 80, time_to_first_token: 0.4 },
          ...{ times_between_tokens: [], signals_at: now },
        });
      }
    }
    await repos.metrics.insertMany(metrics);
    await repos.errors.insertMany(errors);
    n += size;
    if (n % 200_000 === 0 || n === range.total) log(`history: ${n} documents`);
  }
  return Math.round((performance.now() - started) / 100) / 10;
}

/** `count` items taken evenly from the whole of `items`. */
export function spread<T>(items: T[], count: number): T[] {
  const step = Math.max(1, items.length / count);
  return Array.from({ length: Math.min(count, items.length) }, (_, i) => items[Math.floor(i * step)]!);
}
