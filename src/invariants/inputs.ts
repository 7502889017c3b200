import type { ModelDoc } from "../storage/documents.js";
import type { Repositories } from "../storage/repositories.js";
import { modelKey } from "../storage/signals-repository.js";
import { CannotEvaluate, type CheckContext } from "./types.js";

/**
 * Inputs several checks share. They read the per-model signal documents (one per model, kept
 * current on write) instead of the raw history, so a check costs O(models) however long the
 * history is.
 */

const successesByEvaluation = new WeakMap<CheckContext, Promise<Map<string, Date | null>>>();

/**
 * Last success per `provider:model_id`, read once per evaluation for every check that needs it.
 * Throws CannotEvaluate when signals were never built.
 */
export function lastSuccesses(ctx: CheckContext): Promise<Map<string, Date | null>> {
  let read = successesByEvaluation.get(ctx);
  if (!read) {
    read = readLastSuccesses(ctx.deps.repos);
    successesByEvaluation.set(ctx, read);
  }
  return read;
}

async function readLastSuccesses(repos: Repositories): Promise<Map<string, Date | null>> {
  const docs = await repos.signals.statuses({ fields: ["provider", "model_id", "last_success_at"] });
  if (docs.length === 0 && (await repos.metrics.hasAny())) {
    throw new CannotEvaluate(
      "metrics exist but no model signals: run `bench-operator signals backfill` (the operator run does it too)",
    );
  }
  return new Map(docs.map((d) => [modelKey(d.provider, d.model_id), d.last_success_at ?? null]));
}

/**
 * Last success of each of `keys` (`provider:model_id`; absent when never measured), read by `_id`:
 * costs O(keys), not O(fleet). Throws CannotEvaluate as `lastSuccesses` does.
 */
export async function lastSuccessesOf(
  repos: Repositories,
  keys: readonly string[],
): Promise<Map<string, Date | null>> {
  const docs = await repos.signals.statusesByKeys(keys, ["provider", "model_id", "last_success_at"]);
  if (docs.length === 0 && !(await repos.signals.hasStatuses()) && (await repos.metrics.hasAny())) {
    throw new CannotEvaluate(
      "metrics exist but no model signals: run `bench-operator signals backfill` (the operator run does it too)",
    );
  }
  return new Map(docs.map((d) => [modelKey(d.provider, d.model_id), d.last_success_at ?? null]));
}

/** The fields of a disabled model the checks read. */
const DISABLED_FIELDS = [
  "enabled",
  "deprecated",
  "disabled_at",
  "disabled_reason",
  "disabled_class",
  "recheck_after",
] as const satisfies readonly (keyof ModelDoc)[];

const disabledByEvaluation = new WeakMap<CheckContext, Promise<ModelDoc[]>>();

/**
 * The disabled models (those fields only), in `provider, model_id` order, read once per
 * evaluation for every check that needs them.
 */
export function disabledModels(ctx: CheckContext): Promise<ModelDoc[]> {
  let read = disabledByEvaluation.get(ctx);
  if (!read) {
    read = ctx.deps.repos.models.findFields({ enabled: false }, DISABLED_FIELDS);
    disabledByEvaluation.set(ctx, read);
  }
  return read;
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
