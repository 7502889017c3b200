import type { ModelSignals } from "../signals/read.js";

/**
 * Which of the fleet's models a list shows: every field given must hold. One definition for the
 * MCP tool `list_models` and the console's models page, so that an agent and a person filtering
 * the same way see the same models.
 */
export interface ModelFilter {
  provider?: string;
  /** true: measured models; false: models not measured (disabled, deprecated, candidates). */
  enabled?: boolean;
  /** true: models flagged deprecated (by the provider or a deprecate decision); false: the others. */
  deprecated?: boolean;
  /** true: models in a failure streak; false: models not failing. */
  failing?: boolean;
  /** Text the model id must contain, compared case-insensitively. */
  query?: string;
}

/**
 * The models of the fleet picture that match, sorted by provider and then model id in
 * JavaScript string order: the order `comesAfter` compares in, which keyset cursors rely on.
 */
export function filterModels(signals: readonly ModelSignals[], f: ModelFilter): ModelSignals[] {
  const text = f.query?.toLowerCase();
  const matching = signals.filter(
    (s) =>
      (f.provider === undefined || s.provider === f.provider) &&
      (f.enabled === undefined || s.catalog.enabled === f.enabled) &&
      (f.deprecated === undefined || s.catalog.deprecated === f.deprecated) &&
      (f.failing === undefined || (s.streakStartedAt !== null) === f.failing) &&
      (text === undefined || s.model_id.toLowerCase().includes(text)),
  );
  return matching.sort((a, b) =>
    comesAfter(a, [b.provider, b.model_id]) ? 1 : comesAfter(b, [a.provider, a.model_id]) ? -1 : 0,
  );
}

/** Whether `s` sorts after the position `key` (provider, model id) in `filterModels`' order. */
export function comesAfter(
  s: { provider: string; model_id: string },
  key: readonly [string, string],
): boolean {
  return s.provider > key[0] || (s.provider === key[0] && s.model_id > key[1]);
}
