import type { Config } from "../config/config.js";
import type { Deps } from "../deps.js";
import { readFleetState, type FleetState } from "../operator/fleet-state.js";
import { providerStateWord } from "../operator/provider-state.js";
import type { ProgressSnapshot } from "../storage/heartbeats-repository.js";

// The heartbeat stores the snapshot, so its shape is defined with the store.
export type { ProgressSnapshot, ProviderProgress } from "../storage/heartbeats-repository.js";

/**
 * Per-provider progress: the state get_fleet_health shows (the same assessment of the same fleet
 * picture, `providerStateWord`), the provider's enabled models and the newest success of any of
 * them. The scheduler refreshes it about once a minute into its heartbeat, so `healthz` in another
 * process reads a single small document; `serve`'s own /healthz reads the fleet picture its MCP
 * tools keep, so both say the same at the same moment.
 */
export function providerProgress(
  state: Pick<FleetState, "signals" | "providers">,
  config: Pick<Config, "jobs">,
  at: Date,
): ProgressSnapshot {
  const newest = new Map<string, Date>();
  for (const s of state.signals) {
    const last = s.catalog.enabled ? s.lastSuccessAt : null;
    if (last && (newest.get(s.provider) ?? new Date(0)) < last) newest.set(s.provider, last);
  }
  const horizonMs = (config.jobs.cadenceHours + config.jobs.cadenceGraceHours) * 3_600_000;
  const providers = [...state.providers.values()]
    .filter((a) => a.enabledModels > 0)
    .sort((a, b) => a.provider.localeCompare(b.provider))
    .map((a) => {
      const last = newest.get(a.provider) ?? null;
      const age = last ? at.getTime() - last.getTime() : null;
      const word = providerStateWord(a);
      return {
        provider: a.provider,
        state: word,
        ...(a.notConfigured ? { state_reason: a.notConfigured } : {}),
        enabled_models: a.enabledModels,
        last_success_at: last,
        hours_since_success: age === null ? null : Math.round((age / 3_600_000) * 10) / 10,
        stalled:
          word !== "not_configured" &&
          word !== "paused" &&
          word !== "blocked" &&
          (age === null || age > horizonMs),
      };
    });
  return { computed_at: at, providers };
}

/**
 * The progress computed now, from the fleet picture read as the MCP server reads it (the packed
 * copies of the models and their statuses: a handful of reads, not one per model).
 */
export async function computeProviderProgress(deps: Deps, now: Date): Promise<ProgressSnapshot> {
  return providerProgress(
    await readFleetState(deps.repos, deps.config, now, { packed: true }),
    deps.config,
    now,
  );
}
