import type { DirectOutcome } from "../../decisions/direct.js";
import type { DecisionDoc } from "../../storage/decisions-repository.js";

/**
 * What `models enable|disable|rename` say when the change they ask for was already pending as a
 * decision someone else proposed: the person's request approved that decision (their reason is its
 * approval's note), or it left it as it was. Shared so the three commands say it alike.
 */

/** The line saying this person's request approved the pending decision proposing the same change. */
export function approvedPendingText(decision: DecisionDoc, approver: string): string {
  const by = `${decision.proposed_by.kind} ${decision.proposed_by.name}`;
  return `the same ${decision.action} was pending as decision ${decision._id} (proposed by ${by}): approved it as ${approver}, your reason kept with the approval`;
}

/**
 * Why nothing was executed now: the same change already pending and left so (this principal does
 * not approve it by acting), or this decision waiting for approval, with who may approve it.
 */
export function notExecutedText(result: DirectOutcome, principal: string): string {
  const d = result.decision;
  const approvers = (d.policy_verdict.approver_roles ?? []).join(" or ");
  const approve = `approve it with: bench-operator decisions approve ${d._id}`;
  if (result.duplicate && d.status === "pending")
    return (
      `the same ${d.action} is already pending as decision ${d._id} (proposed by ${d.proposed_by.kind} ${d.proposed_by.name}, ${d.created_at.toISOString()}); ` +
      `asking again as ${principal} leaves it pending (only a person acting directly approves it): nothing was changed and the reason given was not recorded; ` +
      `${approvers ? `${approvers} may ` : ""}${approve}`
    );
  if (d.status === "pending")
    return `decision ${d._id} is pending: ${d.policy_verdict.reasons.join("; ")}; ${approvers ? `${approvers} may ` : ""}${approve}`;
  const why = d.status === "rejected" ? `: ${d.policy_verdict.reasons.join("; ")}` : "";
  return `decision ${d._id} is ${d.status}${d.batch_id ? ` (batch ${d.batch_id})` : ""}${why}`;
}
