import { modelKey } from "../../storage/signals-repository.js";
import { hoursAgo, lastSuccesses, stoppedProviders } from "../inputs.js";
import { listed, type InvariantCheck } from "../types.js";

/**
 * Every model of the desired-set snapshot (at least an hour old) has a success within the cadence
 * plus grace. A model disabled since the snapshot is still judged, and marked
 * `removed_since_snapshot`: disabling a stale model is not how this check turns green. Models of
 * paused or blocked providers are excluded and counted (the provider check covers them).
 */
export const desiredModelsAreMeasured: InvariantCheck = {
  name: "desired_models_are_being_measured",
  description: "Every desired model was measured within BENCH_CADENCE_HOURS plus grace.",
  async evaluate(ctx) {
    const { deps, now, snapshot } = ctx;
    const snap = await snapshot();
    const last = await lastSuccesses(ctx);
    const stopped = await stoppedProviders(deps.repos);
    const live = new Set(
      (await deps.repos.models.find({ enabled: true })).map((m) => modelKey(m.provider, m.model_id)),
    );
    const horizonH = deps.config.jobs.cadenceHours + deps.config.jobs.cadenceGraceHours;
    const cutoff = now.getTime() - horizonH * 3_600_000;
    let excluded = 0;
    const stale = [];
    for (const m of snap.models) {
      if (stopped.has(m.provider)) {
        excluded++;
        continue;
      }
      const key = modelKey(m.provider, m.model_id);
      const at = last.get(key) ?? null;
      if (at && at.getTime() >= cutoff) continue;
      stale.push({
        provider: m.provider,
        model_id: m.model_id,
        last_success_at: at,
        hours_ago: hoursAgo(now, at),
        removed_since_snapshot: !live.has(key),
      });
    }
    const details = {
      snapshot_id: snap._id,
      horizon_hours: horizonH,
      desired: snap.count,
      excluded_stopped_providers: excluded,
      stale: listed(stale),
    };
    if (stale.length > 0) {
      return {
        status: "violation",
        summary: `${stale.length} of ${snap.count - excluded} desired model(s) not measured in ${horizonH} h`,
        details,
      };
    }
    return {
      status: "pass",
      summary: `all ${snap.count - excluded} desired model(s) measured within ${horizonH} h`,
      details,
    };
  },
};
