import type { ModelDoc } from "../storage/documents.js";
import type { Repositories } from "../storage/repositories.js";
import type { ErrorClass, ErrorKind } from "../taxonomy/kinds.js";
import { startOfDay } from "./apply.js";
import { renameLinks, type RenameLinks } from "./rename-link.js";
import type { SignalDaysCache } from "./days-cache.js";
import { modelSettings, settingsOfRow, type ModelSettings } from "./settings.js";
import {
  dayKey,
  hourKey,
  modelKey,
  type ModelSignalDoc,
  type RecentError,
  type SignalDayDoc,
} from "../storage/signals-repository.js";

/** What the operator, the tools and the CLI know about one model at a moment. */
export interface WindowCounts {
  successes: number;
  errors: number;
  errorsByKind: Partial<Record<ErrorKind, number>>;
}

export interface ModelSignals extends RenameLinks {
  provider: string;
  model_id: string;
  catalog: {
    inCatalog: boolean;
    enabled: boolean;
    deprecated: boolean;
    status: string | null;
    disabled_reason: string | null;
    disabled_class: string | null;
    recheck_after: Date | null;
    /** The id a rename moved this model from; `renamedFrom` has its totals (rename-link.ts). */
    renamed_from?: string | null;
    /**
     * The batch whose change the row holds last (a revert puts back the one before): what the
     * console's model list names as the model's last change, without reading the row again.
     */
    mutation_batch_id?: string | null;
    /** When a batch last changed the model's request settings: a fix after the last error waits for a run. */
    settings_changed_at?: Date | null;
  };
  /**
   * The model's request settings and the batch that set them (settings.ts): read by
   * getModelSignals for one model; absent from the fleet-wide read, which has the time alone.
   */
  settings?: ModelSettings | null;
  lastSuccessAt: Date | null;
  lastError: {
    at: Date;
    kind: ErrorKind;
    class: ErrorClass;
    /** Normalized: what groups it (situations, dedupe), never shown. */
    message: string;
    /** The provider's words, redacted: what a person, an agent or the operator's LLM reads. */
    displayMessage: string;
    fingerprint: string;
    /** Only for `unknown` errors whose fingerprint has been classified. */
    classified: ErrorClassification | null;
  } | null;
  /** First error after the last success; null when the model is not failing. */
  streakStartedAt: Date | null;
  failingForHours: number | null;
  consecutiveFailures: number;
  windows: { h24: WindowCounts; d7: WindowCounts; d30: WindowCounts };
  recentErrors: ShownRecentError[];
  speed: {
    lastTtft: number | null;
    lastTokensPerSecond: number | null;
    ttftAvg7d: number | null;
    tpsAvg7d: number | null;
  };
}

/** A recent error as read: `display_message` always set (see `shownText`). */
export type ShownRecentError = RecentError & { display_message: string };

/**
 * What a stored error shows: its display copy, or for a rollup written before the display copy
 * existed, the normalized message it has (what every surface showed then).
 */
function shownText(display: string | null | undefined, normalized: string | null | undefined): string {
  return display ?? normalized ?? "";
}

/**
 * An LLM's classification of an `unknown` error's fingerprint (the fingerprint-classification
 * job), shown next to the error. It informs agents and the operator's LLM; it is never evidence
 * for a disable, since it was read out of provider text (see `expandVerdicts`).
 */
export interface ErrorClassification {
  kind: ErrorKind;
  class: ErrorClass;
  confidence: number;
  /** backend:model of the LLM that classified it. */
  by: string;
  decidedAt: Date;
}

const DAY_MS = 86_400_000;

export async function getModelSignals(
  repos: Repositories,
  provider: string,
  modelId: string,
  now: Date,
  /**
   * For a long-lived caller: how to read the model row (a ModelLocator's `get`) and where to
   * keep day buckets between calls (see SignalDaysCache for why that is safe).
   */
  opts: {
    modelRow?: (key: { provider: string; model_id: string }) => Promise<ModelDoc | null>;
    days?: SignalDaysCache;
  } = {},
): Promise<ModelSignals | null> {
  const key = modelKey(provider, modelId);
  const modelRow = opts.modelRow ?? ((k) => repos.models.get(k));
  // By `_id`: the 30 bucket keys are known, and an `_id` read is an index read on every engine.
  const readDays = (): Promise<SignalDayDoc[]> => repos.signals.daysByIds(windowDayIds(key, now));
  const readStatus = (): Promise<ModelSignalDoc | null> => repos.signals.getStatus(key);
  const cache = opts.days;
  const [model, [status, days]] = await Promise.all([
    modelRow({ provider, model_id: modelId }),
    cache
      ? // The status first, then the buckets it vouches for: never the two in parallel here.
        readStatus().then(async (st) => [st, await cache.read(key, st, readDays)] as const)
      : Promise.all([readStatus(), readDays()]),
  ]);
  if (!model && !status) return null;
  const since = startOfDay(now).getTime() - 29 * DAY_MS;
  const out = buildSignals(
    provider,
    modelId,
    model,
    status,
    days.filter((d) => d.day.getTime() >= since),
    now,
    await classificationsFor(repos, status ? [status] : []),
  );
  const [links, settings] = await Promise.all([
    renameLinks(repos, provider, modelId, model),
    modelSettings(repos, model),
  ]);
  return Object.assign(out, links, { settings });
}

/**
 * Signals for many models at once: one status document per model (index-served, independent
 * of history size) and day buckets only for the models that `needBuckets` selects, so a fleet
 * run reads the history of the few failing models, not of all of them.
 */
export async function getFleetSignals(
  repos: Repositories,
  now: Date,
  opts: {
    provider?: string;
    needBuckets?: (status: ModelSignalDoc | undefined, model: ModelDoc) => boolean;
    /** Read the models and statuses from their packed copies (a long-lived reader's picture). */
    packed?: boolean;
  } = {},
): Promise<ModelSignals[]> {
  const filter = opts.provider ? { provider: opts.provider } : {};
  const [models, statuses] = await Promise.all(
    opts.packed
      ? [repos.models.allRows(filter), repos.signals.allStatuses(filter)]
      : [repos.models.find(filter), repos.signals.statuses(filter)],
  );
  const statusById = new Map(statuses.map((s) => [s._id, s]));
  const classified = await classificationsFor(repos, statuses);
  const need = models.filter((m) =>
    (opts.needBuckets ?? (() => true))(statusById.get(modelKey(m.provider, m.model_id)), m),
  );
  const buckets = new Map<string, SignalDayDoc[]>();
  // Batched $in reads keep the number of round trips small without reading every model's history.
  for (let i = 0; i < need.length; i += 500) {
    const slice = need.slice(i, i + 500);
    const ids = slice.flatMap((m) => windowDayIds(modelKey(m.provider, m.model_id), now));
    for (const doc of await repos.signals.daysByIds(ids)) {
      const key = modelKey(doc.provider, doc.model_id);
      buckets.set(key, [...(buckets.get(key) ?? []), doc]);
    }
  }
  return models.map((m) => {
    const key = modelKey(m.provider, m.model_id);
    return buildSignals(
      m.provider,
      m.model_id,
      m,
      statusById.get(key) ?? null,
      buckets.get(key) ?? [],
      now,
      classified,
    );
  });
}

/** The `_id`s of a model's day buckets in the 30-day window ending today. */
function windowDayIds(key: string, now: Date): string[] {
  const since = startOfDay(now).getTime() - 29 * DAY_MS;
  return Array.from({ length: 30 }, (_, d) => `${key}:${dayKey(new Date(since + d * DAY_MS))}`);
}

/** The stored classifications of the `unknown` last errors among these statuses, by fingerprint. */
async function classificationsFor(
  repos: Repositories,
  statuses: ModelSignalDoc[],
): Promise<Map<string, ErrorClassification>> {
  const fingerprints = statuses.flatMap((s) =>
    s.last_error_kind === "unknown" && s.last_error_fingerprint ? [s.last_error_fingerprint] : [],
  );
  const out = new Map<string, ErrorClassification>();
  for (const [fp, v] of await repos.fingerprintVerdicts.forFingerprints(fingerprints)) {
    out.set(fp, {
      kind: v.kind,
      class: v.class,
      confidence: v.confidence,
      by: `${v.backend}:${v.model}`,
      decidedAt: v.decided_at,
    });
  }
  return out;
}

export function buildSignals(
  provider: string,
  modelId: string,
  model: ModelDoc | null,
  status: ModelSignalDoc | null | undefined,
  days: SignalDayDoc[],
  now: Date,
  classified: Map<string, ErrorClassification> = new Map(),
): ModelSignals {
  const streak = status?.streak_started_at ?? null;
  const recent = Object.values(status?.recent_errors ?? {})
    .sort((a, b) => b.last_ts.getTime() - a.last_ts.getTime())
    .slice(0, 3)
    .map((r): ShownRecentError => ({ ...r, display_message: shownText(r.display_message, r.message) }));
  const d7 = days.filter((d) => d.day.getTime() >= startOfDay(now).getTime() - 6 * DAY_MS);
  return {
    provider,
    model_id: modelId,
    catalog: {
      inCatalog: model !== null,
      enabled: model?.enabled ?? false,
      deprecated: model?.deprecated === true,
      status: model?.status ?? null,
      disabled_reason: model?.disabled_reason ?? null,
      disabled_class: model?.disabled_class ?? null,
      recheck_after: model?.recheck_after ?? null,
      renamed_from: model?.renamed_from ?? null,
      mutation_batch_id: model?.mutation_batch_id ?? null,
      settings_changed_at: settingsOfRow(model)?.changedAt ?? null,
    },
    lastSuccessAt: status?.last_success_at ?? null,
    lastError:
      status?.last_error_at && status.last_error_kind
        ? {
            at: status.last_error_at,
            kind: status.last_error_kind,
            class: status.last_error_class ?? "unknown",
            message: status.last_error_message ?? "",
            displayMessage: shownText(status.last_error_display_message, status.last_error_message),
            fingerprint: status.last_error_fingerprint ?? "",
            classified:
              status.last_error_kind === "unknown"
                ? (classified.get(status.last_error_fingerprint ?? "") ?? null)
                : null,
          }
        : null,
    streakStartedAt: streak,
    failingForHours: streak ? round1((now.getTime() - streak.getTime()) / 3_600_000) : null,
    consecutiveFailures: streak ? (status?.consecutive_failures ?? 0) : 0,
    windows: { h24: window24h(days, now), d7: sumDays(d7), d30: sumDays(days) },
    recentErrors: recent,
    speed: {
      lastTtft: status?.last_ttft ?? null,
      lastTokensPerSecond: status?.last_tokens_per_second ?? null,
      ttftAvg7d: avg(d7, "ttft"),
      tpsAvg7d: avg(d7, "tps"),
    },
  };
}

function sumDays(days: SignalDayDoc[]): WindowCounts {
  const out: WindowCounts = { successes: 0, errors: 0, errorsByKind: {} };
  for (const d of days) {
    out.successes += d.successes ?? 0;
    out.errors += d.errors ?? 0;
    for (const [k, n] of Object.entries(d.errors_by_kind ?? {})) {
      out.errorsByKind[k as ErrorKind] = (out.errorsByKind[k as ErrorKind] ?? 0) + n;
    }
  }
  return out;
}

/** The rolling 24 hours every surface shows (model signals, overview, fleet health): this UTC hour and 23 before. */
export function window24hStart(now: Date): Date {
  const hour = 3_600_000;
  return new Date(Math.floor(now.getTime() / hour) * hour - 23 * hour);
}

/** Whether hour counter `hour` (`hNN`) of the bucket of `day` falls in the rolling 24 hours at `now`. */
export function inWindow24h(day: Date, hour: string, now: Date): boolean {
  const today = startOfDay(now).getTime();
  const t = day.getTime();
  if (t === today) return hour <= hourKey(now);
  return t === today - DAY_MS && hour > hourKey(now);
}

/** A true 24-hour window from the hour counters of today's and yesterday's buckets. */
function window24h(days: SignalDayDoc[], now: Date): WindowCounts {
  const out: WindowCounts = { successes: 0, errors: 0, errorsByKind: {} };
  for (const d of days) {
    for (const [hour, c] of Object.entries(d.hours ?? {})) {
      if (!inWindow24h(d.day, hour, now)) continue;
      out.successes += c.ok ?? 0;
      out.errors += c.err ?? 0;
      for (const [k, n] of Object.entries(c.k ?? {})) {
        out.errorsByKind[k as ErrorKind] = (out.errorsByKind[k as ErrorKind] ?? 0) + n;
      }
    }
  }
  return out;
}

function avg(days: SignalDayDoc[], stat: "ttft" | "tps"): number | null {
  let sum = 0;
  let n = 0;
  for (const d of days) {
    sum += d[`${stat}_sum`] ?? 0;
    n += d[`${stat}_n`] ?? 0;
  }
  return n === 0 ? null : Math.round((sum / n) * 1000) / 1000;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
