import { hoursAgo, lastSuccesses, stoppedProviders } from "../inputs.js";
import type { InvariantCheck } from "../types.js";

/**
 * Every provider of the desired-set snapshot that is not paused or blocked wrote a success within
 * the measurement cadence plus grace. A stopped provider is listed, not judged: its recovery
 * probes are what should be running.
 */
export const everyProviderIsProgressing: InvariantCheck = {
  name: "every_provider_is_progressing",
  description: "Every provider that is not paused or blocked recorded a success within the cadence.",
  async evaluate(ctx) {
    const { deps, now, snapshot } = ctx;
    const snap = await snapshot();
    const last = await lastSuccesses(ctx);
    const stopped = await stoppedProviders(deps.repos);
    const horizonH = deps.config.jobs.cadenceHours + deps.config.jobs.cadenceGraceHours;
    const newest = new Map<string, Date>();
    for (const [key, at] of last) {
      const provider = key.slice(0, key.indexOf(":"));
      if (at && (newest.get(provider) ?? new Date(0)) < at) newest.set(provider, at);
    }
    const judged = snap.providers.filter((p) => !stopped.has(p));
    const stalled = judged
      .filter((p) => {
        const at = newest.get(p);
        return !at || now.getTime() - at.getTime() > horizonH * 3_600_000;
      })
      .map((p) => ({
        provider: p,
        last_success_at: newest.get(p) ?? null,
        hours_ago: hoursAgo(now, newest.get(p)),
      }));
    const details = {
      horizon_hours: horizonH,
      providers: snap.providers.length,
      stopped: Object.fromEntries(stopped),
      stalled,
    };
    if (stalled.length > 0) {
      return {
        status: "violation",
        summary: `${stalled.length} provider(s) made no progress in ${horizonH} h: ${stalled.map((s) => s.provider).join(", ")}`,
        details,
      };
    }
    return { status: "pass", summary: `${judged.length} provider(s) progressing`, details };
  },
};
