/**
 * Where a batch's wordings plug into the rule table (classify.ts), by the kind they name and the
 * precedence they take. Each batch of the labelled corpus whose train messages taught new wordings
 * has its own file (wordings-N.ts, and wordings-<theme>.ts for families written across batches)
 * exporting a `WordingSet`; wordings.ts merges them and classify.ts spreads the merged lists into the
 * rule of the same kind, so new wordings add a file and a line there, not a rule.
 *
 * `notFoundFirst` and `unavailableFirst` sit after the strong money words and before credentials and
 * our request's words (a model kept from the account's plan, said under a 403 or in an error typed as a
 * permission error; a gateway that serves the model from none of its accounts, in words a request
 * rule would read as an unsupported parameter). `contentFilterFirst` sits before credentials too: a
 * request refused for its content under a 403, in words a permission rule would read first; so does
 * `requestFirst`: credentials of ours that are not the provider's (a tool server's token). The other early slots sit beside the specific rules of their kind (patterns.ts, phrasings.ts). The
 * `…Late` slots sit with the word families (families.ts), after every specific and hard rule:
 * `outputLate` BEFORE the bare status codes (an unusable answer in words beats a 400, so a broad
 * family there can overrule a status that was right; it yields to a 5xx), `authLate`, `requestLate`
 * and `serverLate` after them (they only turn an "unknown" into a kind). Hard slots
 * (unavailable, retired, notFound) stay under the transient veto (a 5xx, a 429 or retry words) and
 * must be positive evidence about the model.
 */
/** The slots, each wired beside the rule of its kind in classify.ts (the comment above). */
const SLOTS = [
  "notFoundFirst",
  "contentFilterFirst",
  "requestFirst",
  "unavailableFirst",
  "billing",
  "auth",
  "context",
  "contentFilter",
  "output",
  "unavailable",
  "request",
  "rateLimit",
  "overloaded",
  "server",
  "timeout",
  "network",
  "retired",
  "notFound",
  "authLate",
  "outputLate",
  "requestLate",
  "serverLate",
] as const;

export type WordingSlot = (typeof SLOTS)[number];

/** A batch's or a round's wordings: any of the slots, each a list of regexes. */
export type WordingSet = Partial<Record<WordingSlot, readonly RegExp[]>>;

/** Every slot's lists of the given sets, concatenated in order (an absent slot is empty). */
export function mergeWordings(sets: readonly WordingSet[]): Record<WordingSlot, RegExp[]> {
  const merged = {} as Record<WordingSlot, RegExp[]>;
  for (const slot of SLOTS) merged[slot] = sets.flatMap((set) => [...(set[slot] ?? [])]);
  return merged;
}
