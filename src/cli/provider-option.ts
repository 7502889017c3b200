import { storedFleetProvider } from "../fleet/provider-filter.js";
import type { Repositories } from "../storage/repositories.js";

/**
 * A `--provider` filter of the fleet's models as the fleet spells it, or `invalid_input` naming the
 * providers it has: the MCP tools' rule (src/fleet/provider-filter.ts), so a typo is refused rather
 * than answered with an empty list that reads as "nothing wrong there".
 */
export function fleetProviderOption(
  repos: Pick<Repositories, "models">,
  provider: string | undefined,
): Promise<string | undefined> {
  return storedFleetProvider(repos, provider, "`bench-operator models list`");
}
