import type { Logger } from "../logger.js";
import type { ErrorDoc, MetricDoc } from "../storage/documents.js";
import { hourId, startOfHour, type FleetHour, type ProviderHour } from "../storage/fleet-hours-repository.js";
import { normalizeError } from "../storage/errors-repository.js";
import { normalizeMetric } from "../storage/metrics-repository.js";
import type { Repositories } from "../storage/repositories.js";
import type { ErrorClass, ErrorKind } from "../taxonomy/kinds.js";
import { errorEvent, successEvent } from "./record.js";
import { rebuildRollups } from "./rollups.js";
import {
  dayKey,
  hourKey,
  modelKey,
  startOfDay,
  type KeyedUpdate,
  type ModelSignalDoc,
  type RecentError,
  type SignalDayDoc,
} from "../storage/signals-repository.js";

/** A raw document as any runner stored it. */
type Document = Record<string, unknown>;

/**
 * Builds signals from raw `metrics_cloud_v2` and `errors_cloud` documents that any runner wrote.
 *
 * Idempotent and resumable: a watermark per collection (the last `_id` folded in) is saved after
 * every flush, so a second run reads only new documents, and documents our own writers already
 * counted (`signals_at`) are skipped.
 *
 * Shaped for a slow database: each collection is read with ONE cursor (FerretDB 1.24 scans and
 * sorts the whole collection for every query, so re-querying per batch would be quadratic),
 * everything is folded in memory, and each flush writes one document per touched model and per
 * model-day: new documents with insertMany, existing ones with update operators (so a live writer
 * running at the same time never loses a count), one `updateOne` at a time (FerretDB wedged on a
 * `bulkWrite` of updates). The failure streak is order-dependent, so it is computed from the
 * errors newer than each model's last success, across both collections.
 *
 * The fold (`newSignalsFold`, `foldRawDocument`, `writeSignalsFold`) is exported so the demo
 * seeder folds what it generates with these same rules instead of reading it back.
 */

export interface BackfillProgress {
  phase: "read" | "write" | "done";
  source: "metrics" | "errors" | null;
  /** Raw documents read so far in this run, both collections together. */
  read: number;
  /** Documents to read, from the collections' statistics (an estimate; null when unknown). */
  total: number | null;
}

export interface BackfillReport {
  metricsRead: number;
  errorsRead: number;
  alreadyCounted: number;
  modelsTouched: number;
  flushes: number;
  /** Raw collections looked at; 0 when both were checked within `recheckAfterMs`. */
  sourcesChecked: number;
  /** Hours of the fleet rollup and days of spend rebuilt from their sources (0 once complete). */
  rollupsRebuilt: { fleetHours: number; spendDays: number };
  durationMs: number;
}

interface ModelAcc {
  provider: string;
  model_id: string;
  successes: number;
  errors: number;
  newestSuccess: { ts: Date; ttft: number | null; tps: number | null } | null;
  newestError: {
    ts: Date;
    kind: ErrorKind;
    errorClass: ErrorClass;
    message: string;
    fingerprint: string;
  } | null;
  recent: Map<string, RecentError>;
}

interface StreakState {
  lastSuccess: number | null;
  errorsAfter: number[];
  seededStart: number | null;
  seededCount: number;
}

interface DayAcc {
  key: Pick<SignalDayDoc, "provider" | "model_id" | "day">;
  inc: Record<string, number>;
  min: Record<string, number>;
  max: Record<string, number>;
}

const WATERMARK = { metrics: "metrics_cloud", errors: "errors_cloud" } as const;

export interface BackfillOptions {
  now?: Date;
  flushEvery?: number;
  logger?: Logger;
  /**
   * Skip a raw collection that was checked this recently. Our own writers record signals as
   * they write, so only another runner (the earlier Python one during a migration) leaves
   * documents to fold; checking costs a count, which on FerretDB grows with the history.
   */
  recheckAfterMs?: number;
  onProgress?: (p: BackfillProgress) => void;
  /** Rebuild the fleet-wide rollups from their sources even when they are complete. */
  rebuildRollups?: boolean;
}

function emptyReport(): BackfillReport {
  return {
    metricsRead: 0,
    errorsRead: 0,
    alreadyCounted: 0,
    modelsTouched: 0,
    flushes: 0,
    sourcesChecked: 0,
    rollupsRebuilt: { fleetHours: 0, spendDays: 0 },
    durationMs: 0,
  };
}

type Watermark = Awaited<ReturnType<Repositories["signals"]["watermark"]>>;

/**
 * The number of raw documents in `source` when it has any not folded yet; null when it can be
 * skipped (checked within `recheckAfterMs`, or its count equals what was already read).
 */
async function unreadCount(
  repos: Repositories,
  source: keyof typeof WATERMARK,
  mark: Watermark,
  now: Date,
  opts: BackfillOptions,
  report: BackfillReport,
): Promise<number | null> {
  // Raw collections are append-only: when the count equals what we have read, nothing is new,
  // and the scan that a range query costs on FerretDB can be skipped.
  const checkedAt = mark?.checked_at ?? mark?.updated_at;
  if (
    opts.recheckAfterMs !== undefined &&
    mark?.seen !== undefined &&
    checkedAt !== undefined &&
    now.getTime() - checkedAt.getTime() < opts.recheckAfterMs
  ) {
    return null;
  }
  report.sourcesChecked++;
  const count = await (source === "metrics" ? repos.metrics : repos.errors).documentCount();
  if (mark?.seen !== undefined && count === mark.seen) {
    await repos.signals.markWatermarkChecked(WATERMARK[source], now);
    return null;
  }
  return count;
}

export async function backfillSignals(
  repos: Repositories,
  opts: BackfillOptions = {},
): Promise<BackfillReport> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const flushEvery = opts.flushEvery ?? 500_000;
  const report = emptyReport();
  const touched = new Set<string>();
  // Both collections fold into the same accumulators, so a fresh backfill writes every signal
  // document once, with an insert: no update (FerretDB's slowest operation) at all.
  let acc = newSignalsFold();
  const lastIds: Partial<Record<keyof typeof WATERMARK, unknown>> = {};
  const seen: Partial<Record<keyof typeof WATERMARK, number>> = {};

  let read = 0;
  let total: number | null = null;
  const progress = (phase: BackfillProgress["phase"], source: BackfillProgress["source"]): void =>
    opts.onProgress?.({ phase, source, read, total });

  const flush = async (): Promise<void> => {
    if (acc.pending === 0 && Object.keys(lastIds).length === 0) return;
    progress("write", null);
    await writeSignalsFold(repos, acc, now);
    for (const [source, lastId] of Object.entries(lastIds)) {
      const key = source as keyof typeof WATERMARK;
      await saveWatermark(repos, key, { lastId, seen: seen[key] ?? 0 }, now);
    }
    for (const k of acc.models.keys()) touched.add(k);
    report.flushes++;
    opts.logger?.debug(`signals backfill: folded ${acc.pending} documents`);
    acc = newSignalsFold();
  };

  for (const source of ["metrics", "errors"] as const) {
    const raw = source === "metrics" ? repos.metrics : repos.errors;
    const mark = await repos.signals.watermark(WATERMARK[source]);
    const from = mark?.last_id;
    const count = await unreadCount(repos, source, mark, now, opts, report);
    if (count === null) continue;
    total = (total ?? 0) + Math.max(0, count - (mark?.seen ?? 0));
    progress("read", source);
    seen[source] = mark?.seen ?? 0;
    // One cursor per collection (the store's scanAfter), never one query per batch.
    for await (const doc of raw.scanAfter(from) as AsyncIterable<Document>) {
      lastIds[source] = doc._id;
      seen[source] = (seen[source] ?? 0) + 1;
      read++;
      if (read % 5_000 === 0) progress("read", source);
      if (foldRawDocument(acc, source, doc)) report[source === "metrics" ? "metricsRead" : "errorsRead"]++;
      else report.alreadyCounted++;
      if (acc.pending >= flushEvery) await flush();
    }
  }
  await flush();
  // Rollups of history older than them: one pass over their source, once (or when asked).
  report.rollupsRebuilt = await rebuildRollups(repos, { force: opts.rebuildRollups === true });
  progress("done", null);
  report.modelsTouched = touched.size;
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

/** Raw documents folded in memory, not yet written. */
export interface SignalsFold {
  models: Map<string, ModelAcc>;
  days: Map<string, DayAcc>;
  /** The fleet's hour rollup (`fleet_hours`), by hour id. */
  hours: Map<string, FleetHour>;
  /** What this run saw: the newest success and the errors after it, per model. */
  streaks: Map<string, { lastSuccess: number | null; errorsAfter: number[] }>;
  /** Documents looked at since the last write, counted or not. */
  pending: number;
}
type Accumulators = SignalsFold;

export function newSignalsFold(): SignalsFold {
  return { models: new Map(), days: new Map(), hours: new Map(), streaks: new Map(), pending: 0 };
}

/**
 * Folds one raw document as stored (any runner's shape). Returns false for a document our own
 * writers already counted (`signals_at`), which is skipped.
 */
export function foldRawDocument(fold: SignalsFold, source: "metrics" | "errors", doc: Document): boolean {
  fold.pending++;
  if (doc["signals_at"] !== undefined) return false;
  if (source === "metrics") foldSuccess(normalizeMetric(doc as MetricDoc), fold);
  else foldError(normalizeError(doc as ErrorDoc), fold);
  return true;
}

/** Writes a fold: day buckets before status documents, as SignalDaysCache expects. */
export async function writeSignalsFold(repos: Repositories, fold: SignalsFold, now: Date): Promise<void> {
  const streaks = await combineStreaks(repos, fold.streaks);
  await writeDays(repos, fold.days);
  await repos.signals.fleetHours.addMany([...fold.hours.values()]);
  await writeModels(repos, fold.models, streaks, now);
}

/** Records that a raw collection has been folded up to `lastId` (`seen` documents in all). */
export async function saveWatermark(
  repos: Repositories,
  source: keyof typeof WATERMARK,
  mark: { lastId: unknown; seen: number },
  now: Date,
): Promise<void> {
  await repos.signals.saveWatermark(WATERMARK[source], mark, now);
}

function runStreak(acc: Accumulators, id: string): { lastSuccess: number | null; errorsAfter: number[] } {
  let st = acc.streaks.get(id);
  if (!st) acc.streaks.set(id, (st = { lastSuccess: null, errorsAfter: [] }));
  return st;
}

/**
 * Combines what this run saw with what the status documents already hold: the newest success
 * of either wins; the stored streak survives only if it began after that success; the errors
 * this run saw count only after it.
 */
async function combineStreaks(
  repos: Repositories,
  seen: Accumulators["streaks"],
): Promise<Map<string, StreakState>> {
  const stored = new Map<string, ModelSignalDoc>();
  for (const d of await repos.signals.statusesByIds([...seen.keys()])) stored.set(d._id, d);
  return combine(seen, stored);
}

function combine(
  seen: Accumulators["streaks"],
  stored: Map<string, ModelSignalDoc>,
): Map<string, StreakState> {
  const out = new Map<string, StreakState>();
  for (const [id, st] of seen) {
    const d = stored.get(id);
    const storedSuccess = d?.last_success_at?.getTime() ?? null;
    const lastSuccess = Math.max(storedSuccess ?? -Infinity, st.lastSuccess ?? -Infinity);
    const storedStart = d?.streak_started_at?.getTime() ?? null;
    const keepStored = storedStart !== null && storedStart > lastSuccess;
    out.set(id, {
      lastSuccess: Number.isFinite(lastSuccess) ? lastSuccess : null,
      errorsAfter: st.errorsAfter.filter((t) => t > lastSuccess),
      seededStart: keepStored ? storedStart : null,
      seededCount: keepStored ? (d?.consecutive_failures ?? 0) : 0,
    });
  }
  return out;
}

function modelAcc(models: Map<string, ModelAcc>, provider: string, model_id: string): ModelAcc {
  const id = modelKey(provider, model_id);
  let m = models.get(id);
  if (!m) {
    m = {
      provider,
      model_id,
      successes: 0,
      errors: 0,
      newestSuccess: null,
      newestError: null,
      recent: new Map(),
    };
    models.set(id, m);
  }
  return m;
}

function foldSuccess(doc: MetricDoc, acc: Accumulators): void {
  const e = successEvent(doc);
  const m = modelAcc(acc.models, e.provider, e.model_id);
  m.successes++;
  if (!m.newestSuccess || e.ts > m.newestSuccess.ts) {
    m.newestSuccess = { ts: e.ts, ttft: e.ttft, tps: e.tokensPerSecond };
  }
  const day = dayAcc(acc.days, e.provider, e.model_id, e.ts);
  add(day.inc, "successes", 1);
  add(day.inc, `hours.${hourKey(e.ts)}.ok`, 1);
  fleetHour(acc, e.provider, e.ts).ok++;
  if (e.ttft !== null) foldStat(day, "ttft", e.ttft);
  if (e.tokensPerSecond !== null) foldStat(day, "tps", e.tokensPerSecond);

  const st = runStreak(acc, modelKey(e.provider, e.model_id));
  const t = e.ts.getTime();
  if (st.lastSuccess === null || t > st.lastSuccess) {
    st.lastSuccess = t;
    st.errorsAfter = st.errorsAfter.filter((x) => x > t);
  }
}

function fleetHour(acc: Accumulators, provider: string, ts: Date): ProviderHour {
  const id = hourId(ts);
  let h = acc.hours.get(id);
  if (!h) acc.hours.set(id, (h = { hour: startOfHour(ts), providers: new Map() }));
  let p = h.providers.get(provider);
  if (!p) h.providers.set(provider, (p = { ok: 0, err: 0, k: {} }));
  return p;
}

function foldError(doc: ErrorDoc, acc: Accumulators): void {
  const e = errorEvent(doc);
  const m = modelAcc(acc.models, e.provider, e.model_id);
  m.errors++;
  if (!m.newestError || e.ts > m.newestError.ts) m.newestError = e;
  const fp = e.fingerprint.slice(0, 16);
  const r = m.recent.get(fp);
  if (!r) {
    m.recent.set(fp, {
      kind: e.kind,
      class: e.errorClass,
      fingerprint: e.fingerprint,
      message: e.message,
      last_ts: e.ts,
      count: 1,
    });
  } else {
    r.count++;
    if (e.ts > r.last_ts) Object.assign(r, { last_ts: e.ts, message: e.message });
  }
  const day = dayAcc(acc.days, e.provider, e.model_id, e.ts);
  add(day.inc, "errors", 1);
  add(day.inc, `errors_by_kind.${e.kind}`, 1);
  add(day.inc, `hours.${hourKey(e.ts)}.err`, 1);
  add(day.inc, `hours.${hourKey(e.ts)}.k.${e.kind}`, 1);
  const fh = fleetHour(acc, e.provider, e.ts);
  fh.err++;
  fh.k[e.kind] = (fh.k[e.kind] ?? 0) + 1;

  const st = runStreak(acc, modelKey(e.provider, e.model_id));
  const t = e.ts.getTime();
  if (st.lastSuccess === null || t > st.lastSuccess) st.errorsAfter.push(t);
}

function streakFields(st: StreakState): { streak_started_at: Date | null; consecutive_failures: number } {
  const first = st.errorsAfter.length > 0 ? st.errorsAfter.reduce((a, b) => Math.min(a, b)) : null;
  const starts = [st.seededStart, first].filter((x): x is number => x !== null);
  return starts.length === 0
    ? { streak_started_at: null, consecutive_failures: 0 }
    : {
        streak_started_at: new Date(Math.min(...starts)),
        consecutive_failures: st.seededCount + st.errorsAfter.length,
      };
}

async function writeModels(
  repos: Repositories,
  models: Map<string, ModelAcc>,
  streaks: Map<string, StreakState>,
  now: Date,
): Promise<void> {
  const existing = await repos.signals.existingIds("status", [...models.keys()]);
  const inserts: ModelSignalDoc[] = [];
  const ops: KeyedUpdate[] = [];
  for (const [_id, m] of models) {
    const streak = streakFields(streaks.get(_id)!);
    if (!existing.has(_id)) {
      inserts.push(newStatusDoc(_id, m, streak, now));
      continue;
    }
    ops.push(...statusUpdates(_id, m, streak, now));
  }
  await repos.signals.insertOrUpdate("status", inserts, (doc) =>
    statusUpdates(doc._id, models.get(doc._id)!, streakFields(streaks.get(doc._id)!), now),
  );
  await repos.signals.updateEach("status", ops);
}

function newStatusDoc(
  _id: string,
  m: ModelAcc,
  streak: ReturnType<typeof streakFields>,
  now: Date,
): ModelSignalDoc {
  const doc: ModelSignalDoc = {
    _id,
    provider: m.provider,
    model_id: m.model_id,
    successes_total: m.successes,
    errors_total: m.errors,
    updated_at: now,
    consecutive_failures: streak.consecutive_failures,
    recent_errors: Object.fromEntries(m.recent),
  };
  if (streak.streak_started_at) doc.streak_started_at = streak.streak_started_at;
  if (m.newestSuccess) {
    Object.assign(doc, {
      last_success_at: m.newestSuccess.ts,
      last_ttft: m.newestSuccess.ttft,
      last_tokens_per_second: m.newestSuccess.tps,
    });
  }
  if (m.newestError) {
    const e = m.newestError;
    Object.assign(doc, {
      last_error_at: e.ts,
      last_error_kind: e.kind,
      last_error_class: e.errorClass,
      last_error_message: e.message,
      last_error_fingerprint: e.fingerprint,
    });
  }
  return doc;
}

/** Update operators that fold an accumulated model into an existing status document. */
function statusUpdates(
  _id: string,
  m: ModelAcc,
  streak: ReturnType<typeof streakFields>,
  now: Date,
): KeyedUpdate[] {
  const set: Document = { updated_at: now, consecutive_failures: streak.consecutive_failures };
  const inc: Document = { successes_total: m.successes, errors_total: m.errors };
  const max: Document = {};
  for (const [fp, r] of m.recent) {
    Object.assign(set, {
      [`recent_errors.${fp}.kind`]: r.kind,
      [`recent_errors.${fp}.class`]: r.class,
      [`recent_errors.${fp}.fingerprint`]: r.fingerprint,
      [`recent_errors.${fp}.message`]: r.message,
    });
    inc[`recent_errors.${fp}.count`] = r.count;
    max[`recent_errors.${fp}.last_ts`] = r.last_ts;
  }
  if (m.newestSuccess) max["last_success_at"] = m.newestSuccess.ts;
  if (m.newestError) max["last_error_at"] = m.newestError.ts;
  const update: Document = { $set: set, $inc: inc };
  if (streak.streak_started_at) set["streak_started_at"] = streak.streak_started_at;
  else update["$unset"] = { streak_started_at: "" };
  if (Object.keys(max).length > 0) update["$max"] = max;
  const ops: KeyedUpdate[] = [{ filter: { _id }, update }];
  // The "newest" fields change only if this backfill holds the newest event.
  if (m.newestSuccess) {
    const s = m.newestSuccess;
    ops.push({
      filter: { _id, last_success_at: s.ts },
      update: { $set: { last_ttft: s.ttft, last_tokens_per_second: s.tps } },
    });
  }
  if (m.newestError) {
    const e = m.newestError;
    ops.push({
      filter: { _id, last_error_at: e.ts },
      update: {
        $set: {
          last_error_kind: e.kind,
          last_error_class: e.errorClass,
          last_error_message: e.message,
          last_error_fingerprint: e.fingerprint,
        },
      },
    });
  }
  return ops;
}

function dayAcc(days: Map<string, DayAcc>, provider: string, model_id: string, ts: Date): DayAcc {
  const key = `${modelKey(provider, model_id)}:${dayKey(ts)}`;
  let d = days.get(key);
  if (!d) {
    d = { key: { provider, model_id, day: startOfDay(ts) }, inc: {}, min: {}, max: {} };
    days.set(key, d);
  }
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
  if (days.size === 0) return;
  const existing = await repos.signals.existingIds("days", [...days.keys()]);
  const dayUpdate = (_id: string): KeyedUpdate[] => {
    const d = days.get(_id)!;
    const update: Document = { $inc: d.inc, $setOnInsert: d.key };
    if (Object.keys(d.min).length > 0) update["$min"] = d.min;
    if (Object.keys(d.max).length > 0) update["$max"] = d.max;
    return [{ filter: { _id }, update, upsert: true }];
  };
  const inserts: SignalDayDoc[] = [];
  const ops: KeyedUpdate[] = [];
  for (const [_id, d] of days) {
    if (existing.has(_id)) ops.push(...dayUpdate(_id));
    else inserts.push({ _id, ...d.key, ...expand(d.inc), ...d.min, ...d.max });
  }
  await repos.signals.insertOrUpdate("days", inserts, (doc) => dayUpdate(doc._id));
  await repos.signals.updateEach("days", ops);
}

/** Turns dotted counter paths ("hours.h13.ok") into the nested document an insert needs. */
function expand(flat: Record<string, number>): Document {
  const out: Document = {};
  for (const [path, value] of Object.entries(flat)) {
    const parts = path.split(".");
    let node = out;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Document;
    node[parts[parts.length - 1]!] = value;
  }
  return out;
}
