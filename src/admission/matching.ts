import { FleetMatcher, type FleetModelRef } from "../catalog/fleet-match.js";
import type { OpenRouterCatalogDoc } from "../storage/documents.js";
import { refutedGuesses, verifiedGuesses } from "./guess-loop.js";
import type { KnownIds, MatchingDeps, MatchingInput, MatchingResult, MatchUpdate } from "./match-types.js";
import { matchByLlm } from "./match-llm.js";

export type { MatchingDeps, MatchingInput, MatchingResult, MatchUpdate } from "./match-types.js";

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
    refuted: 0,
    exhausted: 0,
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
  // A guess its provider lists is verified above, whatever a probe said.
  const listedGuess = (d: OpenRouterCatalogDoc): boolean =>
    known.listed.has(`${d.matched_provider ?? ""}\u0000${d.matched_model_id ?? ""}`);
  const loop = refutedGuesses(
    { ...input, openrouter: input.openrouter.filter((d) => !listedGuess(d)) },
    deps.bounds,
    deps.now,
  );
  result.refuted = loop.retries.length;
  result.exhausted = loop.exhausted;
  for (const u of loop.updates)
    result.updates.push({ _id: u.doc._id!, openrouterId: u.doc.openrouter_id, set: u.set });
  const open = matchByRules(input, known, deps.now, result);
  const asking = open.length + loop.retries.length;
  if (asking === 0 || deps.chain.length === 0 || deps.dryRun) {
    if (asking > 0 && deps.chain.length === 0)
      result.problems.push(`${asking} entries left unmatched: no operator LLM is configured`);
    result.updates = mergeUpdates(result.updates);
    return result;
  }
  await matchByLlm(loop.retries, open, known, deps, result);
  result.updates = mergeUpdates(result.updates);
  return result;
}

/** One update per entry, later fields over earlier ones (the store applies them unordered). */
function mergeUpdates(updates: readonly MatchUpdate[]): MatchUpdate[] {
  const byId = new Map<string, MatchUpdate>();
  for (const u of updates) {
    const key = String(u._id);
    const prior = byId.get(key);
    byId.set(key, prior ? { ...prior, set: { ...prior.set, ...u.set } } : u);
  }
  return [...byId.values()];
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
      set: { match_verified: true, match_verified_at: now, match_guesses: verifiedGuesses(d) },
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
