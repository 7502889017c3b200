import type { FleetState } from "../operator/fleet-state.js";
import type { Repositories } from "../storage/repositories.js";
import { hoursBetween, readFleetHours } from "../signals/rollups.js";
import { dayKey } from "../storage/signals-repository.js";
import type { DailyPoint, HealthReportData, ProviderSection } from "./types.js";

/**
 * Per-provider rates over the window and per-day points for the chart, from the fleet's hour
 * rollup (`fleet_hours`): 24 `_id` reads per day of the window, whatever the number of models or
 * the length of the history. Provider state is the stored one, re-assessed by `readFleetState`.
 */
export async function gatherProviders(
  repos: Repositories,
  fleet: FleetState,
  since: Date,
  now: Date,
): Promise<Pick<HealthReportData, "providers" | "daily">> {
  const hours = await readFleetHours(repos, hoursBetween(since, now));
  const stored = await repos.operatorState.providerStates();
  const totals = new Map<string, { successes: number; errors: number; byKind: Record<string, number> }>();
  const perDay = new Map<string, Map<string, DailyPoint>>();
  for (const h of hours) {
    const day = dayKey(h.hour);
    for (const [provider, c] of h.providers) {
      const t = totals.get(provider) ?? { successes: 0, errors: 0, byKind: {} };
      t.successes += c.ok;
      t.errors += c.err;
      for (const [k, n] of Object.entries(c.k)) t.byKind[k] = (t.byKind[k] ?? 0) + n;
      totals.set(provider, t);
      const days = perDay.get(provider) ?? new Map<string, DailyPoint>();
      const p = days.get(day) ?? { day, successes: 0, errors: 0 };
      p.successes += c.ok;
      p.errors += c.err;
      days.set(day, p);
      perDay.set(provider, days);
    }
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
