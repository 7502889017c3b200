import type { Config } from "../config/config.js";
import type { OperatorLlmBackend } from "../providers/llm/backend.js";
import type { OperatorRunDoc } from "../storage/operator-state-repository.js";
import type { Repositories } from "../storage/repositories.js";
import type { ChosenVerdict } from "./expand.js";
import { decideWithLlm, type LlmDecisionResult } from "./llm-decision.js";
import type { Situation } from "./types.js";

/**
 * The verdicts for the situations that go to the LLM: one LLM call (cached verdicts reused). A dry
 * run uses the cached verdicts only, since a call is spend and spend is always recorded, unless
 * it asks the LLM (`askLlm`): then it makes the one call, charged to the budget and written to the
 * spend ledger, and remembers nothing else (the verdict cache is left as it was).
 */
export async function decide(
  deps: { config: Config; chain: readonly OperatorLlmBackend[]; repos: Repositories },
  situations: Situation[],
  ctx: { dryRun: boolean; askLlm?: boolean; now: Date; runId: string },
): Promise<Decided> {
  const verdicts = new Map<string, ChosenVerdict>();
  if (situations.length === 0) return { verdicts, llm: null, decidedBy: "none", fallbackReason: null };
  const { spend, verdicts: verdictCache } = deps.repos;
  if (ctx.dryRun && ctx.askLlm !== true) {
    for (const v of await verdictCache.lookup(situations))
      verdicts.set(v.situationId, { verdict: v, source: "llm", model: `${v.backend}:${v.model}` });
    return {
      verdicts,
      llm: null,
      decidedBy: verdicts.size > 0 ? "cache" : "classifier",
      fallbackReason: "dry run: the LLM is not called",
    };
  }
  if (ctx.dryRun && (await deps.repos.policies.current()).policy.kill_switch) {
    return { verdicts, llm: null, decidedBy: "classifier", fallbackReason: "kill switch on: no paid call" };
  }
  const llm = await decideWithLlm(situations, {
    config: deps.config,
    chain: deps.chain,
    spend,
    policies: deps.repos.policies,
    verdictCache: ctx.dryRun
      ? { lookup: (s) => verdictCache.lookup(s), store: async () => {} }
      : verdictCache,
    now: ctx.now,
    runId: ctx.runId,
  });
  const llmVerdicts = llm.ok ? llm.verdicts : llm.reused;
  for (const v of llmVerdicts)
    verdicts.set(v.situationId, { verdict: v, source: "llm", model: `${v.backend}:${v.model}` });
  const fresh = llm.ok && llm.call !== undefined;
  const decidedBy = verdicts.size === 0 ? "classifier" : fresh ? "llm" : "cache";
  return { verdicts, llm, decidedBy, fallbackReason: llm.ok ? null : `${llm.reason}: ${llm.detail}` };
}

interface Decided {
  verdicts: Map<string, ChosenVerdict>;
  llm: LlmDecisionResult | null;
  decidedBy: OperatorRunDoc["decided_by"];
  fallbackReason: string | null;
}
