import { hoursAgo } from "../inputs.js";
import { CannotEvaluate, type InvariantCheck } from "../types.js";

/**
 * Every provider with a catalog (rows in the provider catalog or the discovery ledger) has a
 * complete discovery read no older than INVARIANT_DISCOVERY_MAX_AGE_HOURS. Only complete reads
 * count: a partial read proves nothing about absence. An empty ledger cannot be evaluated.
 */
export const discoveryCompletedRecently: InvariantCheck = {
  name: "discovery_completed_recently",
  description: "Every provider with a catalog had a complete discovery read recently.",
  async evaluate({ deps, now }) {
    // Both from pointers their writers keep (one `_id` read and a count each), not a scan.
    const [latest, catalogProviders] = await Promise.all([
      deps.repos.discoveryRuns.latestPerProviderKept(),
      deps.repos.providerCatalog.providersKept(),
    ]);
    if (latest.length === 0) throw new CannotEvaluate("the discovery ledger (discovery_runs) has no rows");
    const providers = [...new Set([...latest.map((l) => l.provider), ...catalogProviders])].sort();
    const maxAgeH = deps.config.jobs.discoveryMaxAgeHours;
    const byProvider = new Map(latest.map((l) => [l.provider, l]));
    const late = providers
      .map((provider) => {
        const complete = byProvider.get(provider)?.latestComplete ?? null;
        return {
          provider,
          last_complete_at: complete?.finished_at ?? null,
          hours_ago: hoursAgo(now, complete?.finished_at),
        };
      })
      .filter(
        (p) =>
          p.last_complete_at === null || now.getTime() - p.last_complete_at.getTime() > maxAgeH * 3_600_000,
      );
    const details = { max_age_hours: maxAgeH, providers, late };
    if (late.length > 0) {
      return {
        status: "violation",
        summary: `${late.length} provider(s) without a complete discovery read in ${maxAgeH} h: ${late.map((l) => l.provider).join(", ")}`,
        details,
      };
    }
    return {
      status: "pass",
      summary: `${providers.length} provider catalog(s) read completely within ${maxAgeH} h`,
      details,
    };
  },
};
