import type { AnyBulkWriteOperation, Document, ObjectId } from "mongodb";
import type { Logger } from "../logger.js";
import type { ErrorDoc, MetricDoc } from "../storage/documents.js";
import { normalizeError } from "../storage/errors-repository.js";
import { normalizeMetric } from "../storage/metrics-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { startOfDay } from "./apply.js";
import { errorEvent, successEvent } from "./record.js";
import { dayKey, hourKey, modelKey, type ModelSignalDoc, type SignalDayDoc } from "./signals-repository.js";

/**
 * Builds signals from raw `metrics_cloud_v2` and `errors_cloud` documents that any runner
 * wrote. Idempotent and resumable: a watermark per collection (the last `_id` read) is saved
 * after every batch, so a second run reads only new documents, and documents our own writers
 * already counted (`signals_at`) are skipped. Counters are folded per batch into bulk `$inc`
 * updates; the failure streak, which depends on order, is computed from an in-memory list of
 * the errors newer than each model's last success, so the order in which the two collections
 * are read does not matter within a run.
 */

export interface BackfillReport {
  metricsRead: number;
  errorsRead: number;
  alreadyCounted: number;
  modelsTouched: number;
  batches: number;
  durationMs: number;
}

interface StreakState {
  lastSuccess: number | null;
  errorsAfter: number[];
  seededStart: number | null;
  seededCount: number;
}

const WATERMARK = { metrics: "metrics_cloud", errors: "errors_cloud" } as const;

export async function backfillSignals(
  repos: Repositories,
  opts: { now?: Date; batchSize?: number; logger?: Logger } = {},
): Promise<BackfillReport> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 5_000;
  const streaks = new Map<string, StreakState>();
  const report: BackfillReport = { metricsRead: 0, errorsRead: 0, alreadyCounted: 0, modelsTouched: 0, batches: 0, durationMs: 0 };

  for (const source of ["metrics", "errors"] as const) {
    const raw = source === "metrics" ? repos.metrics.raw() : repos.errors.raw();
    const mark = await repos.signals.watermarks.findOne({ _id: WATERMARK[source] });
    let lastId = mark?.last_id as ObjectId | undefined;
    for (;;) {
      const filter: Document = lastId ? { _id: { $gt: lastId } } : {};
      const docs = await raw.find(filter).sort({ _id: 1 }).limit(batchSize).toArray();
      if (docs.length === 0) break;
      lastId = docs[docs.length - 1]!._id;
      const fresh = docs.filter((d) => d["signals_at"] === undefined);
      report.alreadyCounted += docs.length - fresh.length;
      if (source === "metrics") {
        report.metricsRead += fresh.length;
        await foldSuccesses(repos, fresh.map((d) => normalizeMetric(d as MetricDoc)), streaks, now);
      } else {
        report.errorsRead += fresh.length;
        await foldErrors(repos, fresh.map((d) => normalizeError(d as ErrorDoc)), streaks, now);
      }
      await writeStreaks(repos, streaks);
      await repos.signals.watermarks.updateOne(
        { _id: WATERMARK[source] },
        { $set: { last_id: lastId, updated_at: now }, $inc: { processed: docs.length } },
        { upsert: true },
      );
      report.batches++;
      opts.logger?.debug(`signals backfill: ${source} batch of ${docs.length}`);
    }
  }
  report.modelsTouched = streaks.size;
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

async function loadStreaks(repos: Repositories, ids: string[], streaks: Map<string, StreakState>): Promise<void> {
  const missing = ids.filter((id) => !streaks.has(id));
  if (missing.length === 0) return;
  const docs = await repos.signals.status.find({ _id: { $in: missing } }).toArray();
  const byId = new Map(docs.map((d) => [d._id, d]));
  for (const id of missing) {
    const d = byId.get(id);
    const lastSuccess = d?.last_success_at ? d.last_success_at.getTime() : null;
    const start = d?.streak_started_at ? d.streak_started_at.getTime() : null;
    streaks.set(id, {
      lastSuccess,
      errorsAfter: [],
      seededStart: start,
      seededCount: start === null ? 0 : (d?.consecutive_failures ?? 0),
    });
  }
}

async function foldSuccesses(repos: Repositories, docs: MetricDoc[], streaks: Map<string, StreakState>, now: Date): Promise<void> {
  const events = docs.map(successEvent);
  await loadStreaks(repos, [...new Set(events.map((e) => modelKey(e.provider, e.model_id)))], streaks);
  const status = new Map<string, { provider: string; model_id: string; newest: Date; n: number; ttft: number | null; tps: number | null }>();
  const days = new Map<string, { key: Pick<SignalDayDoc, "provider" | "model_id" | "day">; inc: Record<string, number>; min: Record<string, number>; max: Record<string, number> }>();

  for (const e of events) {
    const id = modelKey(e.provider, e.model_id);
    const s = status.get(id);
    if (!s) status.set(id, { provider: e.provider, model_id: e.model_id, newest: e.ts, n: 1, ttft: e.ttft, tps: e.tokensPerSecond });
    else {
      s.n++;
      if (e.ts > s.newest) Object.assign(s, { newest: e.ts, ttft: e.ttft, tps: e.tokensPerSecond });
    }
    const day = dayBucket(days, id, e.provider, e.model_id, e.ts);
    add(day.inc, "successes", 1);
    add(day.inc, `hours.${hourKey(e.ts)}.ok`, 1);
    if (e.ttft !== null) foldStat(day, "ttft", e.ttft);
    if (e.tokensPerSecond !== null) foldStat(day, "tps", e.tokensPerSecond);

    const st = streaks.get(id)!;
    const t = e.ts.getTime();
    if (st.lastSuccess === null || t > st.lastSuccess) {
      st.lastSuccess = t;
      st.errorsAfter = st.errorsAfter.filter((x) => x > t);
      if (st.seededStart !== null && st.seededStart <= t) Object.assign(st, { seededStart: null, seededCount: 0 });
    }
  }

  const ops: AnyBulkWriteOperation<ModelSignalDoc>[] = [];
  for (const [_id, s] of status) {
    ops.push({
      updateOne: {
        filter: { _id },
        update: { $max: { last_success_at: s.newest }, $inc: { successes_total: s.n }, $set: { updated_at: now }, $setOnInsert: { provider: s.provider, model_id: s.model_id } },
        upsert: true,
      },
    });
    ops.push({ updateOne: { filter: { _id, last_success_at: s.newest }, update: { $set: { last_ttft: s.ttft, last_tokens_per_second: s.tps } } } });
  }
  await bulk(repos.signals.status, ops);
  await writeDays(repos, days);
}

async function foldErrors(repos: Repositories, docs: ErrorDoc[], streaks: Map<string, StreakState>, now: Date): Promise<void> {
  const events = docs.map(errorEvent);
  await loadStreaks(repos, [...new Set(events.map((e) => modelKey(e.provider, e.model_id)))], streaks);
  const status = new Map<string, { provider: string; model_id: string; newest: (typeof events)[number]; n: number; recent: Map<string, { e: (typeof events)[number]; n: number }> }>();
  const days = new Map<string, { key: Pick<SignalDayDoc, "provider" | "model_id" | "day">; inc: Record<string, number>; min: Record<string, number>; max: Record<string, number> }>();

  for (const e of events) {
    const id = modelKey(e.provider, e.model_id);
    let s = status.get(id);
    if (!s) status.set(id, (s = { provider: e.provider, model_id: e.model_id, newest: e, n: 0, recent: new Map() }));
    s.n++;
    if (e.ts > s.newest.ts) s.newest = e;
    const fp = e.fingerprint.slice(0, 16);
    const r = s.recent.get(fp);
    if (!r) s.recent.set(fp, { e, n: 1 });
    else {
      r.n++;
      if (e.ts > r.e.ts) r.e = e;
    }
    const day = dayBucket(days, id, e.provider, e.model_id, e.ts);
    add(day.inc, "errors", 1);
    add(day.inc, `errors_by_kind.${e.kind}`, 1);
    add(day.inc, `hours.${hourKey(e.ts)}.err`, 1);
    add(day.inc, `hours.${hourKey(e.ts)}.k.${e.kind}`, 1);

    const st = streaks.get(id)!;
    const t = e.ts.getTime();
    if (st.lastSuccess === null || t > st.lastSuccess) st.errorsAfter.push(t);
  }

  const ops: AnyBulkWriteOperation<ModelSignalDoc>[] = [];
  for (const [_id, s] of status) {
    const set: Document = { updated_at: now };
    const inc: Document = { errors_total: s.n };
    const max: Document = { last_error_at: s.newest.ts };
    for (const [fp, r] of s.recent) {
      Object.assign(set, {
        [`recent_errors.${fp}.kind`]: r.e.kind,
        [`recent_errors.${fp}.class`]: r.e.errorClass,
        [`recent_errors.${fp}.fingerprint`]: r.e.fingerprint,
        [`recent_errors.${fp}.message`]: r.e.message,
      });
      inc[`recent_errors.${fp}.count`] = r.n;
      max[`recent_errors.${fp}.last_ts`] = r.e.ts;
    }
    ops.push({ updateOne: { filter: { _id }, update: { $max: max, $inc: inc, $set: set, $setOnInsert: { provider: s.provider, model_id: s.model_id } }, upsert: true } });
    const n = s.newest;
    ops.push({
      updateOne: {
        filter: { _id, last_error_at: n.ts },
        update: { $set: { last_error_kind: n.kind, last_error_class: n.errorClass, last_error_message: n.message, last_error_fingerprint: n.fingerprint } },
      },
    });
  }
  await bulk(repos.signals.status, ops);
  await writeDays(repos, days);
}

async function writeStreaks(repos: Repositories, streaks: Map<string, StreakState>): Promise<void> {
  const ops: AnyBulkWriteOperation<ModelSignalDoc>[] = [];
  for (const [_id, st] of streaks) {
    const firstNew = st.errorsAfter.length > 0 ? Math.min(...st.errorsAfter) : null;
    const start = [st.seededStart, firstNew].filter((x): x is number => x !== null);
    const count = st.seededCount + st.errorsAfter.length;
    ops.push({
      updateOne: {
        filter: { _id },
        update:
          start.length > 0
            ? { $set: { streak_started_at: new Date(Math.min(...start)), consecutive_failures: count } }
            : { $unset: { streak_started_at: "" }, $set: { consecutive_failures: 0 } },
      },
    });
  }
  await bulk(repos.signals.status, ops);
}

type DayAcc = { key: Pick<SignalDayDoc, "provider" | "model_id" | "day">; inc: Record<string, number>; min: Record<string, number>; max: Record<string, number> };

function dayBucket(days: Map<string, DayAcc>, id: string, provider: string, model_id: string, ts: Date): DayAcc {
  const key = `${id}:${dayKey(ts)}`;
  let d = days.get(key);
  if (!d) days.set(key, (d = { key: { provider, model_id, day: startOfDay(ts) }, inc: {}, min: {}, max: {} }));
  return d;
}

function foldStat(day: DayAcc, name: "ttft" | "tps", value: number): void {
  add(day.inc, `${name}_sum`, value);
  add(day.inc, `${name}_n`, 1);
  day.min[`${name}_min`] = Math.min(day.min[`${name}_min`] ?? Infinity, value);
  day.max[`${name}_max`] = Math.max(day.max[`${name}_max`] ?? -Infinity, value);
}

function add(target: Record<string, number>, key: string, n: number): void {
  target[key] = (target[key] ?? 0) + n;
}

async function writeDays(repos: Repositories, days: Map<string, DayAcc>): Promise<void> {
  const ops: AnyBulkWriteOperation<SignalDayDoc>[] = [...days].map(([_id, d]) => {
    const update: Document = { $inc: d.inc, $setOnInsert: d.key };
    if (Object.keys(d.min).length > 0) update["$min"] = d.min;
    if (Object.keys(d.max).length > 0) update["$max"] = d.max;
    return { updateOne: { filter: { _id }, update, upsert: true } };
  });
  await bulk(repos.signals.days, ops);
}

async function bulk<T extends Document>(col: { bulkWrite(ops: AnyBulkWriteOperation<T>[], o: { ordered: boolean }): Promise<unknown> }, ops: AnyBulkWriteOperation<T>[]): Promise<void> {
  for (let i = 0; i < ops.length; i += 1_000) {
    // Ordered: the conditional "newest" updates must run after the $max that precedes them.
    await col.bulkWrite(ops.slice(i, i + 1_000), { ordered: true });
  }
}
