import type { ErrorClass, ErrorKind } from "../taxonomy/kinds.js";

/** The signals store's documents, keys and events (`signals-repository.ts` re-exports them). */

export interface RecentError {
  kind: ErrorKind;
  class: ErrorClass;
  fingerprint: string;
  /** The normalized message (lowercased, ids and numbers masked): what groups errors, never shown. */
  message: string;
  /**
   * The newest message as the provider said it, redacted (`displayMessage`): what people read.
   * Absent in documents written before it; readers show `message` then (src/signals/read.ts).
   */
  display_message?: string;
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
  /** Normalized, as `RecentError.message`. */
  last_error_message?: string | null;
  /** As `RecentError.display_message`: absent in documents written before it. */
  last_error_display_message?: string | null;
  last_error_fingerprint?: string | null;
  /**
   * The benchmark profile the newest failure ran with (absent in documents older than the field):
   * a failure of ours under one profile is no reason to wait once the model's profile changed.
   */
  last_error_profile_id?: string | null;
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

export function startOfDay(ts: Date): Date {
  return new Date(`${dayKey(ts)}T00:00:00.000Z`);
}

export interface SuccessEvent {
  provider: string;
  model_id: string;
  ts: Date;
  ttft: number | null;
  tokensPerSecond: number | null;
}

export interface ErrorEvent {
  provider: string;
  model_id: string;
  ts: Date;
  kind: ErrorKind;
  errorClass: ErrorClass;
  fingerprint: string;
  /** The normalized message (`normalizeMessage`): grouping and dedupe only, never shown. */
  message: string;
  /** The provider's message, redacted (`displayMessage`): what people, agents and the operator's LLM read. */
  displayMessage: string;
  /** The run's `benchmark_profile_id`; null when the document has none. */
  profileId: string | null;
}

/** One update of the backfill's fold, filtered by `_id` (plus a condition for the "newest" fields). */
export interface KeyedUpdate {
  filter: Record<string, unknown>;
  update: Record<string, unknown>;
  upsert?: boolean;
}

export interface SignalsDocs {
  status: ModelSignalDoc;
  days: SignalDayDoc;
}
