import { runInvariants } from "../invariants/run.js";
import type { JobDefinition } from "./job.js";
import { jobStores } from "./stores.js";

const DAY_MS = 86_400_000;
/** Snapshots older than this are no longer judged against. */
const SNAPSHOT_RETENTION_MS = 30 * DAY_MS;
/** Lease documents only matter while their tick is live. */
const LEASE_RETENTION_MS = 7 * DAY_MS;

/**
 * Captures a desired-set snapshot (judged against an hour or more later, never by this run), then
 * evaluates and records every invariant. Violations are results, not failures: the job fails only
 * when it cannot run. It also prunes old lease documents and snapshots.
 */
export const invariantsJob: JobDefinition = {
  name: "invariants",
  description: "Capture a desired-set snapshot, evaluate every invariant and record the check runs.",
  timeoutMs: 5 * 60_000,
  async run(ctx) {
    const { deps } = ctx;
    const now = deps.clock();
    await ctx.assertLease();
    const snapshots = deps.repos.desiredSets;
    const snapshot = await snapshots.capture(deps.repos.models, now);
    const evaluation = await runInvariants(deps, { now });
    const stores = jobStores(deps.repos);
    const prunedLeases = await stores.leases.prune(new Date(now.getTime() - LEASE_RETENTION_MS));
    const prunedSnapshots = await snapshots.prune(new Date(now.getTime() - SNAPSHOT_RETENTION_MS));
    await stores.heartbeats.prune(new Date(now.getTime() - LEASE_RETENTION_MS));
    const c = evaluation.counts;
    return {
      counts: {
        ...c,
        desired_models: snapshot.count,
        pruned_leases: prunedLeases,
        pruned_snapshots: prunedSnapshots,
      },
      summary: `evaluation ${evaluation.evaluation_id}: ${c.pass} pass, ${c.warning} warning, ${c.violation} violation, ${c.cannot_evaluate} cannot evaluate, ${c.error} error`,
    };
  },
};
