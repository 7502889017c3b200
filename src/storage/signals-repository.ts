import type { Collection, Db } from "mongodb";
import type { ErrorClass, ErrorKind } from "../taxonomy/kinds.js";

/**
 * Signals are kept current on write (DESIGN section 5): one small status document per model
 * and one bucket per model per UTC day, both maintained with update operators only
 * ($inc/$min/$max/$set), so reading the state of the whole fleet costs one document per model
 * however long the history is. The hour sub-counters make a true 24-hour window possible
 * without hourly documents.
 */

export interface RecentError {
  kind: ErrorKind;
  class: ErrorClass;
  fingerprint: string;
  message: string;
  last_ts: Date;
  count: number;
}

export interface ModelSignalDoc {
  _id: string; // provider:model_id
  provider: string;
  model_id: string;
  last_success_at?: Date | null;
  last_error_at?: Date | null;
  last_error_kind?: ErrorKind | null;
  last_error_class?: ErrorClass | null;
  last_error_message?: string | null;
  last_error_fingerprint?: string | null;
  /** The first error after the last success: failure duration is measured from here. */
  streak_started_at?: Date | null;
  consecutive_failures?: number;
  /** Keyed by fingerprint prefix; the newest few are shown. */
  recent_errors?: Record<string, RecentError>;
  last_ttft?: number | null;
  last_tokens_per_second?: number | null;
  successes_total?: number;
  errors_total?: number;
  updated_at?: Date;
}

export interface HourCounters {
  ok?: number;
  err?: number;
  k?: Partial<Record<ErrorKind, number>>;
}

export interface SignalDayDoc {
  _id: string; // provider:model_id:YYYY-MM-DD
  provider: string;
  model_id: string;
  day: Date;
  successes?: number;
  errors?: number;
  errors_by_kind?: Partial<Record<ErrorKind, number>>;
  hours?: Record<string, HourCounters>;
  ttft_sum?: number;
  ttft_n?: number;
  ttft_min?: number;
  ttft_max?: number;
  tps_sum?: number;
  tps_n?: number;
  tps_min?: number;
  tps_max?: number;
}

export interface WatermarkDoc {
  _id: string;
  last_id: unknown;
  /** Raw documents read up to last_id, so an unchanged collection is not scanned again. */
  seen?: number;
  updated_at: Date;
  /** When the collection was last checked for new documents (found some or not). */
  checked_at?: Date;
}

export function modelKey(provider: string, modelId: string): string {
  return `${provider}:${modelId}`;
}

export function dayKey(ts: Date): string {
  return ts.toISOString().slice(0, 10);
}

export function hourKey(ts: Date): string {
  return `h${String(ts.getUTCHours()).padStart(2, "0")}`;
}

export class SignalsRepository {
  readonly status: Collection<ModelSignalDoc>;
  readonly days: Collection<SignalDayDoc>;
  readonly watermarks: Collection<WatermarkDoc>;

  constructor(db: Db) {
    this.status = db.collection<ModelSignalDoc>("model_signals");
    this.days = db.collection<SignalDayDoc>("model_signal_days");
    this.watermarks = db.collection<WatermarkDoc>("signal_watermarks");
  }

  async ensureIndexes(): Promise<void> {
    await this.status.createIndex({ provider: 1, model_id: 1 }, { name: "provider_model" });
    await this.status.createIndex({ streak_started_at: 1 }, { name: "streak_started_at" });
    await this.days.createIndex({ provider: 1, model_id: 1, day: -1 }, { name: "provider_model_day" });
    await this.days.createIndex({ day: -1, provider: 1 }, { name: "day_provider" });
  }
}
