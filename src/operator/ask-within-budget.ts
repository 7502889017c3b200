import type { Config } from "../config/config.js";
import type { SpendLedger } from "../storage/spend-repository.js";
import type { OperatorLlmBackend, OperatorLlmRequest } from "../providers/llm/backend.js";
import { countTokens } from "../providers/llm/count-tokens.js";
import { costUsd, meteredCall } from "../providers/llm/metered-call.js";

/** Allowance for provider framing and other tokenizers, as in the operator's own budget estimate. */
const PROMPT_OVERHEAD_TOKENS = 500;
const TOKENIZER_MARGIN = 1.25;

export interface BudgetedAskDeps {
  config: Config;
  chain: readonly OperatorLlmBackend[];
  spend: SpendLedger;
  now: Date;
  runId: string;
}

export interface BudgetedAsk<T> {
  /** The spend ledger's purpose, e.g. `fingerprint_classification`. */
  purpose: string;
  /** Parses and validates an answer item by item; an empty list means nothing usable. */
  parse: (text: string, problems: string[]) => T[];
  /** What the ledger says when an answer parsed to nothing, e.g. "no usable verdict in the answer". */
  emptyAnswer: string;
}

export interface BudgetedAnswer<T> {
  /** The first usable answer; empty when no backend gave one. */
  items: T[];
  answeredBy: { backend: string; model: string } | null;
  calls: number;
  costUsd: number;
  problems: string[];
}

/**
 * One structured question to the operator's LLM chain, tried in order, for the background jobs
 * that ask one (fingerprint classification, catalog matching): a backend without a price, or
 * whose estimate would exceed today's operator budget, is not called; every call, failed ones
 * included, is written to the spend ledger; the first answer that parses to something wins.
 */
export async function askWithinBudget<T>(
  request: Omit<OperatorLlmRequest, "signal">,
  ask: BudgetedAsk<T>,
  deps: BudgetedAskDeps,
): Promise<BudgetedAnswer<T>> {
  const out: BudgetedAnswer<T> = { items: [], answeredBy: null, calls: 0, costUsd: 0, problems: [] };
  const counted =
    countTokens(request.system) + countTokens(request.user) + countTokens(JSON.stringify(request.jsonSchema));
  for (const backend of deps.chain) {
    const name = `${backend.backend}:${backend.model}`;
    const price = deps.config.operator.prices[backend.model];
    if (price === undefined) {
      out.problems.push(`${name}: no price in OPERATOR_LLM_PRICES, not called`);
      continue;
    }
    const estimate = costUsd(
      Math.ceil(counted * TOKENIZER_MARGIN) + PROMPT_OVERHEAD_TOKENS,
      request.maxOutputTokens,
      price,
    );
    const spent = await deps.spend.spentToday("operator", deps.now);
    if (spent + estimate > deps.config.operator.dailyBudgetUsd) {
      out.problems.push(
        `${name}: estimated $${estimate.toFixed(4)} would exceed the daily operator budget, not called`,
      );
      continue;
    }
    const call = await meteredCall(backend, request, {
      timeoutMs: deps.config.operator.llmTimeoutMs,
      price,
      countedInputTokens: counted,
      at: deps.now,
    });
    out.calls++;
    out.costUsd += call.costUsd;
    const items = call.text === undefined ? [] : ask.parse(call.text, out.problems);
    const ok = call.error === undefined && items.length > 0;
    await deps.spend.record({
      at: call.at,
      category: "operator",
      purpose: ask.purpose,
      runId: deps.runId,
      backend: call.backend,
      model: call.model,
      inputTokens: call.inputTokens,
      outputTokens: call.outputTokens,
      costUsd: call.costUsd,
      usageSource: call.usageSource,
      latencyMs: call.latencyMs,
      ok,
      ...(call.error !== undefined ? { error: call.error } : ok ? {} : { error: ask.emptyAnswer }),
    });
    if (call.error !== undefined) out.problems.push(`${name}: ${call.error}`);
    if (!ok) continue;
    out.items = items;
    out.answeredBy = { backend: backend.backend, model: backend.model };
    return out;
  }
  return out;
}
