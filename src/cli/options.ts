import { AppError } from "../errors.js";
import { storedFleetProvider } from "../fleet/provider-filter.js";
import type { Repositories } from "../storage/repositories.js";

/**
 * A whole number flag (`--limit 20`) read before any database work, so a typo is an `invalid_input`
 * naming the flag rather than whatever the driver makes of NaN (the driver's error was once taken
 * for a lost connection).
 */
export function positiveInt(text: string, flag: string, max = 10_000): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(n) || n < 1 || n > max)
    throw new AppError("invalid_input", `${flag} must be a whole number from 1 to ${max}; got "${text}".`);
  return n;
}

/**
 * `positiveInt` as commander's argParser of `flag`, so a numeric default shows in help as the number
 * it is (`(default: 30)`, not `(default: "30")`) and the action gets a number.
 */
export function positiveIntArg(flag: string, max = 10_000): (text: string) => number {
  return (text) => positiveInt(text, flag, max);
}

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
