import { AppError } from "../errors.js";
import { revertBatchOnce } from "../mutations/revert.js";
import { evaluatePolicy } from "../policy/evaluate.js";
import type { Principal } from "../policy/principal.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { unknownId } from "./unknown-id.js";

/**
 * Reverting a batch as a principal. Revert is authority-gated (it undoes someone's decision), so
 * the policy is asked here, once per call, for every surface (the MCP tool, the CLI, a console);
 * the undo itself is `revertBatch`, the mutation path's compare-and-swap.
 */

/** A batch read once and found revertible by `principal`. */
export interface RevertCheck {
  readonly batch: MutationBatchDoc;
  readonly principal: Principal;
}

export interface RevertResult {
  /** The batch that recorded the revert (the earlier one when it had been reverted before). */
  revert: MutationBatchDoc;
  alreadyReverted: boolean;
}

const checked = new WeakSet<RevertCheck>();

/**
 * Reads the batch once and asks the policy once whether `principal` may revert it, whatever its
 * state: reverting a batch reverted before returns the earlier revert, so it is for those who may
 * revert it. Only the kill switch is left out then, as that call changes nothing.
 */
export async function checkRevert(
  repos: Repositories,
  batchId: string,
  principal: Principal,
  now: Date,
): Promise<RevertCheck> {
  const batch = await repos.mutations.get(batchId);
  if (!batch) throw unknownId("batch", batchId, repos.databaseName);
  const { policy } = await repos.policies.current();
  const target = [{ provider: "*", model_id: batchId }];
  const asked = batch.reverted_by ? { ...policy, kill_switch: false } : policy;
  const verdict = evaluatePolicy(asked, principal, "revert", target, { now });
  if (verdict.outcome !== "allowed")
    throw new AppError("forbidden", verdict.reasons.join("; ") + (await revertedText(repos, batch)));
  const check = { batch, principal };
  checked.add(check);
  return check;
}

/** For a refusal: that a batch reverted before needs no revert, and by whom, when and in which batch. */
async function revertedText(repos: Repositories, batch: MutationBatchDoc): Promise<string> {
  if (!batch.reverted_by) return "";
  const revert = await repos.mutations.get(batch.reverted_by);
  const how = revert ? ` by ${revert.actor} at ${revert.created_at.toISOString()}` : "";
  return `; and there is nothing to revert: it was reverted${how} in ${batch.reverted_by}`;
}

export async function revertAs(
  repos: Repositories,
  batchId: string,
  principal: Principal,
  now: Date,
  why?: string,
): Promise<RevertResult> {
  return revertChecked(repos, await checkRevert(repos, batchId, principal, now), now, why);
}

/** `revertAs` after `checkRevert` (the MCP tool asks a human in between). */
export async function revertChecked(
  repos: Repositories,
  check: RevertCheck,
  now: Date,
  /** Why the person reverts, kept in the revert's reason. */
  why?: string,
): Promise<RevertResult> {
  if (!checked.has(check)) throw new AppError("forbidden", "A revert must be checked by checkRevert.");
  // Whether this call made the revert comes from the revert itself, not from the read before it:
  // of two concurrent callers exactly one is told it reverted.
  const { batch: revert, alreadyReverted } = await revertBatchOnce(
    repos,
    check.batch._id,
    check.principal.name,
    now,
    why,
  );
  return { revert, alreadyReverted };
}
