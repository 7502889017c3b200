import type { ErrorClassification, ModelSignals } from "../../../src/signals/read.js";
import { classOf, type ErrorKind } from "../../../src/taxonomy/kinds.js";

export const NOW = new Date("2026-11-20T12:00:00Z");
const H = 3_600_000;

/** Signals for one model, failing with `kind` for `failingHours` (0: healthy). */
export function signals(
  provider: string,
  model_id: string,
  opts: {
    kind?: ErrorKind;
    failingHours?: number;
    lastSuccessHoursAgo?: number | null;
    fingerprint?: string;
    enabled?: boolean;
    message?: string;
    classified?: ErrorClassification;
  } = {},
): ModelSignals {
  const failing = (opts.failingHours ?? 0) > 0;
  const kind = opts.kind ?? "model_not_found";
  const lastSuccessAt =
    opts.lastSuccessHoursAgo === null
      ? null
      : new Date(NOW.getTime() - (opts.lastSuccessHoursAgo ?? (failing ? opts.failingHours! + 1 : 1)) * H);
  const empty = { successes: 0, errors: 0, errorsByKind: {} };
  return {
    provider,
    model_id,
    catalog: {
      inCatalog: true,
      enabled: opts.enabled ?? true,
      deprecated: false,
      status: null,
      disabled_reason: null,
      disabled_class: null,
      recheck_after: null,
    },
    lastSuccessAt,
    lastError: failing
      ? {
          at: new Date(NOW.getTime() - 0.5 * H),
          kind,
          class: classOf(kind),
          message: opts.message ?? `${kind} message`,
          displayMessage: opts.message ?? `${kind} message`,
          fingerprint: opts.fingerprint ?? `fp-${provider}-${kind}`,
          classified: opts.classified ?? null,
        }
      : null,
    streakStartedAt: failing ? new Date(NOW.getTime() - opts.failingHours! * H) : null,
    failingForHours: failing ? opts.failingHours! : null,
    consecutiveFailures: failing ? Math.ceil(opts.failingHours! / 3) : 0,
    windows: { h24: empty, d7: empty, d30: empty },
    recentErrors: [],
    speed: { lastTtft: null, lastTokensPerSecond: null, ttftAvg7d: null, tpsAvg7d: null },
  };
}
