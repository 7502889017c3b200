import { knownCatalogProvider } from "../catalog/provider-ids.js";
import { knownFleetProvider } from "../fleet/provider-filter.js";

/**
 * A tool's `provider` filter as the fleet spells it, or an invalid_input error naming the fleet's
 * providers (src/fleet/provider-filter.ts; the CLI's `--provider` applies the same rule).
 */
export function fleetProvider(
  fleet: Iterable<{ provider: string }>,
  provider: string | undefined,
): string | undefined {
  return knownFleetProvider(fleet, provider, "list_models");
}

/** A search_catalog `provider` filter: src/catalog/provider-ids.ts `knownCatalogProvider`. */
export function catalogProvider(provider: string | undefined): string | undefined {
  return provider === undefined ? undefined : knownCatalogProvider(provider);
}
