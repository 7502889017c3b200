import { claimDueWork, recordRunResult, releaseClaim } from "../benchmark/schedule/index.js";
import type { Config } from "../config/config.js";
import type { Repositories } from "../storage/repositories.js";
import type { HeldClaim, WorkSource } from "./work-source.js";

/**
 * The ingest API over claim-time scheduling (src/benchmark/schedule): a runner's claims are the
 * same claims a local sweep makes, so the two share the work and the budget. A runner's lease is
 * longer than a local one (`BENCH_RUNNER_LEASE_MINUTES`) because its results may wait in its
 * spool while the server is unreachable. A result that arrives after its claim expired is
 * still stored unless another claimer took the model over meanwhile (then `claim_expired`), so
 * the lease only decides how soon a silent runner's work is handed to someone else.
 */
export function scheduleWorkSource(repos: Repositories, config: Config): WorkSource {
  const leaseMs = config.runner.leaseMinutes * 60_000;
  return {
    claim: (opts) => claimDueWork(repos, config, { ...opts, leaseMs }),
    record: (item, result, now) => recordRunResult(repos, config, item, result, now),
    async lookup(claimIds) {
      // `_id` lookups (pushed down on FerretDB); a release names a handful of claims.
      const found = new Map<string, HeldClaim>();
      for (const id of claimIds) {
        const claim = await repos.benchmarkClaims.get(id);
        if (!claim) continue;
        const { _id, provider, model_id, role, attempt, expires_at, profile_id, holder } = claim;
        found.set(id, {
          item: { claim_id: _id, provider, model_id, role, attempt, expires_at, metadata: null, profile_id },
          holder,
          done: await repos.benchmarkClaims.isDone(id),
        });
      }
      return found;
    },
    // Finishing is an insert of the claim's unique done key: a claim a result already finished
    // stays finished with its result, and a second release changes nothing.
    release: (claim, reason, now) => releaseClaim(repos, claim.item, `released:${reason}`, now),
  };
}
