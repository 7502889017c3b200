import { giveUpUnrecorded, recoverBatches, resumeBatch } from "../mutations/recover.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { leaveKey, type Claim } from "../storage/claims.js";
import { executeKey, settleDecisions } from "./execute.js";
import { isSafe, nothingChangedNote } from "./safe-actions.js";
import { moveIntentOf, recoverTransition, transition } from "./transition.js";

/**
 * Finishes what a crash interrupted before anything new is executed (operator run, serve,
 * approve). Idempotent, and safe beside a live executor: everything it does is either a
 * compare-and-swap or an insert of a unique key.
 *
 * - batches left `applying` are finished (src/mutations/recover.ts);
 * - an approved decision claimed for a batch that was never recorded gets its claim back and
 *   stays approved, so the next execution takes it (no model was written for it);
 * - an approved decision whose batch finished is moved to executed or failed with that batch;
 * - a decision whose move was claimed but never written (a crash between the two halves of
 *   `transition`) gets that move, as its claim names it (`MoveIntent`), once the claim is
 *   `MOVE_CUT_OFF_MS` old; a claim that names none (taken before claims named their move) is
 *   given back then, so the decision can move again;
 * - an approved monitor or ignore (approved before approvals recorded them) is recorded executed.
 */
/**
 * How old a decision's move claim must be, its decision unmoved, before recovery takes it for
 * cut off. A claim and its move are two writes milliseconds apart, but a live call may sit between
 * them (a slow database): finishing its move for it is harmless (the same write, and
 * `transition` answers with it), whereas its caller would no longer be the one that did it and
 * a rival call would not wait for it. So a young claim is left to its holder.
 */
export const MOVE_CUT_OFF_MS = 60_000;

/**
 * From when recovery takes a claimed move for cut off and finishes it (or gives back a claim that
 * names no move): `MOVE_CUT_OFF_MS` after the claim.
 */
export function recoverableFrom(claim: { at: Date }): Date {
  return new Date(claim.at.getTime() + MOVE_CUT_OFF_MS);
}

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
  const open = await repos.decisions.find({ status: ["pending", "approved"] });
  const approved = open.filter((d) => d.status === "approved");
  const claims = await repos.claims.find([
    ...approved.map((d) => executeKey(d._id)),
    ...open.map((d) => leaveKey(d._id, d.status)),
  ]);
  const byBatch = new Map<string, DecisionDoc[]>();
  for (const d of approved) {
    const holder = claims.get(executeKey(d._id))?.holder;
    if (holder) byBatch.set(holder, [...(byBatch.get(holder) ?? []), d]);
  }
  await settleClaimedBatches(repos, byBatch, actor, now, report);
  const settled = new Set([...byBatch.values()].flat().map((d) => d._id));
  for (const d of open.filter((o) => !settled.has(o._id))) {
    const moved = await finishMove(repos, d, claims.get(leaveKey(d._id, d.status)), actor, now, report);
    if (moved) report.decisionsSettled.push(moved._id);
  }
  return report;
}

/** Approved decisions claimed for a batch: released when it never ran, settled with it when it did. */
async function settleClaimedBatches(
  repos: Repositories,
  byBatch: Map<string, DecisionDoc[]>,
  actor: string,
  now: Date,
  report: RecoveryReport,
): Promise<void> {
  if (byBatch.size === 0) return;
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
}

/**
 * An open decision not held by a batch: the move its leave claim names, written for the claim's
 * holder (whose process stopped before writing it), or, for an approved monitor or ignore, the
 * executed record its approval never wrote. Null when there was nothing to do.
 */
async function finishMove(
  repos: Repositories,
  d: DecisionDoc,
  claim: Claim | undefined,
  actor: string,
  now: Date,
  report: RecoveryReport,
): Promise<DecisionDoc | null> {
  if (!claim) {
    if (d.status !== "approved" || !isSafe(d.action)) return null;
    return transition(repos, d._id, "approved", "executed", actor, now, {}, nothingChangedNote(d));
  }
  if (now < recoverableFrom(claim)) return null;
  const intent = moveIntentOf(claim.intent);
  if (intent)
    return recoverTransition(
      repos,
      d._id,
      d.status,
      intent.to,
      claim.holder,
      now,
      intent.fields,
      intent.note ?? "",
    );
  if (await repos.claims.release(claim.key, claim.holder)) report.claimsReleased.push(claim.key);
  return null;
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
