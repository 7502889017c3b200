import type { Db } from "mongodb";
import { describe, expect, it } from "vitest";
import { backfillSignals } from "../../src/signals/backfill.js";
import { buildErrorDoc, recordErrorDoc, recordSuccess } from "../../src/signals/record.js";
import type { ErrorDoc, MetricDoc } from "../../src/storage/documents.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * The backfill's one pass (unsorted reads, one write of the fold, bulk updates of existing
 * documents) against the live writers and against itself, on FerretDB.
 */

const H = 3_600_000;
const NOW = new Date("2026-11-20T12:30:00Z");
const at = (hoursAgo: number): Date => new Date(NOW.getTime() - hoursAgo * H);

const MESSAGES = [
  { message: "Error code: 404 - model `m` does not exist", http_status: 404 },
  { message: "Error code: 429 - rate limit reached, retry later", http_status: 429 },
  { message: "Error code: 503 - service overloaded", http_status: 503 },
];

type Run = { kind: "metric"; doc: MetricDoc } | { kind: "error"; doc: ErrorDoc };

/**
 * `models` models of two providers, a run every `stepHours` over `hours` hours, oldest first;
 * every third run fails, and each model's newest runs differ (a streak, a success, an error).
 */
function history(models: number, hours: number, stepHours: number, prefix = "m"): Run[] {
  const runs: Run[] = [];
  for (let h = hours; h >= 0; h -= stepHours) {
    for (let m = 0; m < models; m++) {
      const provider = m % 2 === 0 ? "openai" : "groq";
      const model = `${prefix}${m}.v1`;
      const ts = at(h + m / 100);
      const failing = (Math.round(h / stepHours) + m) % 3 === 0 || (m % 4 === 0 && h < 6);
      if (failing) {
        const msg = MESSAGES[(m + Math.round(h)) % MESSAGES.length]!;
        runs.push({
          kind: "error",
          doc: buildErrorDoc({ provider, model_name: model, ts, stage: "generate", ...msg }),
        });
      } else {
        runs.push({ kind: "metric", doc: metric(provider, model, ts, 0.25 + (m % 7) / 8, 40 + (h % 50)) });
      }
    }
  }
  return runs;
}

function metric(provider: string, model: string, ts: Date, ttft: number, tps: number): MetricDoc {
  return {
    provider,
    model_name: model,
    run_ts: ts,
    gen_ts: ts,
    requested_tokens: 64,
    output_tokens: 64,
    generate_time: 64 / tps,
    tokens_per_second: tps,
    time_to_first_token: ttft,
    times_between_tokens: [0.01, 0.012],
  };
}

/** Stores runs as another runner would: raw documents, no signals; newest first, to shuffle ids. */
async function storeRaw(repos: Awaited<ReturnType<typeof openTestDatabase>>["repos"], runs: Run[]) {
  const reversed = [...runs].reverse();
  await repos.metrics.insertMany(reversed.flatMap((r) => (r.kind === "metric" ? [{ ...r.doc }] : [])));
  await repos.errors.insertMany(reversed.flatMap((r) => (r.kind === "error" ? [{ ...r.doc }] : [])));
}

/** Every signals document and fleet hour, `updated_at` (when it was written) left out. */
async function signalsOf(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of ["model_signals", "model_signal_days", "fleet_hours"]) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    out[name] = docs.map(({ updated_at: _u, ...rest }) => rest);
  }
  return out;
}

describe("signals backfill", () => {
  it("stores exactly what the live writers store for the same runs", async () => {
    const live = await openTestDatabase("backfill-live");
    const raw = await openTestDatabase("backfill-raw");
    const runs = history(6, 60, 1.5);
    for (const r of runs) {
      if (r.kind === "metric") await recordSuccess(live.repos, { ...r.doc }, NOW);
      else await recordErrorDoc(live.repos, { ...r.doc }, NOW);
    }
    await storeRaw(raw.repos, runs);

    const report = await backfillSignals(raw.repos, { now: NOW });
    expect(report.metricsRead + report.errorsRead).toBe(runs.length);
    expect(report.flushes).toBe(1);
    const fromLive = await signalsOf(live.db);
    expect(fromLive["model_signals"]).toHaveLength(6);
    expect(fromLive["model_signal_days"]!.length).toBeGreaterThan(12);
    expect(await signalsOf(raw.db)).toEqual(fromLive);
  }, 300_000);

  it("folds new documents into existing ones across several scan batches and bulk chunks, equal to one pass over all, and a second run changes nothing", async () => {
    const steps = await openTestDatabase("backfill-steps");
    const once = await openTestDatabase("backfill-once");
    // 40 models x 161 runs (6,440 documents), then 40 models x 61 newer runs (2,440) that touch
    // every status document and the newest day buckets written first: updates in bulks of 20.
    const older = history(40, 120, 0.75).map((r) => shift(r, 30));
    const newer = history(40, 30, 0.5);
    await storeRaw(steps.repos, older);
    await backfillSignals(steps.repos, { now: NOW });
    await storeRaw(steps.repos, newer);
    const second = await backfillSignals(steps.repos, { now: NOW });
    expect(second.metricsRead + second.errorsRead).toBe(newer.length);
    expect(second.modelsTouched).toBe(40);

    await storeRaw(once.repos, [...older, ...newer]);
    // A scan batch is 5,000 documents: this pass reads the metrics in two.
    const all = await backfillSignals(once.repos, { now: NOW });
    expect(all.metricsRead).toBeGreaterThan(5_000);
    const expected = await signalsOf(once.db);
    expect(await signalsOf(steps.db)).toEqual(expected);

    const again = await backfillSignals(steps.repos, { now: NOW });
    expect(again).toMatchObject({ metricsRead: 0, errorsRead: 0, modelsTouched: 0 });
    expect(await signalsOf(steps.db)).toEqual(expected);
  }, 600_000);
});

/** The same run `hours` earlier. */
function shift(r: Run, hours: number): Run {
  if (r.kind === "metric") {
    const ts = new Date(r.doc.gen_ts.getTime() - hours * H);
    return { kind: "metric", doc: { ...r.doc, gen_ts: ts, run_ts: ts } };
  }
  return { kind: "error", doc: { ...r.doc, ts: new Date(r.doc.ts.getTime() - hours * H) } };
}
