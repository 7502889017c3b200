import type { ProbeRunDoc } from "../storage/probe-runs-repository.js";
import { providerError } from "./messages.js";
import { createRng } from "./random.js";
import type { FleetPlan } from "./types.js";

/**
 * The admission probes behind the demo's rejected candidates (`ModelPlan.admissionProbes`), as the
 * probe lane would have stored them: failures in the provider's own words. Without them a model
 * rejected for "2 definitive probe failures" showed 0 probes in `admission list`. Each model's
 * messages come from a random stream of their own, so the rest of the fleet is unchanged.
 */
export function admissionProbeRuns(plan: FleetPlan): ProbeRunDoc[] {
  return plan.models.flatMap((m) => {
    if (!m.admissionProbes) return [];
    const rng = createRng(plan.options.seed, "admission-probe", m.provider, m.model_id);
    return m.admissionProbes.map((p): ProbeRunDoc => ({
      provider: m.provider,
      model_id: m.model_id,
      ts: p.ts,
      purpose: "admission",
      ok: false,
      error_kind: p.kind,
      message: providerError(m.provider, p.kind, { model: m.model_id, rng }).message,
      metric: null,
      cost_usd: null,
      runner: "demo",
    }));
  });
}
