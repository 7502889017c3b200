import type { PolicyAction } from "../policy/evaluate.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";

/**
 * Monitor and ignore: the actions that change nothing in the fleet. Their execution is their
 * record (no batch, nothing to revert), whether the policy allowed them at once or a person
 * approved them. Apart from execute.ts so that surfaces can word their replies without loading
 * the mutation path.
 */

/** Monitor and ignore change nothing in the fleet: executed on record, no batch. */
export function isSafe(action: PolicyAction): boolean {
  return action === "monitor" || action === "ignore";
}

/**
 * What the person who approved a monitor or an ignore is told (the CLI, approve_decision): the
 * approval is its execution, and there is no batch to look for or revert.
 */
export function nothingChanges(action: PolicyAction): string {
  return `${withArticle(action)} changes nothing in the fleet: no batch was written, so there is nothing to revert`;
}

/** The history note of a monitor or an ignore recorded executed when it was approved. */
export function nothingChangedNote(d: Pick<DecisionDoc, "action" | "approved_by">): string {
  return `approved by ${d.approved_by ?? "an unrecorded approver"}; nothing in the fleet changed: ${withArticle(d.action)} is executed on record, with no batch`;
}

function withArticle(action: PolicyAction): string {
  return `${/^[aeiou]/.test(action) ? "an" : "a"} ${action}`;
}
