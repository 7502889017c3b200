import { MEASURED_WINDOW_MS, notMeasuredReason, providerSetup } from "../config/providers.js";
import type { Deps } from "../deps.js";
import type { ProgressSnapshot } from "../storage/heartbeats-repository.js";

// The heartbeat stores the snapshot, so its shape is defined with the store.
export type { ProgressSnapshot, ProviderProgress } from "../storage/heartbeats-repository.js";

/**
 * Per-provider progress: the newest success of any enabled model of each provider. It reads one
 * document per model (O(models), never the run history); the scheduler refreshes it about once a
 * minute into its heartbeat, so `healthz` itself reads a single small document.
 */

export async function computeProviderProgress(deps: Deps, now: Date): Promise<ProgressSnapshot> {
  const { repos, config } = deps;
  // Narrow reads with no filter: on FerretDB (patched, tools/ferretdb) such a projection reads only
  // these fields, where a filter on `enabled` decoded every model document; the scheduler computes
  // this at start, and that read slowed the first calls a freshly started `serve` answered.
  const [signals, allModels, states, runners] = await Promise.all([
    repos.signals.statuses({ fields: ["provider", "last_success_at", "last_error_at"] }),
    repos.models.findFields({}, ["enabled"]),
    repos.operatorState.providerStates(),
    repos.apiTokens.runnersByProvider(),
  ]);
  const models = allModels.filter((m) => m.enabled);
  const enabled = new Map<string, number>();
  for (const m of models) enabled.set(m.provider, (enabled.get(m.provider) ?? 0) + 1);
  const newest = new Map<string, Date>();
  const newestRun = new Map<string, Date>();
  const later = (m: Map<string, Date>, p: string, at: Date | null | undefined): void => {
    if (at && (m.get(p) ?? new Date(0)) < at) m.set(p, at);
  };
  for (const s of signals) {
    later(newest, s.provider, s.last_success_at);
    later(newestRun, s.provider, s.last_success_at);
    later(newestRun, s.provider, s.last_error_at);
  }
  const state = new Map([...states].map(([id, s]) => [id, s.state]));
  const horizonMs = (config.jobs.cadenceHours + config.jobs.cadenceGraceHours) * 3_600_000;
  const providers = [...enabled.keys()].sort().map((provider) => {
    const last = newest.get(provider) ?? null;
    const age = last ? now.getTime() - last.getTime() : null;
    const setup = providerSetup(config, provider, runners);
    // As in get_fleet_health (the rule in src/config/providers.ts): a run in the window without
    // credentials here came from another writer, so the provider is measured, and its state is
    // the stored one; not_configured only when nothing ran it and this process cannot.
    const run = newestRun.get(provider);
    const measured = run !== undefined && now.getTime() - run.getTime() <= MEASURED_WINDOW_MS;
    const notConfigured = !setup.configured && !measured ? notMeasuredReason(setup.reason) : null;
    const st = notConfigured ? "not_configured" : (state.get(provider) ?? "healthy");
    return {
      provider,
      state: st,
      ...(notConfigured ? { state_reason: notConfigured } : {}),
      enabled_models: enabled.get(provider) ?? 0,
      last_success_at: last,
      hours_since_success: age === null ? null : Math.round((age / 3_600_000) * 10) / 10,
      stalled: !notConfigured && st !== "paused" && st !== "blocked" && (age === null || age > horizonMs),
    };
  });
  return { computed_at: now, providers };
}
