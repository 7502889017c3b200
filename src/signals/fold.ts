import type { ErrorDoc } from "../storage/documents.js";
import { startOfHour, type FleetHour, type ProviderHour } from "../storage/fleet-hours-repository.js";
import { normalizeError } from "../storage/errors-repository.js";
import type { ErrorClass, ErrorKind } from "../taxonomy/kinds.js";
import { errorEvent, profileOf } from "./record.js";
import { hourKeys, metricSuccessEvent, STAT_KEYS, type HourKeys } from "./fold-keys.js";
import {
  modelKey,
  startOfDay,
  type RecentError,
  type SignalDayDoc,
  type SuccessEvent,
} from "../storage/signals-repository.js";

export { metricSuccessEvent } from "./fold-keys.js";

/**
 * The backfill's fold: raw documents (any runner's shape) summed in memory into what the signals
 * store holds (status per model, day buckets, the fleet's hours), by the same rules as the live
 * writers (`src/signals/apply.ts`). Order-independent: the failure streak is kept as the newest
 * success and the errors after it, so documents can be folded in any order. The demo seeder
 * folds what it generates with these same functions.
 */

/** A raw document as any runner stored it. */
export type RawDocument = Record<string, unknown>;

/**
 * Every top-level field the fold reads of a raw document (through `metricSuccessEvent`,
 * `normalizeError`, `successEvent`, `errorEvent` and the taxonomy's `kindFromStored`): the backfill
 * reads only these. A document folds the same with only these fields as with all of them
 * (test/integration/backfill.test.ts), so a field the fold starts to read must be added here.
 */
export const FOLD_FIELDS = {
  metrics: [
    "provider",
    "model_name",
    "run_ts",
    "gen_ts",
    "time_to_first_token",
    "tokens_per_second",
    "signals_at",
  ],
  errors: [
    "provider",
    "model_name",
    "ts",
    "message",
    "normalized_message",
    "error_kind",
    "fingerprint",
    "http_status",
    "exc_type",
    "benchmark_profile_id",
    "signals_at",
  ],
} as const satisfies Record<"metrics" | "errors", readonly string[]>;

export interface ModelAcc {
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
    displayMessage: string;
    fingerprint: string;
    profileId: string | null;
  } | null;
  recent: Map<string, RecentError>;
}

export interface DayAcc {
  key: Pick<SignalDayDoc, "provider" | "model_id" | "day">;
  inc: Record<string, number>;
  min: Record<string, number>;
  max: Record<string, number>;
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
  /** Error classifications by the stored fields they depend on (`classified`). */
  errorEvents: Map<string, ErrorEvent>;
  /** The keys of each hour seen, by hours since the epoch (`hourKeys`). */
  hourKeys: Map<number, HourKeys>;
  /** `days` by model key, then by day key (`dayAcc`). */
  dayIndex: Map<string, Map<string, DayAcc>>;
}
type Accumulators = SignalsFold;

export function newSignalsFold(): SignalsFold {
  return {
    models: new Map(),
    days: new Map(),
    hours: new Map(),
    streaks: new Map(),
    pending: 0,
    errorEvents: new Map(),
    hourKeys: new Map(),
    dayIndex: new Map(),
  };
}

/**
 * Folds one raw document as stored (any runner's shape). Returns false for a document our own
 * writers already counted (`signals_at`), which is skipped.
 */
export function foldRawDocument(fold: SignalsFold, source: "metrics" | "errors", doc: RawDocument): boolean {
  fold.pending++;
  if (doc["signals_at"] !== undefined) return false;
  if (source === "metrics") foldSuccess(metricSuccessEvent(doc), fold);
  else foldError(normalizeError(doc as ErrorDoc), fold);
  return true;
}

function runStreak(acc: Accumulators, id: string): { lastSuccess: number | null; errorsAfter: number[] } {
  let st = acc.streaks.get(id);
  if (!st) acc.streaks.set(id, (st = { lastSuccess: null, errorsAfter: [] }));
  return st;
}

function modelAcc(models: Map<string, ModelAcc>, id: string, provider: string, model_id: string): ModelAcc {
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

function foldSuccess(e: SuccessEvent, acc: Accumulators): void {
  // One key per document for the model's maps (its hash is computed once, on the first lookup).
  const id = modelKey(e.provider, e.model_id);
  const m = modelAcc(acc.models, id, e.provider, e.model_id);
  m.successes++;
  if (!m.newestSuccess || e.ts > m.newestSuccess.ts) {
    m.newestSuccess = { ts: e.ts, ttft: e.ttft, tps: e.tokensPerSecond };
  }
  const keys = hourKeys(acc.hourKeys, e.ts);
  const day = dayAcc(acc, id, e.provider, e.model_id, e.ts, keys);
  add(day.inc, "successes", 1);
  add(day.inc, keys.ok, 1);
  fleetHour(acc, e.provider, e.ts, keys).ok++;
  if (e.ttft !== null) foldStat(day, STAT_KEYS.ttft, e.ttft);
  if (e.tokensPerSecond !== null) foldStat(day, STAT_KEYS.tps, e.tokensPerSecond);

  const st = runStreak(acc, id);
  const t = e.ts.getTime();
  if (st.lastSuccess === null || t > st.lastSuccess) {
    st.lastSuccess = t;
    st.errorsAfter = st.errorsAfter.filter((x) => x > t);
  }
}

function fleetHour(acc: Accumulators, provider: string, ts: Date, keys: HourKeys): ProviderHour {
  const id = keys.hourId;
  let h = acc.hours.get(id);
  if (!h) acc.hours.set(id, (h = { hour: startOfHour(ts), providers: new Map() }));
  let p = h.providers.get(provider);
  if (!p) h.providers.set(provider, (p = { ok: 0, err: 0, k: {} }));
  return p;
}

type ErrorEvent = ReturnType<typeof errorEvent>;
const CLASSIFIED_MAX = 20_000;

/**
 * `errorEvent(doc)`, remembered by every stored field it reads but the time: classifying and
 * fingerprinting a message was most of the fold's CPU (~250 us per error document), and a fleet's
 * errors repeat a few hundred messages.
 */
function classified(acc: Accumulators, doc: ErrorDoc): ErrorEvent {
  const key = JSON.stringify([
    doc.provider,
    doc.model_name,
    doc.error_kind,
    doc.fingerprint ?? null,
    doc.message,
    doc.normalized_message ?? null,
    doc.http_status ?? null,
    doc.exc_type ?? null,
  ]);
  let e = acc.errorEvents.get(key);
  if (!e) {
    if (acc.errorEvents.size >= CLASSIFIED_MAX) acc.errorEvents.clear();
    acc.errorEvents.set(key, (e = errorEvent(doc)));
  }
  // Not part of the memo's key: the same message comes from runs of either profile.
  return { ...e, ts: doc.ts, profileId: profileOf(doc) };
}

function foldError(doc: ErrorDoc, acc: Accumulators): void {
  const e = classified(acc, doc);
  // One key per document for the model's maps (its hash is computed once, on the first lookup).
  const id = modelKey(e.provider, e.model_id);
  const m = modelAcc(acc.models, id, e.provider, e.model_id);
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
      display_message: e.displayMessage,
      last_ts: e.ts,
      count: 1,
    });
  } else {
    r.count++;
    if (e.ts > r.last_ts)
      Object.assign(r, { last_ts: e.ts, message: e.message, display_message: e.displayMessage });
  }
  const keys = hourKeys(acc.hourKeys, e.ts);
  const day = dayAcc(acc, id, e.provider, e.model_id, e.ts, keys);
  add(day.inc, "errors", 1);
  add(day.inc, `errors_by_kind.${e.kind}`, 1);
  add(day.inc, keys.err, 1);
  add(day.inc, `hours.${keys.hourKey}.k.${e.kind}`, 1);
  const fh = fleetHour(acc, e.provider, e.ts, keys);
  fh.err++;
  fh.k[e.kind] = (fh.k[e.kind] ?? 0) + 1;

  const st = runStreak(acc, id);
  const t = e.ts.getTime();
  if (st.lastSuccess === null || t > st.lastSuccess) st.errorsAfter.push(t);
}

function dayAcc(
  acc: Accumulators,
  id: string,
  provider: string,
  model_id: string,
  ts: Date,
  keys: HourKeys,
): DayAcc {
  // By model, then by the hour's cached day key: no key string built per document.
  let byDay = acc.dayIndex.get(id);
  if (!byDay) acc.dayIndex.set(id, (byDay = new Map<string, DayAcc>()));
  let d = byDay.get(keys.dayKey);
  if (!d) {
    d = { key: { provider, model_id, day: startOfDay(ts) }, inc: {}, min: {}, max: {} };
    byDay.set(keys.dayKey, d);
    acc.days.set(`${id}:${keys.dayKey}`, d);
  }
  return d;
}

function foldStat(day: DayAcc, k: (typeof STAT_KEYS)[keyof typeof STAT_KEYS], value: number): void {
  add(day.inc, k.sum, value);
  add(day.inc, k.n, 1);
  day.min[k.min] = Math.min(day.min[k.min] ?? Infinity, value);
  day.max[k.max] = Math.max(day.max[k.max] ?? -Infinity, value);
}

function add(target: Record<string, number>, key: string, n: number): void {
  target[key] = (target[key] ?? 0) + n;
}
