import type { ModelDoc } from "../storage/documents.js";
import type { Repositories } from "../storage/repositories.js";
import { modelKey } from "../storage/signals-repository.js";

/**
 * The relation a rename leaves (a `rename` decision moves a row to a new id and records
 * `renamed_from`): the new id's signals show the old id's totals, whose history stays stored
 * under the old id, and the old id's signals name the id it moved to.
 */
export interface RenamedFrom {
  model_id: string;
  renamed_at: Date | null;
  last_success_at: Date | null;
  successes_total: number;
  errors_total: number;
  last_error_kind: string | null;
}

export interface RenameLinks {
  renamedFrom?: RenamedFrom;
  renamedTo?: { model_id: string; renamed_at: Date | null };
}

/**
 * One `_id` read of the old id's status for a renamed model; for an id no longer in the catalog,
 * one read of the models that were renamed from it. Nothing for any other model.
 */
export async function renameLinks(
  repos: Repositories,
  provider: string,
  modelId: string,
  model: ModelDoc | null,
): Promise<RenameLinks> {
  const from = model?.renamed_from;
  if (typeof from === "string" && from !== "") {
    const s = await repos.signals.getStatus(modelKey(provider, from));
    return {
      renamedFrom: {
        model_id: from,
        renamed_at: model?.renamed_at ?? null,
        last_success_at: s?.last_success_at ?? null,
        successes_total: s?.successes_total ?? 0,
        errors_total: s?.errors_total ?? 0,
        last_error_kind: s?.last_error_kind ?? null,
      },
    };
  }
  if (model) return {};
  const [to] = await repos.models.find({ provider, renamed_from: modelId }, { limit: 1 });
  return to ? { renamedTo: { model_id: to.model_id, renamed_at: to.renamed_at ?? null } } : {};
}
