import type { Repositories } from "../../storage/repositories.js";
import { readCovers } from "./absence.js";

/**
 * Whether a provider's catalog lists an id, by its newest read: `listed`; `not_listed` only when
 * that read is complete and looked for the id (a Vertex read covers the publishers it read);
 * `unknown` otherwise (no read, an incomplete newest read, a publisher not read), with why.
 */
export interface ListingCheck {
  provider: string;
  model_id: string;
  outcome: "listed" | "not_listed" | "unknown";
  /** The read the outcome rests on, when there is one. */
  read: { finished_at: Date; complete: boolean; model_count: number } | null;
  reason: string;
}

export async function checkListed(
  repos: Pick<Repositories, "discoveryRuns">,
  provider: string,
  modelId: string,
): Promise<ListingCheck> {
  const base = { provider, model_id: modelId };
  const [latest] = await repos.discoveryRuns.recent(provider, 1);
  if (!latest)
    return { ...base, outcome: "unknown", read: null, reason: `no catalog read of ${provider} on record` };
  const [complete] = await repos.discoveryRuns.lastComplete(provider, 1);
  const wanted = modelId.toLowerCase();
  const lists = (ids: readonly string[]) => ids.some((id) => id.toLowerCase() === wanted);
  if (complete && lists(complete.model_ids)) {
    return {
      ...base,
      outcome: "listed",
      read: refOf(complete),
      reason: `${provider}'s catalog lists ${modelId}`,
    };
  }
  const newestIsComplete = complete !== undefined && String(complete._id) === String(latest._id);
  if (!newestIsComplete || !complete) {
    return {
      ...base,
      outcome: "unknown",
      read: complete ? refOf(complete) : null,
      reason: complete
        ? `the newest read of ${provider} (${latest.finished_at.toISOString()}) was incomplete; the newest complete one (${complete.finished_at.toISOString()}) does not list ${modelId}`
        : `no complete catalog read of ${provider} on record`,
    };
  }
  if (!readCovers(complete, modelId)) {
    return {
      ...base,
      outcome: "unknown",
      read: refOf(complete),
      reason: `the newest complete read of ${provider} did not read the part of its listing ${modelId} would be in`,
    };
  }
  return {
    ...base,
    outcome: "not_listed",
    read: refOf(complete),
    reason: `the newest catalog read of ${provider} (${complete.finished_at.toISOString()}, complete, ${complete.model_ids.length} models) does not list ${modelId}`,
  };
}

function refOf(run: { finished_at: Date; complete: boolean; model_ids: string[] }): ListingCheck["read"] {
  return { finished_at: run.finished_at, complete: run.complete, model_count: run.model_ids.length };
}
