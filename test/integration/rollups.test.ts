import { describe, expect, it } from "vitest";
import { fleetOverview } from "../../src/fleet/overview.js";
import { backfillSignals } from "../../src/signals/backfill.js";
import { window24hStart } from "../../src/signals/read.js";
import { recordError, recordSuccess } from "../../src/signals/record.js";
import type { ErrorDoc, MetricDoc } from "../../src/storage/documents.js";
import type { Repositories } from "../../src/storage/repositories.js";
import type { SpendEntry } from "../../src/storage/spend-repository.js";
import { kindFromStored } from "../../src/taxonomy/legacy.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * The read surfaces answer from rollups (hour counters in the per-model day buckets, spend per
 * day); these tests seed raw history through the live writers and as another runner would leave
 * it (then `signals backfill`), and compare every rollup answer with a raw aggregation of the
 * same documents.
 */

const H = 3_600_000;
const NOW = new Date("2026-11-20T12:30:00Z");
const at = (hoursAgo: number): Date => new Date(NOW.getTime() - hoursAgo * H);

function metric(provider: string, model: string, ts: Date): MetricDoc {
  return {
    provider,
    model_name: model,
    run_ts: ts,
    gen_ts: ts,
    requested_tokens: 64,
    output_tokens: 64,
    generate_time: 0.8,
    tokens_per_second: 80,
    time_to_first_token: 0.4,
    times_between_tokens: [0.01],
  };
}

const MESSAGES = [
  { message: "Error code: 404 - model `m` does not exist", http_status: 404 },
  { message: "Error code: 429 - rate limit reached, retry later", http_status: 429 },
  { message: "Error code: 401 - invalid api key", http_status: 401 },
];

/** 40 hours of runs for 3 providers x 3 models: half written live, half left raw (another runner). */
async function seed(repos: Repositories): Promise<void> {
  const rawMetrics: MetricDoc[] = [];
  const rawErrors: ErrorDoc[] = [];
  let i = 0;
  for (const provider of ["openai", "groq", "together"]) {
    for (const model of ["a", "b.v1", "c"]) {
      for (let h = 40; h >= 0; h -= 0.75) {
        i++;
        const live = i % 2 === 0;
        if (i % 3 === 0) {
          const m = MESSAGES[i % MESSAGES.length]!;
          const err = { provider, model_name: model, ts: at(h), stage: "generate" as const, ...m };
          if (live) await recordError(repos, err, NOW);
          // The earlier runner's shapes: no kind, or a legacy kind, and an ISO-string time.
          else
            rawErrors.push({
              ...err,
              ts: at(h).toISOString() as unknown as Date,
              ...(i % 4 === 0 ? { error_kind: "hard_model" } : {}),
            } as ErrorDoc);
        } else if (live) await recordSuccess(repos, metric(provider, model, at(h)), NOW);
        else rawMetrics.push(metric(provider, model, at(h)));
      }
    }
  }
  await repos.metrics.insertMany(rawMetrics);
  await repos.errors.insertMany(rawErrors);
  await repos.models.insertMany([
    { provider: "openai", model_id: "a", enabled: true, created_at: NOW },
    { provider: "groq", model_id: "b.v1", enabled: false, created_at: NOW },
  ]);
}

/** The overview's figures taken straight from the raw collections over the same window. */
async function rawWindow(repos: Repositories) {
  const since = window24hStart(NOW);
  const until = new Date(NOW.getTime() + 1);
  const successes = new Map(
    (await repos.metrics.countByProvider(since, until)).map((r) => [r.provider, r.n]),
  );
  const errors = new Map<string, number>();
  for (const r of await repos.errors.countByProviderAndKind(since, until)) {
    errors.set(r.provider, (errors.get(r.provider) ?? 0) + r.n);
  }
  // Kinds as the signals record them: each raw document classified as it is read.
  const byKind = new Map<string, number>();
  for (const doc of await repos.errors.find({})) {
    if (doc.ts < since || doc.ts > NOW) continue;
    const { kind } = kindFromStored(doc);
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  return { successes, errors, byKind };
}

describe("rollups read by the overview", () => {
  it("equal a raw aggregation of the history, written live and by the backfill, and stay so on a second backfill", async () => {
    const { repos, db } = await openTestDatabase("rollups-overview");
    await seed(repos);
    const first = await backfillSignals(repos, { now: NOW });
    expect(first.metricsRead + first.errorsRead).toBeGreaterThan(100);

    const raw = await rawWindow(repos);
    const overview = await fleetOverview(repos, NOW);
    expect(overview.since).toEqual(new Date("2026-11-19T13:00:00Z"));
    for (const p of overview.providers) {
      expect([p.provider, p.successes_24h, p.errors_24h]).toEqual([
        p.provider,
        raw.successes.get(p.provider) ?? 0,
        raw.errors.get(p.provider) ?? 0,
      ]);
    }
    expect(overview.providers.map((p) => p.provider)).toEqual(["groq", "openai", "together"]);
    expect(overview.totals.successes_24h).toBeGreaterThan(50);
    expect(overview.totals.errors_24h).toBeGreaterThan(20);
    expect(new Map(overview.errors_by_kind.map((k) => [k.kind, k.count]))).toEqual(raw.byKind);
    // The catalog part: two models in the catalog, the rest only have history.
    expect(overview.totals).toMatchObject({ models: 2, enabled: 1 });

    // Idempotent: a second backfill reads nothing new and changes no answer; neither does a
    // rebuild of the hour rollup from the day buckets, nor reading before it is built.
    const second = await backfillSignals(repos, { now: NOW });
    expect(second.metricsRead + second.errorsRead).toBe(0);
    expect(second.rollupsRebuilt).toEqual({ fleetHours: 0, spendDays: 0 });
    expect(await fleetOverview(repos, NOW)).toEqual(overview);
    const rebuilt = await backfillSignals(repos, { now: NOW, rebuildRollups: true });
    expect(rebuilt.rollupsRebuilt.fleetHours).toBeGreaterThanOrEqual(41);
    expect(await fleetOverview(repos, NOW)).toEqual(overview);
    await db.collection("fleet_hours").drop();
    expect(await repos.signals.fleetHours.isComplete()).toBe(false);
    expect(await fleetOverview(repos, NOW)).toEqual(overview);
  }, 120_000);

  it("counts every one of many concurrent live writes of one hour", async () => {
    const { repos } = await openTestDatabase("rollups-concurrent");
    await repos.signals.ensureIndexes();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        i % 4 === 0
          ? recordError(
              repos,
              { provider: "groq", model_name: `m${i}`, ts: at(0.1), stage: "generate", ...MESSAGES[0]! },
              NOW,
            )
          : recordSuccess(repos, metric("groq", `m${i}`, at(0.1)), NOW),
      ),
    );
    const overview = await fleetOverview(repos, NOW);
    expect(overview.providers.map((p) => [p.provider, p.successes_24h, p.errors_24h])).toEqual([
      ["groq", 18, 6],
    ]);
  }, 60_000);
});

describe("the spend rollup", () => {
  const entry = (over: Partial<SpendEntry>): SpendEntry => ({
    at: NOW,
    category: "benchmark",
    purpose: "benchmark_run",
    runId: "r",
    backend: "openai",
    model: "m",
    inputTokens: 10,
    outputTokens: 20,
    costUsd: 0.25,
    usageSource: "provider",
    latencyMs: 100,
    ok: true,
    ...over,
  });

  it("is kept by the ledger's writes, equals the ledger's own sums, and rebuilds to the same figures", async () => {
    const { repos } = await openTestDatabase("rollups-spend");
    await repos.spend.ensureIndexes();
    const writes: Promise<void>[] = [];
    // Concurrent writes of one day, as a sweep's lanes make them: none may be lost.
    for (let i = 0; i < 30; i++) {
      writes.push(
        repos.spend.record(
          entry({
            at: at(i % 3 === 0 ? 20 : 1),
            backend: i % 2 === 0 ? "openai" : "fireworks.ai",
            costUsd: 0.125 * (1 + (i % 4)),
            ok: i % 5 !== 0,
            ...(i % 7 === 0 ? { priceKnown: false } : {}),
          }),
        ),
      );
    }
    writes.push(repos.spend.record(entry({ category: "operator", at: at(2), costUsd: 0.5, runId: "op1" })));
    await Promise.all(writes);

    const days = ["2026-11-20", "2026-11-19"];
    const rolled = await repos.spend.dayTotals("benchmark", days);
    for (const day of days) {
      const ledger = await repos.spend.spentToday("benchmark", new Date(`${day}T12:00:00Z`));
      expect(rolled.get(day)?.usd).toBeCloseTo(ledger, 9);
    }
    const today = rolled.get("2026-11-20")!;
    expect(today.runs).toBe(20);
    expect([...today.by.keys()].sort()).toEqual(["fireworks.ai", "openai"]);
    expect(today.by.get("fireworks.ai")!.runs).toBe(10);
    const ops = await repos.spend.dayTotals("operator", ["2026-11-20"]);
    expect(ops.get("2026-11-20")?.calls.map((c) => c.run_id)).toEqual(["op1"]);

    // A rebuild from the ledger (what `signals backfill` does for a ledger older than the rollup)
    // gives the same figures, twice.
    expect(await repos.spend.rebuildDays()).toBe(3);
    expect(await repos.spend.dayTotals("benchmark", days)).toEqual(rolled);
    await repos.spend.rebuildDays();
    expect(await repos.spend.dayTotals("benchmark", days)).toEqual(rolled);
  }, 60_000);
});
