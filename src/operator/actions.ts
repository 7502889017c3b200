/**
 * What the operator can decide about a model. `promote` and `rename` come with discovery.
 * A leaf module, so the verdict store in src/storage can name the actions without importing the
 * operator's types (which read signals, which read the repositories).
 */
export const OPERATOR_ACTIONS = ["disable", "enable", "deprecate", "monitor", "ignore"] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];
