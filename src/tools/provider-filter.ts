import { FLEET_PROVIDERS } from "../config/providers.js";
import { AppError } from "../errors.js";
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

/**
 * A search_catalog `provider` filter: one of the providers the catalog is read from (every fleet
 * provider, OpenRouter among them), as they are spelled, or invalid_input naming them: an unknown
 * id (`OpenAl`, `aws`) answered an empty page that read as "that provider lists nothing".
 */
export function catalogProvider(provider: string | undefined): string | undefined {
  if (provider === undefined) return undefined;
  const known = [...new Set<string>(FLEET_PROVIDERS)].sort();
  const same = known.find((p) => p.toLowerCase() === provider.toLowerCase());
  if (same) return same;
  throw new AppError(
    "invalid_input",
    `No provider "${provider}" is read into the catalog. Its providers: ${known.join(", ")}.`,
  );
}
