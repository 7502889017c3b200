import { admissionService } from "../admission/service.js";
import { benchmarkSweepService } from "../benchmark/sweep.js";
import { CLOUD_V1, runBenchmark, targetFromModel } from "../benchmark/index.js";
import type { Deps } from "../deps.js";
import { runDiscovery } from "../catalog/discovery/run.js";
import { planCatalogReads } from "../catalog/readers/registry.js";
import { createStreamAdapter } from "../providers/stream/factory.js";
import { recordErrorDoc, recordSuccess } from "../signals/record.js";
import { isErrorKind } from "../taxonomy/kinds.js";
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
      const runs = outcomes.flatMap((o) => ("run" in o ? [o.run] : []));
      return {
        counts: {
          providers_read: runs.length,
          complete: runs.filter((r) => r.complete).length,
          incomplete: runs.filter((r) => !r.complete).length,
          skipped: outcomes.length - runs.length,
          rows: runs.reduce((n, r) => n + r.raw_count, 0),
        },
        summary: outcomes
          .map((o) =>
            "run" in o
              ? `${o.provider}: ${o.run.complete ? "complete" : "incomplete"}`
              : `${o.provider}: skipped (${o.skipped})`,
          )
          .join("; "),
      };
    },
    benchmarkSweep: benchmarkSweepService(deps),
    admission: (ctx) => admission(ctx, ctx.services.operatorChain),
    recoveryProbe: recoveryProbe(deps),
  };
}

/** One benchmark run for a recovery probe, recorded like any run so signals and provider state see it. */
function recoveryProbe(deps: Deps): RecoveryProbe {
  return async (target, ctx): Promise<ProbeOutcome> => {
    const model = await deps.repos.models.get({ provider: target.provider, model_id: target.model_id });
    if (!model)
      return { ok: false, kind: "model_not_found", message: "the model is no longer in the catalog" };
    const adapter = createStreamAdapter(target.provider, deps.config);
    const result = await runBenchmark(adapter, targetFromModel(model), CLOUD_V1, {
      deadlineMs: 120_000,
      attempt: 1,
      sampleRole: "published",
      signal: ctx.signal,
    });
    await ctx.assertLease();
    if (result.ok) {
      await recordSuccess(deps.repos, result.metric, deps.clock());
      return { ok: true };
    }
    // The core built the document (its own kind for a deadline or a validation failure): stored as is.
    const e = await recordErrorDoc(deps.repos, { ...result.error, recovery_probe: true }, deps.clock());
    return { ok: false, kind: isErrorKind(e.error_kind) ? e.error_kind : "unknown", message: e.message };
  };
}
