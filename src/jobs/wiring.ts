import { admissionService } from "../admission/service.js";
import { benchmarkSweepService } from "../benchmark/sweep.js";
import { runRecoveryProbe } from "../benchmark/recovery-probe.js";
import { isRemoteOnly } from "../config/providers.js";
import type { Deps } from "../deps.js";
import { discoveryWorkResult } from "../catalog/discovery/job-result.js";
import { runDiscovery } from "../catalog/discovery/run.js";
import { planCatalogReads } from "../catalog/readers/registry.js";
import { servicesFromConfig, type JobServices, type ProbeOutcome, type RecoveryProbe } from "./services.js";

/**
 * The services the scheduled jobs call, built from the product's real parts. This is the one
 * place that connects jobs to the benchmark sweep, discovery, admission and the
 * measurement core.
 */
export function productionServices(deps: Deps): JobServices {
  const admission = admissionService(deps);
  return {
    ...servicesFromConfig(deps.config),
    discovery: async (ctx) => {
      const outcomes = await runDiscovery(deps.repos, planCatalogReads(deps.config), {
        clock: deps.clock,
        logger: deps.logger,
      });
      await ctx.assertLease();
      return discoveryWorkResult(outcomes, (provider) => isRemoteOnly(deps.config, provider));
    },
    benchmarkSweep: benchmarkSweepService(deps),
    admission: (ctx) => admission(ctx, ctx.services.operatorChain),
    recoveryProbe: recoveryProbe(deps),
  };
}

/**
 * One recovery probe through the claim, budget and recording every run takes
 * (src/benchmark/recovery-probe.ts): a disabled model's recheck goes to `probe_runs`, a stopped
 * provider's enabled model is published so that signals and provider state see it.
 */
function recoveryProbe(deps: Deps): RecoveryProbe {
  return async (target, ctx): Promise<ProbeOutcome> => {
    await ctx.assertLease();
    const { createStreamAdapter } = await import("../providers/stream/factory.js");
    const r = await runRecoveryProbe(
      deps,
      { provider: target.provider, model_id: target.model_id, recheck: target.reason === "recheck_due" },
      { holder: ctx.instanceId, signal: ctx.signal, adapter: (p) => createStreamAdapter(p, deps.config) },
    );
    if (!r.ran) return { skipped: r.why, detail: r.detail };
    return r.ok
      ? { ok: true, costUsd: r.costUsd }
      : { ok: false, kind: r.kind, message: r.message, costUsd: r.costUsd };
  };
}
