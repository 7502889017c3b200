import type { DocId } from "../../storage/documents.js";
import type { BenchmarkClaimDoc } from "../../storage/benchmark-claims-repository.js";
import type { BenchmarkProfile } from "../profiles.js";
import type { ModelPrice } from "./cost.js";

/** The shapes of a due-work plan; `planDueWork` (due.ts) builds it. */

export type Role = "published" | "probe";

/** Why a probe runs; its `probe_runs` document keeps it. */
export type ProbeClaimPurpose = "admission" | "manual" | "recheck";

export interface Candidate {
  provider: string;
  model_id: string;
  /** The model's document id, for an index-served re-check just before the call. */
  model_oid: DocId | null;
  role: Role;
  /** For probes: why (admission of a candidate, a re-check on request, a recovery probe's recheck). */
  purpose: ProbeClaimPurpose | null;
  attempt: number;
  profile: BenchmarkProfile;
  metadata: Record<string, unknown> | null;
  last_success_at: Date | null;
  /** The newest run of either outcome (or probe run, for probes); null: never tried. */
  last_attempt_at: Date | null;
  why: string;
  /** The newest claim epoch seen; the claim inserts the next one. */
  epoch: number;
  price: ModelPrice | null;
  estimate_usd: number;
  /** The model's newest claim when it expired unfinished: claiming the model charges it (claim.ts). */
  abandoned: BenchmarkClaimDoc | null;
}

export type SkipReason =
  | "disabled"
  | "deprecated"
  | "fresh"
  | "backoff"
  | "provider_paused"
  | "not_configured"
  | "claimed"
  | "probe_recent"
  | "unknown_profile";

export interface Skipped {
  provider: string;
  model_id: string;
  reason: SkipReason;
  detail: string;
}

export interface DuePlan {
  now: Date;
  /** Due work, longest-waiting first. */
  candidates: Candidate[];
  skipped: Skipped[];
  killSwitch: boolean;
  budget: { limit_usd: number; spent_today_usd: number; reserved_usd: number };
  /** Claims of older epochs seen while planning: the claim session deletes them. */
  staleClaimIds: string[];
}

export interface PlanFilter {
  provider?: string;
  model?: string;
  now: Date;
  /**
   * A re-check on request (`probe_model`): due regardless of cadence, backoff, probe window and a
   * paused provider (the point is to check a fix). A disabled model is probed (its result goes to
   * `probe_runs` only); deprecated and already-claimed models still are not.
   */
  force?: boolean;
  /**
   * With `force`: the recovery-probes job's recheck of a disabled model whose date came. The
   * probe is stored with purpose `recheck`, so nobody takes it for a request or an admission.
   */
  recheck?: boolean;
  /**
   * The work is for a remote runner, which holds the provider's credentials on its own host. A
   * local claim (sweep, probe) skips every provider this server is not configured for.
   */
  remote?: boolean;
}
