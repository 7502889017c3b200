import type { Repositories } from "../storage/repositories.js";
import { modelKey } from "../storage/signals-repository.js";
import { CannotEvaluate } from "./types.js";

/**
 * Inputs several checks share. They read the per-model signal documents (one per model, kept
 * current on write) instead of the raw history, so a check costs O(models) however long the
 * history is.
 */

/** Last success per `provider:model_id`. Throws CannotEvaluate when signals were never built. */
export async function lastSuccesses(repos: Repositories): Promise<Map<string, Date | null>> {
  const docs = await repos.signals.statuses({ fields: ["provider", "model_id", "last_success_at"] });
  if (docs.length === 0 && (await repos.metrics.hasAny())) {
    throw new CannotEvaluate(
      "metrics exist but no model signals: run `bench-operator signals backfill` (the operator run does it too)",
    );
  }
  return new Map(docs.map((d) => [modelKey(d.provider, d.model_id), d.last_success_at ?? null]));
}

/** Providers that are paused or blocked on purpose: their silence is expected, not a stall. */
export async function stoppedProviders(repos: Repositories): Promise<Map<string, string>> {
  const states = await repos.operatorState.providerStates();
  return new Map(
    [...states.values()]
      .filter((s) => s.state === "paused" || s.state === "blocked")
      .map((s) => [s._id, `${s.state}: ${s.reason}`]),
  );
}

export function hoursAgo(now: Date, then: Date | null | undefined): number | null {
  return then ? Math.round(((now.getTime() - then.getTime()) / 3_600_000) * 10) / 10 : null;
}
