import { z } from "zod";
import {
  attemptProblems,
  attemptsCost,
  callWithinBudget,
  type BudgetedCallDeps,
} from "../../operator/budgeted-call.js";
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

export type ClassifyDeps = BudgetedCallDeps;

const answerSchema = z.object({
  verdicts: z.array(
    z
      .object({ fingerprint: z.string(), kind: z.string(), confidence: z.number(), reasoning: z.string() })
      .loose(),
  ),
});

/**
 * One batched call for all the fingerprints through the operator's budgeted call (the chain in
 * order, the budget, the spend ledger: src/operator/budgeted-call.ts). Answers are validated item by item:
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
  const answer = await callWithinBudget(
    {
      purpose: "fingerprint_classification",
      request: {
        system: prompt.system,
        user: prompt.user,
        jsonSchema: verdictSchema(ids),
        maxOutputTokens: Math.min(8_000, 500 + 120 * items.length),
      },
      parse: (text) => {
        const problems: string[] = [];
        return { items: parseVerdicts(text, new Set(ids), problems), problems };
      },
      emptyAnswer: () => "no usable verdict in the answer",
    },
    deps,
  );
  const answeredBy = answer.answered && { backend: answer.answered.backend, model: answer.answered.model };
  return {
    verdicts: answer.items,
    answeredBy,
    ...attemptsCost(answer.attempts),
    problems: attemptProblems(answer.attempts),
  };
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
