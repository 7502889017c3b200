import type { Config } from "../config/config.js";
import { budgetNow, describeBudget, type PolicySource } from "../policy/budgets.js";
import type { OperatorLlmBackend, OperatorLlmRequest } from "../providers/llm/backend.js";
import { countTokens } from "../providers/llm/count-tokens.js";
import { costUsd, meteredCall, safeErrorText, type TokenPrice } from "../providers/llm/metered-call.js";
import type { SpendLedger } from "../storage/spend-repository.js";
import { noPriceText, priceOf } from "./llm-prices.js";

/**
 * The one budgeted, metered question to the operator's LLM chain, used by the operator's
 * decision, the fingerprint classifier and catalog matching. The chain is tried in order:
 * a backend whose model has no price (spend must be known; llm-prices.ts: the setting, then the
 * built-in table), or whose conservative cost estimate
 * would take today's operator spend over the budget, is not called; every call, failed ones
 * included, is written to the spend ledger; an error, a timeout or an answer that parses to
 * nothing moves on to the next backend; the first answer that parses to something wins.
 *
 * Each call is written to the ledger at its estimate before it is made and closed with what it
 * cost: while it is in flight another caller's budget check counts it, and a process that stops
 * during it (kill -9, a crash) leaves it charged, as the provider may have billed it. The next
 * budgeted call settles such a call once no process can still be waiting for it.
 */

/** Fixed allowance for what a provider adds to the prompt (chat framing, tool definitions). */
const PROMPT_OVERHEAD_TOKENS = 500;
/** o200k counts low for other tokenizers (Claude's yields more tokens for the same text). */
const TOKENIZER_MARGIN = 1.25;

export interface BudgetedCallDeps {
  config: Config;
  chain: readonly OperatorLlmBackend[];
  /** The spend ledger (`SpendRepository`); checked before and written after every call. */
  spend: SpendLedger;
  /** The policy in force (`repos.policies`): its operator budget, else the environment's, is the limit. */
  policies: PolicySource;
  now: Date;
  runId: string;
}

/**
 * An open call older than this cannot still be in flight in any process (meteredCall gives up at
 * the LLM timeout), so it was left by one that stopped.
 */
export function abandonedAfterMs(config: Config): number {
  return Math.max(10 * 60_000, 2 * config.operator.llmTimeoutMs);
}

/** What an open call's ledger entry says while it is in flight. */
const IN_FLIGHT_TEXT =
  "in flight: written at its estimate before the call, replaced by what it cost when it returns";

/** One call as the spend ledger and the callers' reports see it. */
export interface LlmCallRecord {
  backend: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  /** True when the answer parsed to at least one usable item. */
  ok: boolean;
  /** Redacted and truncated: the transport error, or why the answer was unusable. */
  error?: string;
  at: Date;
}

export interface BudgetedQuestion<T> {
  /** The spend ledger's purpose, e.g. `operator_decision`. */
  purpose: string;
  request: Omit<OperatorLlmRequest, "signal">;
  /** Parses and validates an answer item by item; no items means nothing usable. */
  parse: (text: string) => { items: T[]; problems: string[] };
  /** What the ledger says when an answer parsed to nothing, given that answer's problems. */
  emptyAnswer: (problems: string[]) => string;
}

export interface SkippedBackend {
  why: "no_price" | "over_budget";
  text: string;
}

/** One backend of the chain, in order: not called (and why), or called (and what came back). */
export type Attempt<T> =
  | { called: false; skip: SkippedBackend }
  | { called: true; record: LlmCallRecord; answered: boolean; items: T[]; problems: string[] };

export interface BudgetedAnswer<T> {
  /** The first usable answer's items; empty when no backend gave one. */
  items: T[];
  /** The call that gave them; null when none did. */
  answered: LlmCallRecord | null;
  attempts: Attempt<T>[];
}

export async function callWithinBudget<T>(
  question: BudgetedQuestion<T>,
  deps: BudgetedCallDeps,
): Promise<BudgetedAnswer<T>> {
  const { request } = question;
  const counted =
    countTokens(request.system) + countTokens(request.user) + countTokens(JSON.stringify(request.jsonSchema));
  const clock = startClock(deps.now);
  const attempts: Attempt<T>[] = [];
  await deps.spend.settleAbandoned("operator", deps.now, abandonedAfterMs(deps.config));
  for (const backend of deps.chain) {
    const price = priceOf(deps.config, backend.model)?.price;
    const estimate = price === undefined ? undefined : estimateOf(counted, request.maxOutputTokens, price);
    const skip = await whySkip(backend, estimate, deps);
    if (skip !== null || price === undefined || estimate === undefined) {
      if (skip !== null) attempts.push({ called: false, skip });
      continue;
    }
    const at = clock.now();
    const ledgerEntry = { category: "operator" as const, purpose: question.purpose, runId: deps.runId };
    const open = await deps.spend.open({
      ...ledgerEntry,
      at,
      backend: backend.backend,
      model: backend.model,
      inputTokens: estimate.inputTokens,
      outputTokens: estimate.outputTokens,
      costUsd: estimate.usd,
      usageSource: "counted",
      latencyMs: 0,
      ok: false,
      error: IN_FLIGHT_TEXT,
    });
    const call = await meteredCall(backend, request, {
      timeoutMs: deps.config.operator.llmTimeoutMs,
      price,
      countedInputTokens: counted,
      at,
    });
    const parsed = call.text === undefined ? { items: [], problems: [] } : question.parse(call.text);
    const record: LlmCallRecord = {
      backend: call.backend,
      model: call.model,
      inputTokens: call.inputTokens,
      outputTokens: call.outputTokens,
      costUsd: call.costUsd,
      latencyMs: call.latencyMs,
      ok: call.error === undefined && parsed.items.length > 0,
      at: call.at,
    };
    if (call.error !== undefined) record.error = call.error;
    else if (!record.ok) record.error = safeErrorText(question.emptyAnswer(parsed.problems));
    await deps.spend.close(open, { ...record, ...ledgerEntry, usageSource: call.usageSource });
    attempts.push({ called: true, record, answered: call.text !== undefined, ...parsed });
    if (record.ok) return { items: parsed.items, answered: record, attempts };
  }
  return { items: [], answered: null, attempts };
}

/** A call's conservative cost: the o200k prompt count with a margin for other tokenizers and
 * provider framing, plus the whole output allowance. */
interface Estimate {
  inputTokens: number;
  outputTokens: number;
  usd: number;
}

function estimateOf(countedInputTokens: number, maxOutputTokens: number, price: TokenPrice): Estimate {
  const inputTokens = Math.ceil(countedInputTokens * TOKENIZER_MARGIN) + PROMPT_OVERHEAD_TOKENS;
  return { inputTokens, outputTokens: maxOutputTokens, usd: costUsd(inputTokens, maxOutputTokens, price) };
}

/**
 * Why a backend must not be called: its model has no price, or the call's estimate would take
 * today's operator spend (calls in flight included) over the budget in force (the policy's, read
 * per call so that a human lowering it stops the very next call; else OPERATOR_DAILY_BUDGET_USD).
 */
async function whySkip(
  backend: OperatorLlmBackend,
  estimateOrNone: Estimate | undefined,
  deps: BudgetedCallDeps,
): Promise<SkippedBackend | null> {
  const name = `${backend.backend}:${backend.model}`;
  if (estimateOrNone === undefined) {
    return { why: "no_price", text: noPriceText(backend.backend, backend.model) };
  }
  const estimate = estimateOrNone.usd;
  const [spent, budget] = await Promise.all([
    deps.spend.spentToday("operator", deps.now),
    budgetNow("operator", deps.policies, deps.config),
  ]);
  if (spent + estimate <= budget.usd_per_day) return null;
  return {
    why: "over_budget",
    text: `${name}: estimated $${estimate.toFixed(4)} would exceed the daily operator budget ($${spent.toFixed(4)} spent of ${describeBudget(budget)}), not called`,
  };
}

/** `backend:model: ok` or the call's error, for problem lists. */
export function describeCall(call: LlmCallRecord): string {
  return `${call.backend}:${call.model}: ${call.ok ? "ok" : (call.error ?? "failed")}`;
}

/**
 * Every attempt in chain order as the background jobs report it: a skipped backend's reason,
 * then for a called one its answer's problems and its transport error.
 */
export function attemptProblems(attempts: readonly Attempt<unknown>[]): string[] {
  return attempts.flatMap((a) => {
    if (!a.called) return [a.skip.text];
    const transport = a.answered
      ? []
      : [`${a.record.backend}:${a.record.model}: ${a.record.error ?? "failed"}`];
    return [...a.problems, ...transport];
  });
}

/** What the calls cost together. */
export function attemptsCost(attempts: readonly Attempt<unknown>[]): { calls: number; costUsd: number } {
  const called = attempts.flatMap((a) => (a.called ? [a.record] : []));
  return { calls: called.length, costUsd: called.reduce((sum, c) => sum + c.costUsd, 0) };
}

/** The run's clock: `now` plus real elapsed time, so the records of one run keep their order. */
function startClock(now: Date): { now(): Date } {
  const origin = performance.now();
  return { now: () => new Date(now.getTime() + Math.round(performance.now() - origin)) };
}
