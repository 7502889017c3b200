import { AppError } from "../errors.js";
import { parseModelMetadata } from "../providers/stream/model-metadata.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { modelKey } from "../storage/signals-repository.js";
import type { ChangeRequest } from "../mutations/mutate.js";

/**
 * A `set_settings` decision's model change: `model_metadata` becomes the model's current settings
 * with the decision's `evidence.settings` laid over them (read when the batch is built, so a key
 * someone set since the proposal is kept). The batch records the whole before-image, so its
 * revert puts back exactly what was there, or removes the field when there was none.
 * `settings_changed_at` makes a failing model due at once (src/benchmark/schedule/due.ts), so the
 * next sweep tries the new settings instead of waiting out the failure's backoff.
 */

/** The current `model_metadata` of every target of the set_settings decisions (one read). */
export async function currentSettings(
  repos: Repositories,
  decisions: readonly DecisionDoc[],
): Promise<Map<string, Record<string, unknown>>> {
  const targets = decisions.filter((d) => d.action === "set_settings").flatMap((d) => d.targets);
  const models = await repos.models.rawByKeys(targets);
  return new Map(models.map((m) => [modelKey(m.provider, m.model_id), m.model_metadata ?? {}]));
}

export function settingsChanges(
  d: DecisionDoc,
  current: ReadonlyMap<string, Record<string, unknown>>,
  now: Date,
): ChangeRequest[] {
  const settings = d.evidence["settings"];
  if (typeof settings !== "object" || settings === null || Array.isArray(settings))
    throw new AppError("invalid_input", `set_settings decision ${d._id} has no evidence.settings object`);
  return d.targets.map((t) => {
    const merged = { ...(current.get(modelKey(t.provider, t.model_id)) ?? {}), ...settings };
    const parsed = parseModelMetadata(merged);
    if (!parsed.ok) throw new AppError("invalid_input", `set_settings decision ${d._id}: ${parsed.problem}`);
    return { ...t, set: { model_metadata: merged, settings_changed_at: now } };
  });
}
