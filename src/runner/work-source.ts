import type { RunResult } from "../benchmark/index.js";
import type { RecordOutcome, WorkItem } from "../benchmark/schedule/index.js";

/**
 * What the ingest API needs from scheduling: claim due work for a runner and record what it
 * measured. Injected rather than imported so the HTTP layer does not depend on how claims are
 * stored, and tests can count what reached it. `scheduleWorkSource` (schedule-source.ts) is the
 * production implementation over claim-time scheduling.
 */
export interface WorkSource {
  claim(opts: ClaimOptions): Promise<ClaimedItem[]>;
  record(item: ClaimedItem, result: RunResult, now: Date): Promise<RecordOutcome>;
  /** The claims as they stand, by id (absent: unknown, or pruned after a takeover). */
  lookup(claimIds: string[]): Promise<Map<string, HeldClaim>>;
  /** Finishes an unfinished claim without a result: nothing stored, nothing charged, the model due again. */
  /** Finishes the claim as `released:<reason>`, charging nothing. */
  release(claim: HeldClaim, reason: string, now: Date): Promise<void>;
}

/** A claim with who holds it and whether it is finished (by a result or a release). */
export interface HeldClaim {
  item: ClaimedItem;
  holder: string;
  done: boolean;
}

export interface ClaimOptions {
  provider: string;
  model?: string;
  limit: number;
  now: Date;
  /** Who holds the lease: `runner:<token name>`. */
  holder: string;
}

/** One claimed model: the lease on its status document and what measuring it needs. */
export type ClaimedItem = WorkItem;

export type { RecordOutcome };
