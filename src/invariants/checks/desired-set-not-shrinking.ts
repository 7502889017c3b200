import { modelKey } from "../../storage/signals-repository.js";
import { listed, type InvariantCheck } from "../types.js";

/**
 * The desired set is not silently shrinking: models that left it since the snapshot must be
 * explained by applied changes of mutation batches written since. More unexplained removals
 * than INVARIANT_SHRINK_PERCENT of the snapshot (at least one model) is a violation; fewer is a
 * warning, because nothing should leave the set except through the mutation path.
 */
export const desiredSetNotShrinking: InvariantCheck = {
  name: "desired_set_is_not_silently_shrinking",
  description: "Models leave the desired set only through mutation batches.",
  async evaluate({ deps, now, snapshot }) {
    const snap = await snapshot();
    const live = new Set(
      (await deps.repos.models.find({ enabled: true, deprecated: { $ne: true } })).map((m) =>
        modelKey(m.provider, m.model_id),
      ),
    );
    const removed = snap.models.filter((m) => !live.has(modelKey(m.provider, m.model_id)));
    const batches = await deps.repos.mutations.createdBetween(snap.captured_at, {
      until: now,
      fields: ["changes", "kind"],
    });
    const explained = new Set(
      batches.flatMap((b) =>
        b.changes.filter((c) => c.status === "applied").map((c) => modelKey(c.provider, c.model_id)),
      ),
    );
    const unexplained = removed.filter((m) => !explained.has(modelKey(m.provider, m.model_id)));
    const allowed = Math.max(1, Math.floor((deps.config.jobs.shrinkPercent / 100) * snap.count));
    const details = {
      snapshot_id: snap._id,
      snapshot_size: snap.count,
      live_size: live.size,
      removed: removed.length,
      explained_by_batches: removed.length - unexplained.length,
      unexplained: listed(unexplained),
      allowed_unexplained: allowed,
    };
    if (unexplained.length > allowed) {
      return {
        status: "violation",
        summary: `${unexplained.length} model(s) left the desired set without a mutation batch (allowed ${allowed})`,
        details,
      };
    }
    if (unexplained.length > 0) {
      return {
        status: "warning",
        summary: `${unexplained.length} model(s) left the desired set without a mutation batch`,
        details,
      };
    }
    return {
      status: "pass",
      summary: `${removed.length} removal(s) since the snapshot, all through mutation batches`,
      details,
    };
  },
};
