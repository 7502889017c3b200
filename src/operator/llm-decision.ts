import { countTokens } from "../providers/llm/count-tokens.js";
import type { Config } from "../config/config.js";
import type { OperatorLlmBackend } from "../providers/llm/backend.js";
import {
  costUsd,
  meteredCall,
  safeErrorText,
  type MeteredCall,
  type TokenPrice,
} from "../providers/llm/metered-call.js";
import type { SpendLedger } from "../storage/spend-repository.js";
import { buildDecisionPrompt } from "./prompt.js";
import type { Situation, SituationVerdict } from "./types.js";
import { validateVerdicts, verdictJsonSchema } from "./verdict-validation.js";

/**
 * The batched LLM decision (DESIGN section 7): one call for all situations whose evidence changed,
 * with a structured answer keyed by situation id, validated before it counts.
 *
 * Fallback: the chain from `OPERATOR_LLM` is tried in order. A backend is skipped without a call
 * when its model has no price (spend must be known) or when the call's conservative cost estimate
 * would take today's operator spend over the budget. An error, a timeout or an answer with no
 * usable verdict moves on to the next backend. A partial answer is accepted: the situations it
 * misses get the deterministic suggestion (one call per run, not one per gap).
 */

export interface LlmCallRecord {
  backend: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  /** True when the answer held at least one usable verdict. */
  ok: boolean;
  /** Redacted and truncated: the transport error, or why the answer was unusable. */
  error?: string;
  at: Date;
}

/** An LLM verdict with its provenance: which model gave it, when, and whether it came from the cache. */
export interface LlmVerdict extends SituationVerdict {
  backend: string;
  model: string;
  decidedAt: Date;
  reused: boolean;
}

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

export interface LlmDecisionDeps {
  config: Config;
  chain: readonly OperatorLlmBackend[];
  /** The spend ledger (`SpendRepository`); checked before and written after every call. */
  spend: SpendLedger;
  verdictCache: VerdictCache;
  now: Date;
  runId: string;
}

/** Fixed allowance for what a provider adds to the prompt (chat framing, tool definitions). */
const PROMPT_OVERHEAD_TOKENS = 500;
/** o200k counts low for other tokenizers (Claude's yields more tokens for the same text). */
const TOKENIZER_MARGIN = 1.25;

export async function decideWithLlm(
  situations: Situation[],
  deps: LlmDecisionDeps,
): Promise<LlmDecisionResult> {
  const reused = await deps.verdictCache.lookup(situations);
  const cached = new Set(reused.map((verdict) => verdict.situationId));
  const pending = situations.filter((situation) => !cached.has(situation.id));
  if (pending.length === 0) return { ok: true, verdicts: reused, reused, problems: [], calls: [] };
  if (deps.chain.length === 0) {
    const detail = "OPERATOR_LLM names no backend";
    return { ok: false, reason: "not_configured", detail, calls: [], reused };
  }

  const ids = pending.map((situation) => situation.id);
  const prompt = buildDecisionPrompt(pending, deps.now);
  const request = {
    system: prompt.system,
    user: prompt.user,
    jsonSchema: verdictJsonSchema(ids),
    maxOutputTokens: outputTokenLimit(pending.length),
  };
  const countedInputTokens = prompt.tokens + countTokens(JSON.stringify(request.jsonSchema));
  const clock = startClock(deps.now);
  const calls: LlmCallRecord[] = [];
  const skipped: Skip[] = [];
  let unusableAnswers = 0;

  for (const backend of deps.chain) {
    const price = deps.config.operator.prices[backend.model];
    const skip = await whySkip(backend, price, countedInputTokens, request.maxOutputTokens, deps);
    if (skip !== null || price === undefined) {
      if (skip !== null) skipped.push(skip);
      continue;
    }
    const options = {
      timeoutMs: deps.config.operator.llmTimeoutMs,
      price,
      countedInputTokens,
      at: clock.now(),
    };
    const call = await meteredCall(backend, request, options);
    const validated = call.text === undefined ? undefined : validateVerdicts(call.text, ids);
    const record = toRecord(call);
    if (validated !== undefined && validated.verdicts.length === 0) {
      unusableAnswers++;
      record.ok = false;
      record.error = safeErrorText(
        `no usable verdict in the answer: ${validated.problems.slice(0, 3).join("; ")}`,
      );
    }
    calls.push(record);
    await deps.spend.record({
      ...record,
      category: "operator",
      purpose: "operator_decision",
      runId: deps.runId,
      usageSource: call.usageSource,
    });
    if (validated === undefined || !record.ok) continue;

    const fresh = validated.verdicts.map((verdict) => ({
      ...verdict,
      backend: backend.backend,
      model: backend.model,
      decidedAt: record.at,
      reused: false,
    }));
    await remember(fresh, pending, deps);
    const problems = [
      ...skipped.map((s) => s.text),
      ...calls.filter((c) => !c.ok).map(describeCall),
      ...validated.problems,
    ];
    return { ok: true, verdicts: [...fresh, ...reused], reused, problems, call: record, calls };
  }

  const detail = [...skipped.map((s) => s.text), ...calls.map(describeCall)].join("; ");
  return { ok: false, reason: failureReason(calls, unusableAnswers, skipped), detail, calls, reused };
}

interface Skip {
  why: "no_price" | "over_budget";
  text: string;
}

/**
 * Why a backend must not be called: its model has no price (spend must be known), or the call's
 * conservative cost estimate would take today's operator spend over the budget. The estimate is
 * the o200k prompt count with a margin for other tokenizers and provider framing, plus the whole
 * output allowance.
 */
async function whySkip(
  backend: OperatorLlmBackend,
  price: TokenPrice | undefined,
  countedInputTokens: number,
  maxOutputTokens: number,
  deps: LlmDecisionDeps,
): Promise<Skip | null> {
  const name = `${backend.backend}:${backend.model}`;
  if (price === undefined) {
    return { why: "no_price", text: `${name}: no price in OPERATOR_LLM_PRICES, not called` };
  }
  const inputEstimate = Math.ceil(countedInputTokens * TOKENIZER_MARGIN) + PROMPT_OVERHEAD_TOKENS;
  const estimate = costUsd(inputEstimate, maxOutputTokens, price);
  const spent = await deps.spend.spentToday("operator", deps.now);
  const budget = deps.config.operator.dailyBudgetUsd;
  if (spent + estimate <= budget) return null;
  return {
    why: "over_budget",
    text: `${name}: estimated $${estimate.toFixed(4)} would exceed the daily budget ($${spent.toFixed(4)} of $${budget} spent), not called`,
  };
}

/**
 * Why nothing usable came back: `garbage` when some backend answered but no answer was usable,
 * `unavailable` when backends were called and none answered, and when none could be called,
 * `over_budget` if the budget stopped any of them, else `no_price`.
 */
function failureReason(
  calls: LlmCallRecord[],
  unusableAnswers: number,
  skipped: Skip[],
): "over_budget" | "unavailable" | "garbage" | "no_price" {
  if (unusableAnswers > 0) return "garbage";
  if (calls.length > 0) return "unavailable";
  return skipped.some((s) => s.why === "over_budget") ? "over_budget" : "no_price";
}

/** Room for one verdict of about 70 tokens per situation, plus headroom for reasoning models. */
export function outputTokenLimit(situationCount: number): number {
  return Math.min(16_000, 1_000 + 150 * situationCount);
}

async function remember(fresh: LlmVerdict[], pending: Situation[], deps: LlmDecisionDeps): Promise<void> {
  const digests = new Map(pending.map((situation) => [situation.id, situation.evidenceDigest]));
  await deps.verdictCache.store(
    fresh.map((verdict) => ({
      verdict,
      evidenceDigest: digests.get(verdict.situationId) ?? "",
      runId: deps.runId,
    })),
  );
}

function toRecord(call: MeteredCall): LlmCallRecord {
  const record: LlmCallRecord = {
    backend: call.backend,
    model: call.model,
    inputTokens: call.inputTokens,
    outputTokens: call.outputTokens,
    costUsd: call.costUsd,
    latencyMs: call.latencyMs,
    ok: call.error === undefined,
    at: call.at,
  };
  if (call.error !== undefined) record.error = call.error;
  return record;
}

function describeCall(call: LlmCallRecord): string {
  return `${call.backend}:${call.model}: ${call.ok ? "ok" : (call.error ?? "failed")}`;
}

interface Clock {
  now(): Date;
}

/** The run's clock: `deps.now` plus real elapsed time, so records of one run keep their order. */
function startClock(now: Date): Clock {
  const origin = performance.now();
  return { now: () => new Date(now.getTime() + Math.round(performance.now() - origin)) };
}

/**
 * Verdicts remembered per situation. A situation whose evidence digest is unchanged since its
 * last LLM verdict reuses that verdict, so a run over an unchanged fleet spends no tokens.
 */
export interface VerdictCache {
  /** The stored verdicts of these situations whose digest still matches, marked `reused`. */
  lookup(situations: readonly Pick<Situation, "id" | "evidenceDigest">[]): Promise<LlmVerdict[]>;
  /** Remembers fresh verdicts, replacing any older verdict of the same situation. */
  store(entries: { verdict: LlmVerdict; evidenceDigest: string; runId: string }[]): Promise<void>;
}
