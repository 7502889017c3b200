import type { Deps } from "../deps.js";
import type { StreamAdapter } from "../providers/stream/types.js";
import { isErrorKind, type ErrorKind } from "../taxonomy/kinds.js";
import { claimAndRun } from "./claimed-run.js";
import { openClaimSession } from "./schedule/claim.js";

/**
 * One recovery probe (DESIGN section 8): a single benchmark call for a paused provider's model or
 * a disabled model whose recheck date came, through the same claim, budget and recording as every
 * run. So it is refused under the kill switch and when the day's benchmark budget cannot cover
 * it, charged to the spend ledger, and never run twice at once. A disabled model is a probe: its
 * result goes to `probe_runs` (purpose `recheck`) and never to the published collections, so it
 * counts as neither measurement nor freshness and the invariant that no disabled model is
 * measured stays true. An enabled model of a stopped provider is measured and published like any
 * run, which is what lets the next operator run see the provider recover.
 */

export interface RecoveryTarget {
  provider: string;
  model_id: string;
  /** A disabled model's recheck (stored as purpose `recheck`), rather than a stopped provider's probe. */
  recheck: boolean;
}

export type RecoveryProbeResult =
  | { ran: true; ok: true; role: "published" | "probe"; costUsd: number }
  | { ran: true; ok: false; role: "published" | "probe"; kind: ErrorKind; message: string; costUsd: number }
  /** No call was made: why, in our words. */
  | { ran: false; why: "kill_switch" | "budget" | "busy" | "not_probeable"; detail: string };

export interface RecoveryProbeOptions {
  /** Claim holder: the job's instance. */
  holder: string;
  signal?: AbortSignal;
  adapter: (provider: string) => StreamAdapter;
}

export async function runRecoveryProbe(
  deps: Deps,
  target: RecoveryTarget,
  opts: RecoveryProbeOptions,
): Promise<RecoveryProbeResult> {
  const session = await openClaimSession(deps.repos, deps.config, {
    provider: target.provider,
    model: target.model_id,
    now: deps.clock(),
    holder: opts.holder,
    force: true,
    recheck: target.recheck,
  });
  const { plan } = session;
  if (plan.killSwitch) return { ran: false, why: "kill_switch", detail: "the kill switch is on" };
  const candidate = plan.candidates[0];
  if (!candidate) {
    const skipped = plan.skipped[0];
    const detail = skipped ? `${skipped.reason}: ${skipped.detail}` : "no such model in the fleet";
    return { ran: false, why: skipped?.reason === "claimed" ? "busy" : "not_probeable", detail };
  }
  const out = await claimAndRun(deps, session, candidate, {
    adapter: opts.adapter,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (out.kind === "skipped") {
    return out.why === "budget"
      ? {
          ran: false,
          why: "budget",
          detail: `the day's benchmark budget cannot cover it (estimate $${candidate.estimate_usd}, $${Math.max(0, session.budgetLeft()).toFixed(4)} left)`,
        }
      : { ran: false, why: "busy", detail: "another instance claimed it a moment ago" };
  }
  if (out.kind === "refused")
    return { ran: false, why: "not_probeable", detail: "deprecated or gone meanwhile" };
  if (out.kind === "cancelled") return { ran: false, why: "busy", detail: "cancelled before it finished" };
  if ("refused" in out.outcome)
    return { ran: false, why: "busy", detail: `not stored: ${out.outcome.refused}` };
  const role = candidate.role;
  if (out.run.ok) return { ran: true, ok: true, role, costUsd: out.ledgerUsd };
  const kind = out.run.error.error_kind;
  return {
    ran: true,
    ok: false,
    role,
    kind: isErrorKind(kind) ? kind : "unknown",
    message: out.run.error.message,
    costUsd: out.ledgerUsd,
  };
}
