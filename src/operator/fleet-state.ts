import type { Config } from "../config/config.js";
import { providerSetup } from "../config/providers.js";
import type { ProviderHealth } from "../policy/evaluate.js";
import { getFleetSignals, type ModelSignals } from "../signals/read.js";
import type { Repositories } from "../storage/repositories.js";
import { assessProviders, type ProviderAssessment } from "./provider-state.js";
import { buildSituations, type SituationSet } from "./situations.js";

/**
 * The fleet as the operator sees it right now, read-only: signals, provider health (the stored
 * state, re-assessed without writing) and situations. The CLI and the MCP tools read this; only
 * the operator run writes what it concludes.
 */
export interface FleetState extends SituationSet {
  signals: ModelSignals[];
  providers: Map<string, ProviderAssessment>;
  health: Map<string, ProviderHealth>;
}

export async function readFleetState(
  repos: Repositories,
  /** Which providers this server is configured for (src/config/providers.ts). */
  config: Pick<Config, "providers" | "bedrock" | "vertex">,
  now: Date,
  /**
   * `windows: true` also reads the failing models' day buckets (24 h / 7 d / 30 d counts). No
   * surface of the fleet picture shows them (situations, health, the report and the operator
   * judge by the status documents; get_model_signals reads one model's), and on FerretDB they
   * cost about a millisecond per bucket, 30 per failing model.
   */
  opts: { provider?: string; windows?: boolean; packed?: boolean } = {},
): Promise<FleetState> {
  const signals = await getFleetSignals(repos, now, {
    ...(opts.provider ? { provider: opts.provider } : {}),
    ...(opts.packed ? { packed: true } : {}),
    needBuckets: (status) => opts.windows === true && Boolean(status?.streak_started_at),
  });
  const [stored, runners] = await Promise.all([
    repos.operatorState.providerStates(),
    repos.apiTokens.runnersByProvider(),
  ]);
  const providers = assessProviders(signals, stored, now, (p) => providerSetup(config, p, runners));
  const health = new Map([...providers].map(([p, a]) => [p, a.health]));
  // A provider that is not configured here still has the history other writers left (a runner,
  // the earlier system, the demo): its situations stay visible. Nothing here measures it any more,
  // so no new errors arrive, and errors that say nothing about a model (auth, billing) are
  // provider-wide evidence that can never disable one.
  return { signals, providers, health, ...buildSituations(signals, health, now) };
}
