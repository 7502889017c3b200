import type { ModelDoc } from "../storage/documents.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { Repositories } from "../storage/repositories.js";

/**
 * A model's per-model request settings (`model_metadata`: api, omit_temperature...) and the batch
 * that wrote them, so `signals show` and get_model_signals say what a failing model is measured
 * with now, and since when: a settings fix (a `set_settings` decision) shows there as soon as it
 * is applied, long before a run confirms it.
 */
export interface ModelSettings {
  values: Record<string, unknown>;
  /** When a batch last changed them (`settings_changed_at`); null when no batch did. */
  changedAt: Date | null;
  /** The batch whose change wrote them last, or null when none is on record (seeded, imported). */
  batch: { id: string; actor: string; at: Date } | null;
}

/** How many of a model's batches are followed back looking for the one that set its settings. */
const CHAIN_LIMIT = 20;

/** What the row holds: its settings and their change time, without the batch (no read). */
export function settingsOfRow(row: ModelDoc | null): ModelSettings | null {
  if (!row) return null;
  const changed = row["settings_changed_at"];
  const changedAt = changed instanceof Date ? changed : null;
  if (!row.model_metadata && !changedAt) return null;
  return { values: row.model_metadata ?? {}, changedAt, batch: null };
}

/**
 * The row's settings with the batch that wrote them: every change writes its batch's id into the
 * row, and its before-image names the batch before it, so the chain is followed back (under the id
 * the model had then, for a rename) to the newest change that wrote `model_metadata`. `_id` reads
 * only, and none for a model without settings.
 */
export async function modelSettings(
  repos: Repositories,
  row: ModelDoc | null,
): Promise<ModelSettings | null> {
  const settings = settingsOfRow(row);
  if (!settings || !row) return settings;
  let modelId = row.model_id;
  let next = typeof row.mutation_batch_id === "string" ? row.mutation_batch_id : null;
  const seen = new Set<string>();
  while (next && seen.size < CHAIN_LIMIT && !seen.has(next)) {
    seen.add(next);
    const batch: MutationBatchDoc | null = await repos.mutations.get(next);
    const change = batch?.changes.find(
      (c) => c.provider === row.provider && (c.model_id === modelId || c.rename_to === modelId),
    );
    if (!batch || !change) break;
    if (
      change.status === "applied" &&
      ("model_metadata" in change.after || change.unset?.includes("model_metadata"))
    )
      return { ...settings, batch: { id: batch._id, actor: batch.actor, at: batch.created_at } };
    const before = change.before.mutation_batch_id;
    next = typeof before === "string" ? before : null;
    modelId = change.model_id;
  }
  return settings;
}

/** "api=responses, omit_temperature=true": settings on one line. */
export function settingsText(values: Record<string, unknown>): string {
  const parts = Object.entries(values).map(
    ([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`,
  );
  return parts.length > 0 ? parts.join(", ") : "none";
}

/** What settingsFixSince reads of a model's signals (read.ts's ModelSignals has it). */
export interface SettingsFixMember {
  provider: string;
  model_id: string;
  catalog: { settings_changed_at?: Date | null };
  lastError: { at: Date } | null;
}

/**
 * For a situation's members: which had their settings changed after their last error, and when
 * the newest such change was. A settings fix applied to a failing model is then waiting for its
 * next run to show whether it worked, which the situation should say rather than "needs fixing".
 */
export function settingsFixSince(
  members: readonly SettingsFixMember[],
): { modelIds: string[]; at: Date } | null {
  const fixed = members.filter((m) => {
    const at = m.catalog.settings_changed_at;
    return at instanceof Date && (m.lastError === null || at.getTime() > m.lastError.at.getTime());
  });
  if (fixed.length === 0) return null;
  const at = new Date(Math.max(...fixed.map((m) => m.catalog.settings_changed_at!.getTime())));
  return { modelIds: fixed.map((m) => m.model_id), at };
}

/**
 * A situation's sentence about an applied settings fix: "settings fix applied at <time> for
 * <models>; the next run shows whether it worked", or null when none was applied since the
 * members' last errors. `signals` is the fleet picture the situation was built from.
 */
export function situationFixNote(
  situation: { provider: string; modelIds: readonly string[] },
  fleet: { signals: readonly SettingsFixMember[] },
): string | null {
  const ids = new Set(situation.modelIds);
  const fix = settingsFixSince(
    fleet.signals.filter((m) => m.provider === situation.provider && ids.has(m.model_id)),
  );
  if (!fix) return null;
  const which = fix.modelIds.length === ids.size ? "every model" : fix.modelIds.join(", ");
  const at = fix.at.toISOString().slice(0, 16).replace("T", " ") + " UTC";
  return `settings fix applied at ${at} for ${which}; the next run shows whether it worked`;
}
