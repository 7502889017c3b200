import { AppError } from "../errors.js";
import { evaluateApproval } from "../policy/evaluate.js";
import type { Principal } from "../policy/principal.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { executeApproved } from "./execute.js";
import { recoverInterrupted } from "./recover.js";
import { transition } from "./transition.js";

/**
 * Reviewing a pending decision: approve (and execute), reject, expire. Every surface (the MCP
 * tools, the CLI, a future console) calls these, so the policy and the principal are checked
 * here, once per call, against one read of the decision.
 */

export interface ApprovalResult {
  decision: DecisionDoc;
  batch: MutationBatchDoc | null;
  /** True when this call did nothing because the decision was already executed or in progress. */
  alreadyDone: boolean;
}

/** A decision read once and, if pending, found approvable by `principal`. Only `checkApproval` makes one. */
export interface ApprovalCheck {
  readonly decision: DecisionDoc;
  readonly principal: Principal;
}

const checked = new WeakSet<ApprovalCheck>();
const DONE = new Set(["executed", "approved", "failed"]);

/**
 * Reads the decision once and asks the policy once whether `principal` may approve it. A
 * decision that is already done passes (approving it again changes nothing); any other status
 * than pending is a conflict. A surface that must ask a human in between (the MCP tools'
 * confirmation) checks first, then passes the check to `approveChecked`.
 */
export async function checkApproval(
  repos: Repositories,
  id: string,
  principal: Principal,
  now: Date = new Date(),
): Promise<ApprovalCheck> {
  // What a crash interrupted is finished first, so the status read below is the true one.
  await recoverInterrupted(repos, principal.name, now);
  const decision = await repos.decisions.get(id);
  if (!decision)
    throw new AppError(
      "not_found",
      `No decision ${id}. List pending ones with \`bench-operator decisions list --status pending\`.`,
    );
  if (decision.status === "pending") {
    const { policy } = await repos.policies.current();
    const verdict = evaluateApproval(policy, principal, decision.action, decision.proposed_by);
    if (verdict.outcome !== "allowed") throw new AppError("forbidden", verdict.reasons.join("; "));
  } else if (!DONE.has(decision.status)) {
    throw new AppError(
      "conflict",
      `Decision ${id} is ${decision.status}; only a pending decision can be approved.`,
    );
  }
  const check = { decision, principal };
  checked.add(check);
  return check;
}

/**
 * Approves and executes. Idempotent and safe under concurrency: the pending → approved move is a
 * compare-and-swap, so of two concurrent approvals exactly one executes; the other (and any
 * later call) gets the same decision and batch back, and no second batch exists.
 */
export async function approve(
  repos: Repositories,
  id: string,
  principal: Principal,
  now: Date,
  channel = "cli",
): Promise<ApprovalResult> {
  return approveChecked(repos, await checkApproval(repos, id, principal, now), now, channel);
}

/** `approve` after `checkApproval`: the decision is not read again unless another approval won. */
export async function approveChecked(
  repos: Repositories,
  check: ApprovalCheck,
  now: Date,
  channel: string,
): Promise<ApprovalResult> {
  if (!checked.has(check)) throw new AppError("forbidden", "An approval must be checked by checkApproval.");
  const { decision, principal } = check;
  if (decision.status === "approved" && !decision.batch_id && decision.approval_channel !== "policy") {
    // A human approval whose execution a crash cut off (or that another approval moved a moment
    // ago): execute it now, the execution claim keeps it to one batch. The batch and the models
    // carry the approver's name, whoever's call carries it out. Policy approvals wait for the
    // operator run and its caps.
    const actor = decision.approved_by ?? principal.name;
    const { executed, batches } = await executeApproved(repos, [decision], actor, now);
    const final = executed[0] ?? (await repos.decisions.get(decision._id))!;
    return { decision: final, batch: batches[0] ?? null, alreadyDone: batches.length === 0 };
  }
  if (decision.status !== "pending") return alreadyDone(repos, decision);
  const moved = await transition(repos, decision._id, "pending", "approved", principal.name, now, {
    approved_by: principal.name,
    approved_at: now,
    approval_channel: channel,
  });
  if (!moved) {
    // Another call moved it first (an approval, or a rejection while a human was being asked).
    const current = (await repos.decisions.get(decision._id))!;
    // Still pending: the winner claimed the move and is writing it; it executes once.
    if (current.status !== "pending" && !DONE.has(current.status))
      throw new AppError("conflict", `Decision ${current._id} is ${current.status}; it was not approved.`);
    return alreadyDone(repos, current);
  }
  // The execution claim decides who executes: another approval that read the decision just after
  // this move took it for an execution a crash cut off (above) and may have claimed it first.
  const { executed, batches } = await executeApproved(repos, [moved], principal.name, now);
  const final = executed[0] ?? (await repos.decisions.get(decision._id))!;
  const batch = batches[0] ?? (final.batch_id ? await repos.mutations.get(final.batch_id) : null);
  return { decision: final, batch, alreadyDone: batches.length === 0 };
}

async function alreadyDone(repos: Repositories, decision: DecisionDoc): Promise<ApprovalResult> {
  const batch = decision.batch_id ? await repos.mutations.get(decision.batch_id) : null;
  return { decision, batch, alreadyDone: true };
}

export async function reject(
  repos: Repositories,
  id: string,
  principal: Principal,
  reason: string,
  now: Date,
  /** Where the person rejected it (cli, mcp, console): kept with the decision, as approvals are. */
  channel = "cli",
): Promise<DecisionDoc> {
  if (principal.role === "viewer") throw new AppError("forbidden", "The viewer role can only read.");
  const decision = await repos.decisions.get(id);
  if (!decision) throw new AppError("not_found", `No decision ${id}.`);
  if (decision.status === "rejected") return decision;
  if (decision.status !== "pending")
    throw new AppError(
      "conflict",
      `Decision ${id} is ${decision.status}; only a pending decision can be rejected.`,
    );
  const moved = await transition(
    repos,
    id,
    "pending",
    "rejected",
    principal.name,
    now,
    { rejected_by: principal.name, reject_reason: reason, reject_channel: channel },
    reason,
  );
  if (!moved) throw new AppError("conflict", `Decision ${id} changed while rejecting it; look at it again.`);
  return moved;
}

/** Pending decisions past their expiry become expired; returns how many. */
export async function expirePending(repos: Repositories, now: Date): Promise<number> {
  const stale = await repos.decisions.find({ status: "pending", expiresBefore: now });
  let n = 0;
  for (const d of stale)
    if (await transition(repos, d._id, "pending", "expired", "expiry", now, {}, "not approved in time")) n++;
  return n;
}
