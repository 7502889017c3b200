import { runOperator } from "../operator/run.js";
import { createOperatorLlmChain } from "../providers/llm/index.js";
import type { JobDefinition } from "./job.js";

/**
 * The decision batch: one operator run (signals, situations, one LLM call, policy, execution under
 * the caps). The lease is checked before it starts and again inside `runOperator` before it
 * records decisions and before it executes them, so a run that lost its lease changes nothing.
 */
export const operatorRunJob: JobDefinition = {
  name: "operator-run",
  description:
    "One operator run: group failures into situations, decide once with the LLM, apply what the policy allows.",
  timeoutMs: 15 * 60_000,
  async run(ctx) {
    const { deps } = ctx;
    const chain = ctx.services.operatorChain ?? createOperatorLlmChain(deps.config);
    await ctx.assertLease();
    const { run } = await runOperator(
      { repos: deps.repos, config: deps.config, logger: deps.logger, chain },
      { now: deps.clock(), assertLease: () => ctx.assertLease() },
    );
    return {
      counts: { ...run.counts, batches: run.batch_ids.length, decisions: run.decision_ids.length },
      costUsd: run.llm.cost_usd,
      summary:
        `operator run ${run._id}: ${run.outcome}, decided by ${run.decided_by}, ${run.batch_ids.length} batch(es)` +
        (run.outcome === "degraded" && run.fallback_reason
          ? `; the LLM gave no verdict: ${run.fallback_reason}`
          : ""),
    };
  },
};
