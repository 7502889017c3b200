import type { MetricDoc } from "../storage/documents.js";
import { hourId } from "../storage/fleet-hours-repository.js";
import { readDate, readNumber } from "../storage/legacy.js";
import { dayKey, hourKey, type SuccessEvent } from "../storage/signals-repository.js";

/**
 * What the backfill's fold (`fold.ts`) computes per document without building it again: a
 * metric's event read in place, and the keys of each hour and statistic it files counts under.
 */

/** A raw document as any runner stored it (`fold.ts`). */
type RawDocument = Record<string, unknown>;

/**
 * `successEvent(normalizeMetric(doc))` (record.ts, metrics-repository.ts) without copying the
 * document: the same time, first-token time and speed from any runner's shape, for the fold's
 * hot path (test/unit/signals/fold-fields.test.ts compares the two).
 */
export function metricSuccessEvent(doc: RawDocument): SuccessEvent {
  const ttft = readNumber(doc["time_to_first_token"]);
  return {
    provider: doc["provider"] as MetricDoc["provider"],
    model_id: doc["model_name"] as MetricDoc["model_name"],
    ts: readDate(doc["gen_ts"]) ?? readDate(doc["run_ts"]) ?? new Date(0),
    // 0 was the earlier runners' placeholder for "no first token" (normalizeMetric).
    ttft: ttft === undefined || ttft <= 0 ? null : ttft,
    tokensPerSecond: readNumber(doc["tokens_per_second"]) ?? 0,
  };
}

/** The keys the fold files an event's hour and day under (computed once per hour seen). */
export interface HourKeys {
  hourId: string;
  dayKey: string;
  ok: string;
  err: string;
  hourKey: string;
}

/** The keys of `ts`'s hour, from `cache` (by hours since the epoch) or computed and cached. */
export function hourKeys(cache: Map<number, HourKeys>, ts: Date): HourKeys {
  const n = Math.floor(ts.getTime() / 3_600_000);
  let k = cache.get(n);
  if (!k) {
    const h = hourKey(ts);
    k = { hourId: hourId(ts), dayKey: dayKey(ts), ok: `hours.${h}.ok`, err: `hours.${h}.err`, hourKey: h };
    cache.set(n, k);
  }
  return k;
}

/** The day bucket's fields of each statistic. */
export const STAT_KEYS = {
  ttft: { sum: "ttft_sum", n: "ttft_n", min: "ttft_min", max: "ttft_max" },
  tps: { sum: "tps_sum", n: "tps_n", min: "tps_min", max: "tps_max" },
} as const;
