import type { FleetState } from "../operator/fleet-state.js";
import type { Repositories } from "../storage/repositories.js";
import { dayKey, modelKey, startOfDay } from "../storage/signals-repository.js";
import type { DailyPoint, HealthReportData, ProviderSection } from "./types.js";

const DAY_MS = 86_400_000;

/**
 * Per-provider rates over the window and per-day points for the chart, from the per-model day
 * buckets (`model_signal_days`): their number grows with models times days, not with the history
 * of runs. Provider state is the stored one, re-assessed by `readFleetState`.
 */
export async function gatherProviders(
  repos: Repositories,
  fleet: FleetState,
  since: Date,
  now: Date,
): Promise<Pick<HealthReportData, "providers" | "daily">> {
  // Every model with signals, plus catalog rows without any yet: their buckets are read by `_id`
  // (a filter on `day` would scan every bucket ever written on FerretDB).
  const keys = new Set(fleet.signals.map((m) => modelKey(m.provider, m.model_id)));
  for (const s of await repos.signals.statuses({ fields: ["provider", "model_id"] })) {
    keys.add(modelKey(s.provider, s.model_id));
  }
  const dayKeys: string[] = [];
  for (let t = startOfDay(since).getTime(); t <= now.getTime(); t += DAY_MS)
    dayKeys.push(dayKey(new Date(t)));
  const buckets = await repos.signals.daysByIdsProjected(
    [...keys].flatMap((k) => dayKeys.map((d) => `${k}:${d}`)),
    ["provider", "day", "successes", "errors", "errors_by_kind"],
  );
  const stored = await repos.operatorState.providerStates();
  const totals = new Map<string, { successes: number; errors: number; byKind: Record<string, number> }>();
  const perDay = new Map<string, Map<string, DailyPoint>>();
  for (const b of buckets) {
    const t = totals.get(b.provider) ?? { successes: 0, errors: 0, byKind: {} };
    t.successes += b.successes ?? 0;
    t.errors += b.errors ?? 0;
    for (const [k, n] of Object.entries(b.errors_by_kind ?? {})) t.byKind[k] = (t.byKind[k] ?? 0) + n;
    totals.set(b.provider, t);
    const day = b.day.toISOString().slice(0, 10);
    const days = perDay.get(b.provider) ?? new Map<string, DailyPoint>();
    const p = days.get(day) ?? { day, successes: 0, errors: 0 };
    p.successes += b.successes ?? 0;
    p.errors += b.errors ?? 0;
    days.set(day, p);
    perDay.set(b.provider, days);
  }

  const names = [...new Set([...fleet.providers.keys(), ...totals.keys(), ...stored.keys()])].sort();
  const providers: ProviderSection[] = names.map((provider) => {
    const a = fleet.providers.get(provider);
    const s = stored.get(provider);
    const t = totals.get(provider) ?? { successes: 0, errors: 0, byKind: {} };
    const runs = t.successes + t.errors;
    return {
      provider,
      state: a?.notConfigured ? "not_configured" : (a?.health.state ?? s?.state ?? "healthy"),
      stateReason: a?.notConfigured ?? a?.change?.reason ?? s?.reason ?? "",
      stateSince: s?.since ?? null,
      enabledModels: a?.enabledModels ?? 0,
      failingModels: fleet.signals.filter(
        (m) => m.provider === provider && m.catalog.enabled && m.streakStartedAt !== null,
      ).length,
      successes: t.successes,
      errors: t.errors,
      successRate: runs === 0 ? null : t.successes / runs,
      errorsByKind: t.byKind,
    };
  });
  const daily = [...perDay]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([provider, days]) => ({
      provider,
      points: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    }));
  return { providers, daily };
}
