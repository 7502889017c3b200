import { z } from "zod";
import type { CatalogIndex } from "../catalog/catalog-index.js";
import { FleetMatcher, type FleetModelRef } from "../catalog/fleet-match.js";
import {
  attemptProblems,
  attemptsCost,
  callWithinBudget,
  type BudgetedCallDeps,
} from "../operator/budgeted-call.js";
import { safeErrorText } from "../providers/llm/metered-call.js";
import type { DocId, ModelDoc, OpenRouterCatalogDoc, ProviderCatalogDoc } from "../storage/documents.js";
import type { ProbeRunDoc } from "../storage/probe-runs-repository.js";
import { buildMatchPrompt, matchJsonSchema, type MatchItem } from "./match-prompt.js";

/** Entries per call: one call per pass, newest first; the rest wait for the next pass. */
export const MAX_MATCH_ITEMS = 40;
/** Below this, an answer is stored as "no match": the earlier system dropped guesses under 0.5. */
const MIN_STORED_CONFIDENCE = 0.5;
/** What a model id may look like: no spaces, no markup, bounded. */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}$/;

export type MatchUpdate = { _id: DocId; openrouterId: string; set: Partial<OpenRouterCatalogDoc> };

export interface MatchingResult {
  /** Matched by the deterministic rules this pass (to a listed id or a fleet model). */
  ruleMatched: number;
  asked: number;
  llmMatched: number;
  /** The LLM said no direct provider serves it (or was not confident). */
  llmNoMatch: number;
  /** Guessed ids confirmed this pass by a successful probe or the provider's own list. */
  verified: number;
  calls: number;
  costUsd: number;
  problems: string[];
  updates: MatchUpdate[];
}

export interface MatchingDeps extends BudgetedCallDeps {
  /** Providers whose ids a guess may name (catalogs we read and can measure). */
  providers: readonly string[];
  /** Plan only: no LLM call (it costs money), no writes. */
  dryRun?: boolean;
}

export interface MatchingInput {
  openrouter: readonly OpenRouterCatalogDoc[];
  providerRows: readonly ProviderCatalogDoc[];
  fleet: readonly ModelDoc[];
  index: CatalogIndex;
  probes: readonly ProbeRunDoc[];
}

/** Ids we know are real: listed by their provider, or probed successfully. */
interface KnownIds {
  listed: Set<string>;
  probedOk: Set<string>;
}

/**
 * Matches OpenRouter entries to direct-provider ids: the deterministic rules first (against the
 * ids providers list and the fleet: exact, case, Bedrock profiles, model keys), then one batched
 * LLM call for the benchmarkable entries the rules leave unmatched, keyed by our own entry keys.
 * A rule match names an id a provider lists; an LLM match is a guess, stored unverified until a
 * successful probe of that id (or the provider's own list) confirms it.
 */
export async function matchCatalog(input: MatchingInput, deps: MatchingDeps): Promise<MatchingResult> {
  const result: MatchingResult = {
    ruleMatched: 0,
    asked: 0,
    llmMatched: 0,
    llmNoMatch: 0,
    verified: 0,
    calls: 0,
    costUsd: 0,
    problems: [],
    updates: [],
  };
  const known: KnownIds = {
    listed: new Set(input.providerRows.map((r) => `${r.provider}\u0000${r.model_id}`)),
    probedOk: new Set(input.probes.filter((p) => p.ok).map((p) => `${p.provider}\u0000${p.model_id}`)),
  };
  confirmGuesses(input, known, deps.now, result);
  const open = matchByRules(input, known, deps.now, result);
  if (open.length === 0 || deps.chain.length === 0 || deps.dryRun) {
    if (open.length > 0 && deps.chain.length === 0)
      result.problems.push(`${open.length} entries left unmatched: OPERATOR_LLM is not set`);
    return result;
  }
  await matchByLlm(open, known, deps, result);
  return result;
}

/** Guesses waiting for confirmation: verified once a probe succeeded or the provider lists the id. */
function confirmGuesses(input: MatchingInput, known: KnownIds, now: Date, result: MatchingResult): void {
  for (const d of input.openrouter) {
    if (d.match_source !== "llm" || d.match_verified === true || !d._id) continue;
    const key = `${d.matched_provider ?? ""}\u0000${d.matched_model_id ?? ""}`;
    if (!d.matched_provider || !(known.probedOk.has(key) || known.listed.has(key))) continue;
    result.updates.push({
      _id: d._id,
      openrouterId: d.openrouter_id,
      set: { match_verified: true, match_verified_at: now },
    });
    result.verified++;
  }
}

/** The deterministic rules; returns the unattempted benchmarkable entries they leave unmatched. */
function matchByRules(
  input: MatchingInput,
  known: KnownIds,
  now: Date,
  result: MatchingResult,
): OpenRouterCatalogDoc[] {
  const refs: FleetModelRef[] = [
    ...input.fleet.map((m) => ({ provider: m.provider, model_id: m.model_id, enabled: m.enabled })),
    ...input.providerRows
      .filter((r) => r.provider !== "openrouter")
      .map((r) => ({ provider: r.provider, model_id: r.model_id, enabled: false })),
  ];
  const matcher = new FleetMatcher(refs.filter((r) => r.provider !== "openrouter"));
  const facts = new Map(
    input.index.entries.filter((e) => e.origin === "openrouter").map((e) => [e.modelId, e.facts]),
  );
  const open: OpenRouterCatalogDoc[] = [];
  for (const d of input.openrouter) {
    if (d.match_attempted_at || !d._id) continue;
    const best = matcher.match("openrouter", d.openrouter_id).matches[0];
    if (best) {
      result.ruleMatched++;
      result.updates.push({
        _id: d._id,
        openrouterId: d.openrouter_id,
        set: {
          matched_provider: best.provider,
          matched_model_id: best.modelId,
          match_confidence: best.confidence,
          match_reasoning: `deterministic rule ${best.rule}`,
          match_source: "rules",
          match_verified: known.listed.has(`${best.provider}\u0000${best.modelId}`) || best.enabled,
          match_attempted_at: now,
        },
      });
    } else if (facts.get(d.openrouter_id)?.benchmarkable.value !== false) {
      open.push(d);
    }
  }
  return open;
}

/** One LLM call for the newest open entries; every answered entry is stored as attempted. */
async function matchByLlm(
  open: readonly OpenRouterCatalogDoc[],
  known: KnownIds,
  deps: MatchingDeps,
  result: MatchingResult,
): Promise<void> {
  const asked = [...open]
    .sort((a, b) => (b.first_seen_at?.getTime() ?? 0) - (a.first_seen_at?.getTime() ?? 0))
    .slice(0, MAX_MATCH_ITEMS);
  const items: MatchItem[] = asked.map((d, i) => ({
    key: `e${i + 1}`,
    openrouterId: d.openrouter_id,
    name: d.name ?? null,
    contextLength: typeof d.context_length === "number" ? d.context_length : null,
  }));
  result.asked = items.length;
  const answers = await askLlm(items, deps, result);
  if (answers === null) return;
  const byKey = new Map(items.map((item, i) => [item.key, asked[i]!]));
  for (const a of answers) {
    const doc = byKey.get(a.entry_id)!;
    const confident = a.provider !== null && a.model_id !== null && a.confidence >= MIN_STORED_CONFIDENCE;
    if (confident) result.llmMatched++;
    else result.llmNoMatch++;
    const key = `${a.provider}\u0000${a.model_id}`;
    result.updates.push({
      _id: doc._id!,
      openrouterId: doc.openrouter_id,
      set: {
        matched_provider: confident ? a.provider : null,
        matched_model_id: confident ? a.model_id : null,
        match_confidence: a.confidence,
        match_reasoning: a.reasoning,
        match_source: "llm",
        match_verified: confident ? known.listed.has(key) || known.probedOk.has(key) : null,
        match_attempted_at: deps.now,
      },
    });
  }
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
): Promise<MatchAnswer[] | null> {
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
  return answer.answered ? answer.items : null;
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
