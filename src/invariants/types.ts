import type { Deps } from "../deps.js";
import type { CheckStatus } from "../storage/check-runs-repository.js";
import type { DesiredSetSnapshot } from "../storage/desired-set-repository.js";

/**
 * Invariants (the earlier system's discipline, research 4.7): a check reads its inputs and says
 * pass, warning or violation; a check that cannot read its inputs throws {@link CannotEvaluate}
 * and is recorded as not evaluated, never as a pass; any other exception is recorded as an error.
 * Checks never act.
 */
// Stored in every check-run row, so the store defines it.
export type { CheckStatus };

/** Bumped when a threshold or rule changes meaning, so old check runs can be told apart. */
export const THRESHOLD_VERSION = 1;

/** A desired-set snapshot must be at least this old to be judged against. */
export const SNAPSHOT_MIN_AGE_MS = 3_600_000;

export interface CheckOutcome {
  status: "pass" | "warning" | "violation";
  summary: string;
  details?: Record<string, unknown>;
}

export interface CheckContext {
  deps: Deps;
  now: Date;
  /**
   * The newest desired-set snapshot at least an hour old, so that no action can green its own
   * coverage check (disabling a stale model does not remove it from the denominator). Throws
   * {@link CannotEvaluate} when there is none.
   */
  snapshot: () => Promise<DesiredSetSnapshot>;
}

export interface InvariantCheck {
  name: string;
  description: string;
  evaluate(ctx: CheckContext): Promise<CheckOutcome>;
}

/** The inputs of a check are missing: the result is "cannot evaluate", not a pass. */
export class CannotEvaluate extends Error {
  override name = "CannotEvaluate";
}

/** The longest list a check stores in its details; the count is always kept. */
export const MAX_LISTED = 50;

export function listed<T>(items: T[]): { count: number; items: T[]; truncated: boolean } {
  return { count: items.length, items: items.slice(0, MAX_LISTED), truncated: items.length > MAX_LISTED };
}
