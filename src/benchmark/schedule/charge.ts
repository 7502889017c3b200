import type { BenchmarkClaimDoc } from "../../storage/benchmark-claims-repository.js";
import type { Repositories } from "../../storage/repositories.js";
import type { RunResult } from "../measure.js";

/**
 * Charging a benchmark run that left no stored result. The budget reserves each open claim's
 * estimate; when a run ends without a result to price (its process was killed, it was cancelled
 * mid-stream, its late result was refused), the reservation becomes a charge rather than vanishing,
 * as the provider may have billed the run.
 */

/**
 * The one ledger key of a claim's run: every charge of a run that left no stored result (a late
 * result refused, an abandoned or interrupted claim, a run cancelled mid-stream) is recorded under
 * it, so whichever of them comes first charges the run and the others charge nothing.
 */
export function chargeKey(claimId: string): string {
  return `charged-run:${claimId}`;
}

export const ESTIMATE_WHY =
  "charged at its estimate (what the budget reserved for it), as the provider may have billed a run it started";

/**
 * Charges a run that was made, or may have been, but left no stored result: `usd` (its estimate,
 * or 0 when it provably generated nothing), once per claim. Returns what was charged now.
 */
export async function chargeWithoutResult(
  repos: Repositories,
  claim: BenchmarkClaimDoc,
  usd: number,
  why: string,
  now: Date,
): Promise<number> {
  if (usd <= 0) return 0;
  const entry = {
    at: now,
    category: "benchmark" as const,
    purpose: claim.role === "probe" ? "benchmark_probe" : "benchmark_run",
    runId: claim._id,
    backend: claim.provider,
    model: claim.model_id,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: usd,
    usageSource: "counted" as const,
    latencyMs: 0,
    ok: false,
    error: why,
    priceKnown: claim.price !== null,
  };
  return (await repos.spend.recordOnce(chargeKey(claim._id), entry)) ? usd : 0;
}

/**
 * A claim taken over after it expired unfinished (its holder stopped mid-run: a killed process,
 * a lost host) is charged at its estimate when the model is claimed again: until then the budget
 * counted it as reserved, and without this the reservation would simply vanish although the
 * provider may have billed the run. A late result of it is then refused and charged nothing more.
 */
export function chargeAbandoned(repos: Repositories, claim: BenchmarkClaimDoc, now: Date): Promise<number> {
  return chargeWithoutResult(
    repos,
    claim,
    claim.estimated_cost_usd,
    `no result: ${claim.holder} held this claim from ${claim.claimed_at.toISOString()} until it expired at ` +
      `${claim.expires_at.toISOString()} without delivering one (the process stopped mid-run); ${ESTIMATE_WHY}`,
    now,
  );
}

/**
 * What a run cancelled mid-stream (shutdown, the pass's deadline) is charged: its estimate once it
 * received output (the provider bills a stream it started), nothing when it provably generated
 * nothing, as a refused request is not billed.
 */
export function chargeCancelled(
  repos: Repositories,
  claim: BenchmarkClaimDoc,
  result: RunResult,
  now: Date,
): Promise<number> {
  const chunks = result.ok ? 1 : (numberOrNull(result.error["chunks_received"]) ?? 0);
  return chargeWithoutResult(
    repos,
    claim,
    chunks > 0 ? claim.estimated_cost_usd : 0,
    `cancelled mid-run (a shutdown or the pass's deadline) after ${chunks} chunk(s) of output; ${ESTIMATE_WHY}`,
    now,
  );
}

function numberOrNull(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
