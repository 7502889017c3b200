import { countTokens } from "../../providers/llm/count-tokens.js";
import { z } from "zod";
import type { Config } from "../../config/config.js";
import type { OperatorLlmBackend } from "../../providers/llm/backend.js";
import { costUsd, meteredCall } from "../../providers/llm/metered-call.js";
import type { SpendLedger } from "../../storage/spend-repository.js";
import { isErrorKind, type ErrorKind } from "../../taxonomy/kinds.js";
import { buildFingerprintPrompt, verdictSchema } from "./prompt.js";
import type { UnknownFingerprint } from "./select.js";

export interface FingerprintVerdict {
  fingerprint: string;
  kind: ErrorKind;
  confidence: number;
  reasoning: string;
}

export interface ClassifyResult {
  verdicts: FingerprintVerdict[];
  /** The backend that answered, when one did. */
  answeredBy: { backend: string; model: string } | null;
  calls: number;
  costUsd: number;
  problems: string[];
}

export interface ClassifyDeps {
  config: Config;
  chain: readonly OperatorLlmBackend[];
  spend: SpendLedger;
  now: Date;
  runId: string;
}

const answerSchema = z.object({
  verdicts: z.array(
    z
      .object({ fingerprint: z.string(), kind: z.string(), confidence: z.number(), reasoning: z.string() })
      .loose(),
  ),
});

/** Allowance for provider framing and other tokenizers, as in the operator's own budget estimate. */
const PROMPT_OVERHEAD_TOKENS = 500;
const TOKENIZER_MARGIN = 1.25;

/**
 * One batched call for all the fingerprints (the chain is tried in order, like the operator's
 * decision): a backend without a price, or whose estimate would exceed today's operator budget,
 * is not called. Every call is written to the spend ledger. Answers are validated item by item:
 * an unknown fingerprint, an invalid kind or an out-of-range confidence drops that item only.
 */
export async function classifyFingerprints(
  items: UnknownFingerprint[],
  deps: ClassifyDeps,
): Promise<ClassifyResult> {
  const result: ClassifyResult = { verdicts: [], answeredBy: null, calls: 0, costUsd: 0, problems: [] };
  if (items.length === 0) return result;
  const prompt = buildFingerprintPrompt(items);
  const ids = items.map((i) => i.fingerprint);
  const request = {
    system: prompt.system,
    user: prompt.user,
    jsonSchema: verdictSchema(ids),
    maxOutputTokens: Math.min(8_000, 500 + 120 * items.length),
  };
  const counted =
    countTokens(prompt.system) + countTokens(prompt.user) + countTokens(JSON.stringify(request.jsonSchema));
  for (const backend of deps.chain) {
    const name = `${backend.backend}:${backend.model}`;
    const price = deps.config.operator.prices[backend.model];
    if (price === undefined) {
      result.problems.push(`${name}: no price in OPERATOR_LLM_PRICES, not called`);
      continue;
    }
    const estimate = costUsd(
      Math.ceil(counted * TOKENIZER_MARGIN) + PROMPT_OVERHEAD_TOKENS,
      request.maxOutputTokens,
      price,
    );
    const spent = await deps.spend.spentToday("operator", deps.now);
    if (spent + estimate > deps.config.operator.dailyBudgetUsd) {
      result.problems.push(
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
    result.calls++;
    result.costUsd += call.costUsd;
    const verdicts = call.text === undefined ? [] : parseVerdicts(call.text, new Set(ids), result.problems);
    const ok = call.error === undefined && verdicts.length > 0;
    await deps.spend.record({
      at: call.at,
      category: "operator",
      purpose: "fingerprint_classification",
      runId: deps.runId,
      backend: call.backend,
      model: call.model,
      inputTokens: call.inputTokens,
      outputTokens: call.outputTokens,
      costUsd: call.costUsd,
      usageSource: call.usageSource,
      latencyMs: call.latencyMs,
      ok,
      ...(call.error !== undefined
        ? { error: call.error }
        : ok
          ? {}
          : { error: "no usable verdict in the answer" }),
    });
    if (call.error !== undefined) result.problems.push(`${name}: ${call.error}`);
    if (!ok) continue;
    result.verdicts = verdicts;
    result.answeredBy = { backend: backend.backend, model: backend.model };
    return result;
  }
  return result;
}

function parseVerdicts(text: string, asked: Set<string>, problems: string[]): FingerprintVerdict[] {
  const json = text.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, "");
  let parsed: z.infer<typeof answerSchema>;
  try {
    parsed = answerSchema.parse(JSON.parse(json));
  } catch {
    problems.push("the answer is not JSON of the expected shape");
    return [];
  }
  const seen = new Set<string>();
  const out: FingerprintVerdict[] = [];
  for (const v of parsed.verdicts) {
    if (!asked.has(v.fingerprint) || seen.has(v.fingerprint)) {
      problems.push(`verdict for a fingerprint not asked about (or twice): ${v.fingerprint.slice(0, 40)}`);
      continue;
    }
    if (!isErrorKind(v.kind) || !(v.confidence >= 0 && v.confidence <= 1)) {
      problems.push(
        `invalid verdict for ${v.fingerprint}: kind ${v.kind.slice(0, 30)}, confidence ${v.confidence}`,
      );
      continue;
    }
    seen.add(v.fingerprint);
    out.push({
      fingerprint: v.fingerprint,
      kind: v.kind,
      confidence: v.confidence,
      reasoning: v.reasoning.slice(0, 500),
    });
  }
  return out;
}
