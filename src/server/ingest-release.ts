import type { RunnerIdentity } from "../auth/tokens.js";
import type { ReleaseOutcome, ReleaseRequest, ReleaseResponse } from "../runner/protocol.js";
import type { WorkSource } from "../runner/work-source.js";
import type { RunnerReceiptsRepository } from "../storage/runner-receipts-repository.js";

/** Who holds a runner's claims (the lease's holder field). */
export function runnerHolder(runner: RunnerIdentity): string {
  return `runner:${runner.name}`;
}

export type ReleaseAnswer = { forbidden: string } | ReleaseResponse;

/**
 * A runner gives back claims it will not run (stopping, spool full, will not measure, or held by
 * a runner killed on its spool, whose runs are lost), so the
 * models are due again at once instead of when the lease runs out. Scoped like the other routes:
 * a claim of a provider outside the token refuses the whole request (nothing released), and a
 * runner may release only claims it holds. Never un-finishes anything: a finished claim keeps
 * its outcome, and a claim whose result has reached the server (a receipt exists) is left to
 * the result path, so a release racing a result cannot discard a measurement.
 */
export async function releaseClaims(
  work: WorkSource,
  receipts: RunnerReceiptsRepository,
  runner: RunnerIdentity,
  input: ReleaseRequest,
  now: Date,
): Promise<ReleaseAnswer> {
  const ids = [...new Set(input.claim_ids)];
  const claims = await work.lookup(ids);
  // The stored claim's provider, not the id's text: the id is the runner's to choose.
  for (const claim of claims.values()) {
    if (!runner.providers.includes(claim.item.provider)) return { forbidden: claim.item.provider };
  }
  const results: ReleaseResponse["results"] = [];
  for (const id of ids) {
    const claim = claims.get(id);
    let outcome: ReleaseOutcome;
    if (!claim) outcome = "not_found";
    else if (claim.holder !== runnerHolder(runner)) outcome = "not_holder";
    else if (claim.done) outcome = "already_finished";
    else if (await receipts.get(id)) outcome = "result_posted";
    else {
      await work.release(claim, input.reason, now);
      outcome = "released";
    }
    results.push({ claim_id: id, outcome });
  }
  return { results };
}
