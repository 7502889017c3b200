/**
 * What the operator can decide about a model. `promote` comes with discovery; `rename` moves a
 * model's measurement to its successor id (src/catalog/successor.ts finds it); `set_settings` changes
 * a model's request settings (src/operator/settings-detect.ts names them).
 * A leaf module, so the verdict store in src/storage can name the actions without importing the
 * operator's types (which read signals, which read the repositories).
 */
export const OPERATOR_ACTIONS = [
  "disable",
  "enable",
  "deprecate",
  "monitor",
  "ignore",
  "rename",
  "set_settings",
] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

/**
 * The actions an operator run proposes one model at a time (one decision per model); a monitor or
 * an ignore is one per situation and changes no model, and an enable comes from a person or discovery.
 */
export const MODEL_ACTIONS: ReadonlySet<OperatorAction> = new Set<OperatorAction>([
  "disable",
  "deprecate",
  "rename",
  "set_settings",
]);
