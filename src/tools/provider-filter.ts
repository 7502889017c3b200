import { AppError } from "../errors.js";

/**
 * A tool's `provider` filter checked against the providers the fleet has: the id as the fleet
 * spells it (`OpenAI` is `openai`), or an invalid_input error that names the known ones, rather
 * than an empty answer that reads as "nothing wrong there". An empty fleet has no providers to
 * check against; its answers carry the empty database's notice instead.
 */
export function fleetProvider(
  fleet: Iterable<{ provider: string }>,
  provider: string | undefined,
): string | undefined {
  if (provider === undefined) return undefined;
  const known = [...new Set([...fleet].map((s) => s.provider))].sort();
  if (known.length === 0 || known.includes(provider)) return provider;
  const same = known.find((p) => p.toLowerCase() === provider.toLowerCase());
  if (same) return same;
  throw new AppError(
    "invalid_input",
    `The fleet has no provider "${provider}". Its providers: ${known.join(", ")}. ` +
      "Provider ids are written as list_models shows them.",
  );
}
