import { hoursAgo } from "../inputs.js";
import { listed, type InvariantCheck } from "../types.js";

/** How long past `expires_at` a pending decision may stay pending before expiry counts as broken. */
const EXPIRY_SLACK_MS = 3_600_000;

/**
 * Pending decisions do not go stale: none waits longer than INVARIANT_PENDING_STALE_HOURS for a
 * human, and none outlives its `expires_at` (which would mean expiry is not running).
 */
export const pendingDecisionsNotStale: InvariantCheck = {
  name: "pending_decisions_are_not_stale",
  description: "No decision waits for a human longer than INVARIANT_PENDING_STALE_HOURS or past its expiry.",
  async evaluate({ deps, now }) {
    const pending = await deps.repos.decisions.find(
      { status: "pending" },
      { fields: ["_id", "action", "targets", "created_at", "expires_at"] },
    );
    const staleH = deps.config.jobs.pendingStaleHours;
    const stale = pending
      .filter((d) => now.getTime() - d.created_at.getTime() > staleH * 3_600_000)
      .map((d) => ({
        id: d._id,
        action: d.action,
        targets: d.targets.length,
        waiting_hours: hoursAgo(now, d.created_at),
      }));
    const unexpired = pending
      .filter((d) => now.getTime() - d.expires_at.getTime() > EXPIRY_SLACK_MS)
      .map((d) => ({ id: d._id, expires_at: d.expires_at }));
    const details = {
      pending: pending.length,
      stale_after_hours: staleH,
      stale: listed(stale),
      past_expiry: listed(unexpired),
    };
    if (stale.length + unexpired.length > 0) {
      return {
        status: "violation",
        summary: `${stale.length} decision(s) pending for more than ${staleH} h, ${unexpired.length} past their expiry`,
        details,
      };
    }
    return { status: "pass", summary: `${pending.length} pending decision(s), none stale`, details };
  },
};
