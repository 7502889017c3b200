import type { Repositories } from "./repositories.js";

/**
 * Writes every packed copy again from its source (src/storage/packed-rows.ts): the models, their
 * status documents and the OpenRouter catalog. For a writer of many rows that leaves the copies
 * dropped (the signals backfill) or one that wrote around the stores; a reader would otherwise
 * pay the whole read on its first call.
 */
export async function rebuildPackedCopies(
  repos: Pick<Repositories, "models" | "signals" | "openrouterCatalog">,
): Promise<void> {
  await repos.models.packed.rebuild();
  await repos.signals.packedStatuses.rebuild();
  await repos.openrouterCatalog.packed.rebuild();
}
