import { CATALOG_PROVIDERS, isCatalogProvider } from "../provider-ids.js";
import type { DiscoveryRunSummary } from "../../storage/discovery-runs-repository.js";
import type { Repositories } from "../../storage/repositories.js";

export interface ProviderReadReport {
  provider: string;
  /** The newest read, complete or not; null if this provider was never read. */
  latest: DiscoveryRunSummary | null;
  /** When the newest complete read finished: the freshness of absence evidence. */
  lastCompleteAt: Date | null;
}

/** The last read per catalog provider (every known provider, so "never read" is visible too). */
export async function discoveryReport(
  repos: Pick<Repositories, "discoveryRuns">,
): Promise<ProviderReadReport[]> {
  const latest = await repos.discoveryRuns.latestPerProvider();
  const byProvider = new Map(latest.map((l) => [l.provider, l]));
  const providers = [
    ...CATALOG_PROVIDERS,
    ...latest.map((l) => l.provider).filter((p) => !isCatalogProvider(p)),
  ];
  return providers.map((provider) => {
    const l = byProvider.get(provider);
    return {
      provider,
      latest: l?.latest ?? null,
      lastCompleteAt: l?.latestComplete?.finished_at ?? null,
    };
  });
}
