/**
 * What the operator can decide about a model. `promote` comes with discovery; `rename` moves a
 * model's measurement to its successor id (src/catalog/successor.ts finds it).
 * A leaf module, so the verdict store in src/storage can name the actions without importing the
 * operator's types (which read signals, which read the repositories).
 */
export const OPERATOR_ACTIONS = ["disable", "enable", "deprecate", "monitor", "ignore", "rename"] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];
