import { MEASURED_WINDOW_MS, notMeasuredReason, type ProviderSetup } from "../config/providers.js";
import type { ProviderHealth } from "../policy/evaluate.js";
import type { ModelSignals } from "../signals/read.js";
import type { ProviderStateDoc } from "../storage/operator-state-repository.js";

/**
 * The provider breaker. When auth or billing failures cover most of a provider's active models,
 * the provider is blocked on the external authority that can fix it (credentials, credit) and
 * its models are not proposed for disabling. It leaves that state only when a success (a
 * recovery probe or any run) arrives after the state began.
 */

export interface ProviderAssessment {
  provider: string;
  health: ProviderHealth;
  enabledModels: number;
  activeModels: number;
  healthyModels: number;
  providerWideFailing: number;
  /**
   * Set when the provider is not configured (no credentials here, no runner): views show
   * `not_configured` with this reason, and nothing about it is stored or changed.
   */
  notConfigured: string | null;
  /** The state to store, when it differs from the stored one. */
  change: {
    from: ProviderStateDoc["state"];
    to: ProviderStateDoc["state"];
    reason: string;
    kind: string | null;
    authority: ProviderStateDoc["authority"];
  } | null;
}

/** The word every view shows for a provider: get_fleet_health, /healthz, `bench-operator health`. */
export type ProviderStateWord = ProviderHealth["state"] | "not_configured";

/** An assessment's state word: not_configured when nothing measures it here, else its health. */
export function providerStateWord(a: ProviderAssessment): ProviderStateWord {
  return a.notConfigured ? "not_configured" : a.health.state;
}

const WINDOW_MS = MEASURED_WINDOW_MS;
/** Share of active models that must fail provider-wide before the provider trips. */
const TRIP_SHARE = 0.5;

export function assessProviders(
  signals: ModelSignals[],
  stored: Map<string, ProviderStateDoc>,
  now: Date,
  /** Unset: every provider counts as configured (pure tests of the breaker). */
  setup?: (provider: string) => ProviderSetup,
): Map<string, ProviderAssessment> {
  const out = new Map<string, ProviderAssessment>();
  for (const [provider, models] of enabledByProvider(signals, stored)) {
    const { active, healthy, failing } = classifyModels(models, now);
    const current = stored.get(provider);
    const from = current?.state ?? "healthy";
    const configured = setup?.(provider);
    // Runs in the window while this server has no credentials come from another writer (a runner,
    // the earlier runner during a migration): the provider is measured, so its runs judge it.
    if (configured && !configured.configured && active.length === 0) {
      // Nothing measures it, so nothing here is its health: a pause or block stored before (a
      // sweep that ran without keys) is left as it is, neither acted on nor shown.
      out.set(provider, {
        provider,
        health: { state: from, hasHealthyModels: false },
        enabledModels: models.length,
        activeModels: 0,
        healthyModels: 0,
        providerWideFailing: 0,
        notConfigured: notMeasuredReason(configured.reason),
        change: null,
      });
      continue;
    }
    const next = nextProviderState(models, { active, failing }, current);
    out.set(provider, {
      provider,
      health: { state: next.to, hasHealthyModels: healthy.length > 0 },
      enabledModels: models.length,
      activeModels: active.length,
      healthyModels: healthy.length,
      providerWideFailing: failing.length,
      notConfigured: null,
      change: next.to !== from ? { from, ...next } : null,
    });
  }
  return out;
}

/** Enabled models grouped by provider; a provider with a stored state but no models is kept. */
function enabledByProvider(
  signals: ModelSignals[],
  stored: Map<string, ProviderStateDoc>,
): Map<string, ModelSignals[]> {
  const byProvider = new Map<string, ModelSignals[]>();
  for (const s of signals) {
    if (!s.catalog.enabled) continue;
    byProvider.set(s.provider, [...(byProvider.get(s.provider) ?? []), s]);
  }
  for (const p of stored.keys()) if (!byProvider.has(p)) byProvider.set(p, []);
  return byProvider;
}

/** A provider's models seen in the window: any run, healthy, failing provider-wide. */
function classifyModels(
  models: ModelSignals[],
  now: Date,
): { active: ModelSignals[]; healthy: ModelSignals[]; failing: ModelSignals[] } {
  const recent = (d: Date | null | undefined): boolean => !!d && now.getTime() - d.getTime() <= WINDOW_MS;
  const active = models.filter((m) => recent(m.lastSuccessAt) || recent(m.lastError?.at));
  const healthy = active.filter((m) => recent(m.lastSuccessAt) && m.streakStartedAt === null);
  const failing = active.filter(
    (m) => m.streakStartedAt !== null && m.lastError?.class === "provider_wide" && recent(m.lastError.at),
  );
  return { active, healthy, failing };
}

type ProviderTransition = Omit<NonNullable<ProviderAssessment["change"]>, "from">;

/**
 * The state a configured provider moves to: a stopped one recovers on a later success; otherwise
 * it trips to blocked when provider-wide failures cover enough active models, else it is
 * degraded or healthy by its failing share.
 */
function nextProviderState(
  models: ModelSignals[],
  { active, failing }: { active: ModelSignals[]; failing: ModelSignals[] },
  current: ProviderStateDoc | undefined,
): ProviderTransition {
  const from = current?.state ?? "healthy";
  const tripped =
    active.length > 0 &&
    failing.length >= Math.max(1, Math.ceil(TRIP_SHARE * active.length)) &&
    failing.length >= Math.min(2, active.length);

  if (from === "paused" || from === "blocked") {
    const recovered = models.some((m) => m.lastSuccessAt && current && m.lastSuccessAt > current.since);
    if (recovered) {
      return {
        to: "healthy",
        reason: "a probe succeeded after the provider was stopped",
        kind: null,
        authority: null,
      };
    }
    return {
      to: from,
      reason: current?.reason ?? "",
      kind: current?.kind ?? null,
      authority: current?.authority ?? null,
    };
  }
  if (tripped) {
    const kind = mostCommon(failing.map((m) => m.lastError!.kind));
    const authority = kind === "billing" ? "credit" : "credentials";
    return {
      to: "blocked",
      reason: `${failing.length} of ${active.length} active models fail with ${kind}: a human must fix the ${authority}`,
      kind,
      authority,
    };
  }
  // Models the provider removed (hard class) say nothing about the provider's health.
  const failingAny = active.filter((m) => m.streakStartedAt !== null && m.lastError?.class !== "hard").length;
  const to = active.length > 0 && failingAny > active.length / 2 ? "degraded" : "healthy";
  const reason =
    to === "degraded"
      ? `${failingAny} of ${active.length} active models failing (not counting removed models)`
      : "";
  return { to, reason, kind: null, authority: null };
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "unknown";
}
