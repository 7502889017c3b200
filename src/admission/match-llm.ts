import { z } from "zod";
import { attemptProblems, attemptsCost, callWithinBudget } from "../operator/budgeted-call.js";
import { safeErrorText } from "../providers/llm/metered-call.js";
import type { OpenRouterCatalogDoc } from "../storage/documents.js";
import { withGuess, type Retry } from "./guess-loop.js";
import { buildMatchPrompt, matchJsonSchema, type MatchItem } from "./match-prompt.js";
import type { KnownIds, MatchingDeps, MatchingResult } from "./match-types.js";

/** Entries per call: one call per pass, retries first, then the newest; the rest wait for the next pass. */
export const MAX_MATCH_ITEMS = 40;
/** Below this, an answer is stored as "no match": the earlier system dropped guesses under 0.5. */
const MIN_STORED_CONFIDENCE = 0.5;
/** What a model id may look like: no spaces, no markup, bounded. */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}$/;

interface Asked {
  doc: OpenRouterCatalogDoc;
  item: MatchItem;
  /** For a retry: the entry's guesses so far (its refuted ids may not come back). */
  retry: Retry | null;
}

/**
 * One LLM call for the entries the feedback loop sends back (with their failed ids, the
 * provider's errors and listing) and the newest open entries; every answered entry is stored as
 * attempted, a retry's new guess appended to its history, and every asked entry charged its
 * share of the call's cost (the loop's spend bound).
 */
export async function matchByLlm(
  retries: readonly Retry[],
  open: readonly OpenRouterCatalogDoc[],
  known: KnownIds,
  deps: MatchingDeps,
  result: MatchingResult,
): Promise<void> {
  const newest = [...open].sort(
    (a, b) => (b.first_seen_at?.getTime() ?? 0) - (a.first_seen_at?.getTime() ?? 0),
  );
  const asked: Asked[] = [
    ...retries.map((r) => ({ doc: r.doc, retry: r, extra: r.item })),
    ...newest.map((doc) => ({ doc, retry: null, extra: {} })),
  ]
    .slice(0, MAX_MATCH_ITEMS)
    .map(({ doc, retry, extra }, i) => ({
      doc,
      retry,
      item: {
        key: `e${i + 1}`,
        openrouterId: doc.openrouter_id,
        name: doc.name ?? null,
        contextLength: typeof doc.context_length === "number" ? doc.context_length : null,
        ...extra,
      },
    }));
  result.asked = asked.length;
  const { answers, costUsd } = await askLlm(
    asked.map((a) => a.item),
    deps,
    result,
  );
  const byKey = new Map(asked.map((a) => [a.item.key, a]));
  const answered = new Set<string>();
  for (const a of answers ?? []) {
    const entry = byKey.get(a.entry_id)!;
    answered.add(a.entry_id);
    result.updates.push(answerUpdate(entry, a, known, deps.now, result));
  }
  // Each asked entry pays its share, answered or not: a call that keeps failing still runs out.
  const share = asked.length > 0 ? costUsd / asked.length : 0;
  if (share === 0) return;
  for (const a of asked) {
    result.updates.push({
      _id: a.doc._id!,
      openrouterId: a.doc.openrouter_id,
      set: { match_spend_usd: (a.doc.match_spend_usd ?? 0) + share },
    });
  }
}

function answerUpdate(
  entry: Asked,
  a: MatchAnswer,
  known: KnownIds,
  now: Date,
  result: MatchingResult,
): MatchingResult["updates"][number] {
  const { doc, retry } = entry;
  const repeated =
    retry !== null &&
    retry.guesses.some(
      (g) => g.outcome === "refuted" && g.provider === a.provider && g.model_id === a.model_id,
    );
  if (repeated)
    result.problems.push(`${doc.openrouter_id}: the matcher repeated a refuted id; stored as no match`);
  const confident =
    !repeated && a.provider !== null && a.model_id !== null && a.confidence >= MIN_STORED_CONFIDENCE;
  if (confident) result.llmMatched++;
  else result.llmNoMatch++;
  const key = `${a.provider}\u0000${a.model_id}`;
  const verified = confident ? known.listed.has(key) || known.probedOk.has(key) : null;
  const guesses = retry?.guesses ?? [];
  return {
    _id: doc._id!,
    openrouterId: doc.openrouter_id,
    set: {
      matched_provider: confident ? a.provider : null,
      matched_model_id: confident ? a.model_id : null,
      match_confidence: a.confidence,
      match_reasoning: a.reasoning,
      match_source: "llm",
      match_verified: verified,
      match_attempted_at: now,
      match_guesses: confident
        ? withGuess(
            guesses,
            {
              provider: a.provider!,
              modelId: a.model_id!,
              confidence: a.confidence,
              verified: verified === true,
            },
            now,
          )
        : guesses,
    },
  };
}

interface MatchAnswer {
  entry_id: string;
  provider: string | null;
  model_id: string | null;
  confidence: number;
  reasoning: string;
}

const answerSchema = z.object({
  matches: z.array(
    z
      .object({
        entry_id: z.string(),
        provider: z.string().nullable(),
        model_id: z.string().nullable(),
        confidence: z.number(),
        reasoning: z.string(),
      })
      .loose(),
  ),
});

/**
 * One call through the operator's budgeted call (src/operator/budgeted-call.ts: the chain in
 * order, the budget, the spend ledger). Null when no backend gave a usable answer (entries stay
 * unattempted).
 */
async function askLlm(
  items: MatchItem[],
  deps: MatchingDeps,
  result: MatchingResult,
): Promise<{ answers: MatchAnswer[] | null; costUsd: number }> {
  const prompt = buildMatchPrompt(items, deps.providers);
  const keys = items.map((i) => i.key);
  const answer = await callWithinBudget(
    {
      purpose: "catalog_matching",
      request: {
        system: prompt.system,
        user: prompt.user,
        jsonSchema: matchJsonSchema(keys, deps.providers),
        maxOutputTokens: Math.min(8_000, 500 + 120 * items.length),
      },
      parse: (text) => {
        const problems: string[] = [];
        return { items: parseAnswers(text, new Set(keys), new Set(deps.providers), problems), problems };
      },
      emptyAnswer: () => "no usable match in the answer",
    },
    deps,
  );
  const cost = attemptsCost(answer.attempts);
  result.calls += cost.calls;
  result.costUsd += cost.costUsd;
  result.problems.push(...attemptProblems(answer.attempts));
  return { answers: answer.answered ? answer.items : null, costUsd: cost.costUsd };
}

/**
 * Item by item: an unknown or repeated entry key, a provider we do not read, an id that does not
 * look like an id, or a confidence outside 0..1 drops that item only; prose around the JSON or a
 * wrong shape drops the answer.
 */
export function parseAnswers(
  text: string,
  keys: ReadonlySet<string>,
  providers: ReadonlySet<string>,
  problems: string[],
): MatchAnswer[] {
  const json = text.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, "");
  let parsed: z.infer<typeof answerSchema>;
  try {
    parsed = answerSchema.parse(JSON.parse(json));
  } catch {
    problems.push("the matching answer is not JSON of the expected shape");
    return [];
  }
  const seen = new Set<string>();
  const out: MatchAnswer[] = [];
  for (const m of parsed.matches) {
    const id = m.entry_id.slice(0, 40);
    if (!keys.has(m.entry_id) || seen.has(m.entry_id)) {
      problems.push(`match for an entry not asked about (or twice): ${safeErrorText(id)}`);
      continue;
    }
    const noMatch = m.provider === null || m.model_id === null;
    const bad =
      !(m.confidence >= 0 && m.confidence <= 1) ||
      (!noMatch && (!providers.has(m.provider!) || !MODEL_ID.test(m.model_id!)));
    if (bad) {
      problems.push(`invalid match for ${id}: provider ${safeErrorText(String(m.provider)).slice(0, 30)}`);
      continue;
    }
    seen.add(m.entry_id);
    out.push({
      entry_id: m.entry_id,
      provider: noMatch ? null : m.provider,
      model_id: noMatch ? null : m.model_id,
      confidence: m.confidence,
      reasoning: safeErrorText(m.reasoning),
    });
  }
  return out;
}
