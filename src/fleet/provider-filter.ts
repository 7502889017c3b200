import { AppError } from "../errors.js";
import type { Repositories } from "../storage/repositories.js";

/**
 * A `provider` filter checked against the providers the fleet has: the id as the fleet spells it
 * (`OpenAI` is `openai`), or an invalid_input error that names the known ones, rather than an empty
 * answer that reads as "nothing wrong there". An empty fleet has no providers to check against;
 * its answers carry the empty database's notice instead. `listedBy` names where the caller's user
 * sees the ids (list_models for an agent, `bench-operator models list` for a person).
 */
export function knownFleetProvider(
  fleet: Iterable<{ provider: string }>,
  provider: string | undefined,
  listedBy: string,
): string | undefined {
  if (provider === undefined) return undefined;
  const known = [...new Set([...fleet].map((s) => s.provider))].sort();
  if (known.length === 0 || known.includes(provider)) return provider;
  const same = known.find((p) => p.toLowerCase() === provider.toLowerCase());
  if (same) return same;
  throw new AppError(
    "invalid_input",
    `The fleet has no provider "${provider}". Its providers: ${known.join(", ")}. ` +
      `Provider ids are written as ${listedBy} shows them.`,
  );
}

/**
 * `knownFleetProvider` against the models stored now, for a caller that holds no fleet picture
 * (a CLI command): one read of the models' provider and id fields.
 */
export async function storedFleetProvider(
  repos: Pick<Repositories, "models">,
  provider: string | undefined,
  listedBy: string,
): Promise<string | undefined> {
  if (provider === undefined) return undefined;
  return knownFleetProvider(await repos.models.findFields({}, []), provider, listedBy);
}
