/**
 * The decisions service, one concern per module: propose (the policy decides whether a decision
 * may run now, waits for approval, or is refused), review (approve, reject, expire; the approval
 * check), execute (through the one mutation path), revert (the revert check), and the status
 * transitions every move goes through (history, `model_status.operator_decision` mirror).
 * Surfaces import from here or from the module itself.
 */
export {
  newDecisionId,
  openDecisionsByTarget,
  propose,
  proposeMany,
  proposeManyOnce,
  proposeOnce,
  type Proposal,
  type Proposed,
} from "./propose.js";
export {
  approve,
  approveChecked,
  checkApproval,
  expirePending,
  reject,
  unfinishedMove,
  unfinishedMoveText,
  type ApprovalCheck,
  type ApprovalResult,
  type InProgress,
  type UnfinishedMove,
} from "./review.js";
export { executeApproved, type ExecuteCaps, type Executed } from "./execute.js";
export { checkRevert, revertAs, revertChecked, type RevertCheck, type RevertResult } from "./revert.js";
export { recoverInterrupted } from "./recover.js";
export { checkRename, proposeRename, type RenameRequest } from "./rename.js";
