import { countHalfApplied, findHalfApplied } from "../half-applied.js";
import { listed, type InvariantCheck } from "../types.js";

/**
 * Work younger than this may still be running; older than this, it was interrupted. Longer than
 * crash recovery's cut-off of a claimed move (MOVE_CUT_OFF_MS), so a move listed here is one that
 * no operator run, `serve` start or review has finished since it could.
 */
export const HALF_APPLIED_GRACE_MS = 15 * 60_000;

/**
 * No fleet change is left half applied: nothing a crash interrupted stays unfinished (the next
 * operator run, `serve` or approval finishes it), and no decision is executed twice.
 */
export const nothingHalfApplied: InvariantCheck = {
  name: "nothing_half_applied",
  description:
    "No batch stays applying, no claimed or human-approved decision stays unexecuted, no decision's claimed move stays unwritten, no decision is in two forward batches, no revert or run is left unfinished.",
  async evaluate({ deps, now }) {
    const h = await findHalfApplied(deps.repos, now, HALF_APPLIED_GRACE_MS);
    const n = countHalfApplied(h);
    const details = {
      batches_applying: listed(h.applying),
      decisions_claimed_not_settled: listed(h.claimedNotSettled),
      human_approvals_not_executed: listed(h.approvedNotExecuted),
      decision_moves_not_written: listed(
        h.movesNotWritten.map((m) => ({
          decision: m.decision,
          from: m.from,
          to: m.to,
          claimed_by: m.by,
          claimed_at: m.at.toISOString(),
        })),
      ),
      decisions_executed_twice: listed(h.executedTwice),
      reverts_not_recorded: listed(h.revertNotRecorded),
      runs_without_record: listed(h.runsWithoutRecord),
    };
    if (n > 0)
      return {
        status: "violation",
        summary: `${n} half-applied item(s): ${h.applying.length} batch(es) applying, ${h.claimedNotSettled.length + h.approvedNotExecuted.length} decision(s) approved but not executed, ${h.movesNotWritten.length} decision move(s) claimed but not written, ${h.executedTwice.length} executed twice, ${h.revertNotRecorded.length} revert(s) and ${h.runsWithoutRecord.length} run(s) unfinished`,
        details,
      };
    return { status: "pass", summary: "nothing half applied", details };
  },
};
