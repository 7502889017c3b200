import { giveUpUnrecorded, recoverBatches, resumeBatch } from "../mutations/recover.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { executeKey, settleDecisions } from "./execute.js";

/**
 * Finishes what a crash interrupted before anything new is executed (operator run, serve,
 * approve). Idempotent, and safe beside a live executor: everything it does is either a
 * compare-and-swap or an insert of a unique key.
 *
 * - batches left `applying` are finished (src/mutations/recover.ts);
 * - an approved decision claimed for a batch that was never recorded gets its claim back and
 *   stays approved, so the next execution takes it (no model was written for it);
 * - an approved decision whose batch finished is moved to executed or failed with that batch.
 */
export interface RecoveryReport {
  batchesFinished: string[];
  claimsReleased: string[];
  decisionsSettled: string[];
}

export async function recoverInterrupted(
  repos: Repositories,
  actor: string,
  now: Date,
): Promise<RecoveryReport> {
  const batches = await recoverBatches(repos, now);
  const report: RecoveryReport = {
    batchesFinished: batches.finished.map((b) => b._id),
    claimsReleased: [...batches.released],
    decisionsSettled: [],
  };
  const approved = await repos.decisions.find({ status: "approved" });
  const holders = await repos.claims.holders(approved.map((d) => executeKey(d._id)));
  const byBatch = new Map<string, DecisionDoc[]>();
  for (const d of approved) {
    const holder = holders.get(executeKey(d._id));
    if (holder) byBatch.set(holder, [...(byBatch.get(holder) ?? []), d]);
  }
  if (byBatch.size === 0) return report;
  const found = new Map((await repos.mutations.getMany([...byBatch.keys()])).map((b) => [b._id, b]));
  for (const [batchId, decisions] of byBatch) {
    const batch = found.get(batchId) ?? (await unrecorded(repos, batchId, decisions, now));
    if (!batch || batch.abandoned) {
      for (const d of decisions) {
        if (await repos.claims.release(executeKey(d._id), batchId))
          report.claimsReleased.push(executeKey(d._id));
      }
      continue;
    }
    const finished = batch.status === "applying" ? await resumeBatch(repos, batch, now) : batch;
    const moved = await settleDecisions(repos, decisions, finished, actor, now, true);
    report.decisionsSettled.push(...moved.map((d) => d._id));
  }
  return report;
}

/** A batch claimed but not found: given up (null), or found after all when it was just recorded. */
async function unrecorded(
  repos: Repositories,
  batchId: string,
  decisions: DecisionDoc[],
  now: Date,
): Promise<MutationBatchDoc | null> {
  const outcome = await giveUpUnrecorded(repos, executeKey(decisions[0]!._id), batchId, "apply", now);
  return outcome === "recorded" ? repos.mutations.get(batchId) : null;
}

/** True when the report says recovery did something (worth a line in a log or a run record). */
export function recoveredAnything(r: RecoveryReport): boolean {
  return r.batchesFinished.length + r.claimsReleased.length + r.decisionsSettled.length > 0;
}
