import type { CatalogEntry } from "./catalog.js";
import type { DemoProvider } from "./providers.js";
import type { ModelRole } from "./types.js";

/**
 * The demo's renames (issue 17, item 1): ids the provider stopped serving under their old name
 * while its complete catalog read lists exactly one successor. Both pairs are real: the demo's
 * OpenRouter snapshot (data/catalog/openrouter-models-2026-06-06.json) lists neither old id and
 * lists each new one, and nothing else with the same stem and a new date or version. The brief's
 * own example (Fireworks `deepseek-v3` -> `deepseek-v3-0324`) is the second pair as OpenRouter
 * spells it; the demo has no Fireworks snapshot.
 */
export interface DemoRename {
  provider: DemoProvider;
  from: string;
  to: string;
}

export const DEMO_RENAMES: readonly DemoRename[] = [
  { provider: "openrouter", from: "mistralai/mistral-large-2411", to: "mistralai/mistral-large-2512" },
  { provider: "openrouter", from: "deepseek/deepseek-chat-v3", to: "deepseek/deepseek-chat-v3-0324" },
];

/** The successor of a renamed demo model, for its ground truth. */
export function renameOf(provider: string, modelId: string): DemoRename | undefined {
  return DEMO_RENAMES.find((r) => r.provider === provider && r.from === modelId);
}

/**
 * Places the renamed models: an old id the fleet already has is enabled and used as it is;
 * otherwise it is written over the provider's last free disabled slot (so the fleet keeps its
 * size and the same ids whatever the seed). A pair whose new id the fleet already measures is
 * skipped: that would be a duplicate, not a rename (large fleets can grow the new id from a
 * template). A provider with few enabled models gets at most one renamed model per four enabled
 * ones (none in the smallest fleets), so that its other models stay visibly healthy.
 */
export function addRenames(catalog: CatalogEntry[], roles: Map<CatalogEntry, ModelRole>): void {
  for (const r of DEMO_RENAMES) {
    const mine = catalog.filter((e) => e.provider === r.provider);
    if (mine.some((e) => e.model_id.toLowerCase() === r.to.toLowerCase())) continue;
    const at =
      mine.find((e) => e.model_id === r.from && !roles.has(e)) ??
      [...mine].reverse().find((e) => !e.enabled && !roles.has(e));
    if (!at) continue;
    const placed = mine.filter((e) => roles.get(e) === "renamed").length;
    const enabled = mine.filter((e) => e.enabled).length + (at.enabled ? 0 : 1);
    if ((placed + 1) * 4 > enabled) continue;
    at.model_id = r.from;
    at.enabled = true;
    at.real = true;
    roles.set(at, "renamed");
  }
}
