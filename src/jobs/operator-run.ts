import { runOperator } from "../operator/run.js";
import { createOperatorLlmChain } from "../providers/llm/index.js";
import type { JobDefinition } from "./job.js";

/**
 * The decision batch: one operator run (signals, situations, one LLM call, policy, execution under
 * the caps). Its writes happen inside `runOperator`, so the lease is checked before it starts; a
 * run that outlives its lease is recorded as timed out by run-job.
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
      { now: deps.clock() },
    );
    return {
      counts: { ...run.counts, batches: run.batch_ids.length, decisions: run.decision_ids.length },
      costUsd: run.llm.cost_usd,
      summary: `operator run ${run._id}: ${run.outcome}, decided by ${run.decided_by}, ${run.batch_ids.length} batch(es)`,
    };
  },
};
