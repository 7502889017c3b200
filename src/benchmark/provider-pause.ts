import type { Repositories } from "../storage/repositories.js";

/** How long a provider the sweep paused waits before the recovery-probe job tries it again. */
export const SWEEP_PAUSE_MS = 3_600_000;

/**
 * Pauses a provider whose lane saw provider-wide failures (auth, billing) on consecutive models.
 * The provider moves, not its models: the models' signals get only the few errors that proved the
 * point, no model is disabled, and the recovery-probe job probes the provider after `until`; a
 * success there lets the next operator run mark it healthy again (src/operator/provider-state.ts).
 * A provider already paused or blocked is left as it is.
 */
export async function pauseProvider(
  repos: Repositories,
  provider: string,
  kind: string,
  failures: number,
  now: Date,
): Promise<boolean> {
  const current = await repos.operatorState.providerState(provider);
  if (current && (current.state === "paused" || current.state === "blocked")) return false;
  const authority = kind === "billing" ? "credit" : "credentials";
  const reason = `the benchmark sweep saw ${failures} consecutive ${kind} failures: a human may need to fix the ${authority}`;
  await repos.operatorState.setProviderState(provider, {
    state: "paused",
    reason,
    kind,
    authority,
    since: now,
    until: new Date(now.getTime() + SWEEP_PAUSE_MS),
    affected_models: failures,
    updated_at: now,
  });
  return true;
}
