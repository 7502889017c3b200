import type { Repositories } from "../storage/repositories.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import { runChanges } from "./mutate.js";

/**
 * Crash recovery for the mutation path. Every batch that must happen once is named before it
 * is recorded: a claim (`decision:<id>:execute`, `batch:<id>:revert`) whose holder is the
 * batch id. After a crash there are three shapes of interrupted work:
 * - a claim whose batch was never recorded: no model was written (the record comes first), so
 *   the id is given up by recording an `abandoned` batch under it (an insert of a unique `_id`,
 *   so a late writer of the real record fails instead) and the claim is given back;
 * - a batch left `applying`: its pending changes are finished (`runChanges` recognises writes
 *   that landed) and it gets its final counts;
 * - a finished batch whose decisions were not yet moved on: src/decisions/recover.ts.
 */

/** The claim that makes a batch's revert happen once; its holder is the revert batch's id. */
export function revertKey(batchId: string): string {
  return `batch:${batchId}:revert`;
}

/**
 * Gives up the id `holder` claimed under `key` when its batch was never recorded. Returns
 * "released" when the claim is free again, "recorded" when the batch turned out to exist.
 */
export async function giveUpUnrecorded(
  repos: Repositories,
  key: string,
  holder: string,
  kind: MutationBatchDoc["kind"],
  now: Date,
): Promise<"released" | "recorded"> {
  const tombstone: MutationBatchDoc = {
    _id: holder,
    kind,
    actor: "crash-recovery",
    reason: `${key}: the process that claimed this id stopped before recording the batch; nothing was changed under it`,
    decision_ids: [],
    status: "failed",
    created_at: now,
    finished_at: now,
    changes: [],
    applied_count: 0,
    failed_count: 0,
    abandoned: true,
  };
  if (!(await repos.mutations.recordOnce(tombstone))) {
    const existing = await repos.mutations.get(holder);
    if (!existing?.abandoned) return "recorded";
  }
  await repos.claims.release(key, holder);
  return "released";
}

/** Finishes one batch a crash left `applying` (apply or revert). */
export async function resumeBatch(
  repos: Repositories,
  batch: MutationBatchDoc,
  now: Date,
): Promise<MutationBatchDoc> {
  const done = await runChanges(repos, batch, now);
  // A revert of one model's change (`revert_only`) leaves its batch's other changes revertible.
  if (done.kind === "revert" && done.revert_of && !done.revert_only) {
    const original = await repos.mutations.get(done.revert_of);
    if (original && !original.reverted_by) await repos.mutations.markReverted(original._id, done._id);
  }
  return done;
}

export interface BatchRecovery {
  /** Batches that were `applying` and are finished now. */
  finished: MutationBatchDoc[];
  /** Claims given back because their batch was never recorded. */
  released: string[];
}

/**
 * Every interrupted batch finished and every revert claim without a batch given back. Run
 * before anything new is executed (operator run, serve, approve); idempotent.
 */
export async function recoverBatches(repos: Repositories, now: Date): Promise<BatchRecovery> {
  const finished: MutationBatchDoc[] = [];
  for (const b of await repos.mutations.applying()) finished.push(await resumeBatch(repos, b, now));
  const released: string[] = [];
  // Holders that are not batch ids come from before revert claims named their batch: left alone.
  const claims = (await repos.claims.withPrefix("batch:")).filter(
    (c) => c.key.endsWith(":revert") && c.holder.startsWith("mb_"),
  );
  const recorded = new Set((await repos.mutations.getMany(claims.map((c) => c.holder))).map((b) => b._id));
  for (const c of claims) {
    if (recorded.has(c.holder)) continue;
    if ((await giveUpUnrecorded(repos, c.key, c.holder, "revert", now)) === "released") released.push(c.key);
  }
  return { finished, released };
}
