import {
  callWithinBudget,
  describeCall,
  type Attempt,
  type BudgetedCallDeps,
  type LlmCallRecord,
} from "./budgeted-call.js";
import { buildDecisionPrompt } from "./prompt.js";
import type { Situation, SituationVerdict } from "./types.js";
import { rememberVerdicts, type LlmVerdict, type VerdictCache } from "./verdict-cache.js";
import { validateVerdicts, verdictJsonSchema } from "./verdict-validation.js";

/**
 * The batched LLM decision (DESIGN section 7): one call for all situations whose evidence changed,
 * with a structured answer keyed by situation id, validated before it counts. The prompt is built
 * in prompt.ts, the answer validated in verdict-validation.ts, the budgeted call and its fallback
 * through the chain made by budgeted-call.ts, and unchanged situations answered from the
 * verdict cache (verdict-cache.ts). A partial answer is accepted: the situations it misses get the
 * deterministic suggestion (one call per run, not one per gap).
 */

export type { LlmCallRecord } from "./budgeted-call.js";
export type { LlmVerdict, VerdictCache } from "./verdict-cache.js";

/**
 * `verdicts` holds every situation that has an LLM verdict, fresh or reused from the cache, so a
 * caller that reads only `verdicts` is right; `reused` is the cached subset. `call` is the call
 * that produced the fresh verdicts, absent when every situation was cached (no call, no spend);
 * `calls` lists every attempt, failed ones included, in order. A failed result still carries the
 * cached verdicts, which stay valid.
 */
export type LlmDecisionResult =
  | {
      ok: true;
      verdicts: LlmVerdict[];
      reused: LlmVerdict[];
      problems: string[];
      call?: LlmCallRecord;
      calls: LlmCallRecord[];
    }
  | {
      ok: false;
      reason: "not_configured" | "over_budget" | "unavailable" | "garbage" | "no_price";
      detail: string;
      calls: LlmCallRecord[];
      reused: LlmVerdict[];
    };

export interface LlmDecisionDeps extends BudgetedCallDeps {
  verdictCache: VerdictCache;
}

export async function decideWithLlm(
  situations: Situation[],
  deps: LlmDecisionDeps,
): Promise<LlmDecisionResult> {
  const reused = await deps.verdictCache.lookup(situations);
  const cached = new Set(reused.map((verdict) => verdict.situationId));
  const pending = situations.filter((situation) => !cached.has(situation.id));
  if (pending.length === 0) return { ok: true, verdicts: reused, reused, problems: [], calls: [] };
  if (deps.chain.length === 0) {
    const detail = `no LLM: ${deps.config.operator.llmChosenBy ?? "OPERATOR_LLM names no backend"}`;
    return { ok: false, reason: "not_configured", detail, calls: [], reused };
  }

  const ids = pending.map((situation) => situation.id);
  const prompt = buildDecisionPrompt(pending, deps.now);
  const answer = await callWithinBudget<SituationVerdict>(
    {
      purpose: "operator_decision",
      request: {
        system: prompt.system,
        user: prompt.user,
        jsonSchema: verdictJsonSchema(ids),
        maxOutputTokens: outputTokenLimit(pending.length),
      },
      parse: (text) => {
        const validated = validateVerdicts(text, ids);
        return { items: validated.verdicts, problems: validated.problems };
      },
      emptyAnswer: (problems) => `no usable verdict in the answer: ${problems.slice(0, 3).join("; ")}`,
    },
    deps,
  );
  const calls = answer.attempts.flatMap((a) => (a.called ? [a.record] : []));
  const skipped = answer.attempts.flatMap((a) => (a.called ? [] : [a.skip]));
  const call = answer.answered;
  if (call === null) {
    const detail = [...skipped.map((s) => s.text), ...calls.map(describeCall)].join("; ");
    return { ok: false, reason: failureReason(answer.attempts), detail, calls, reused };
  }
  const fresh = answer.items.map((verdict) => ({
    ...verdict,
    backend: call.backend,
    model: call.model,
    decidedAt: call.at,
    reused: false,
  }));
  await rememberVerdicts(deps.verdictCache, fresh, pending, deps.runId);
  const winner = answer.attempts.at(-1);
  const problems = [
    ...skipped.map((s) => s.text),
    ...calls.filter((c) => !c.ok).map(describeCall),
    ...(winner?.called ? winner.problems : []),
  ];
  return { ok: true, verdicts: [...fresh, ...reused], reused, problems, call, calls };
}

/**
 * Why nothing usable came back: `garbage` when some backend answered but no answer was usable,
 * `unavailable` when backends were called and none answered, and when none could be called,
 * `over_budget` if the budget stopped any of them, else `no_price`.
 */
function failureReason(
  attempts: readonly Attempt<unknown>[],
): "over_budget" | "unavailable" | "garbage" | "no_price" {
  if (attempts.some((a) => a.called && a.answered)) return "garbage";
  if (attempts.some((a) => a.called)) return "unavailable";
  return attempts.some((a) => !a.called && a.skip.why === "over_budget") ? "over_budget" : "no_price";
}

/** Room for one verdict of about 70 tokens per situation, plus headroom for reasoning models. */
export function outputTokenLimit(situationCount: number): number {
  return Math.min(16_000, 1_000 + 150 * situationCount);
}
