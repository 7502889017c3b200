import type { CatalogEntry, CatalogIndex } from "../catalog/catalog-index.js";
import { FleetMatcher } from "../catalog/fleet-match.js";
import { modelKey } from "../catalog/model-key.js";
import type { ChangeRequest } from "../mutations/mutate.js";
import { isProtected } from "../policy/evaluate.js";
import type { Policy } from "../policy/policy.js";
import type { ModelDoc, OpenRouterCatalogDoc } from "../storage/documents.js";

/** A model that is not in the fleet and should be probed before anyone enables it. */
export interface NewCandidate {
  provider: string;
  model_id: string;
  name: string | null;
  source: "provider_catalog" | "openrouter_match";
  /** For a guessed id, the OpenRouter entry it was guessed from. */
  matchedFrom?: string;
  /** How many sources (providers, OpenRouter) list the same model: widely served ones go first. */
  servedBy: number;
  addedAtMs: number;
}

export interface CandidateSelection {
  /** The candidates this pass registers, within the caps. */
  chosen: NewCandidate[];
  /** Eligible but over this pass's caps: the next pass takes them. */
  deferred: number;
  /** Skipped because the policy protects them (never changed automatically). */
  protectedSkipped: number;
}

/**
 * New benchmarkable catalog models become candidates: provider catalog rows whose derived facts
 * say they are text-generation endpoints and that no `models` row matches (any spelling, any
 * status: a rejected candidate is never found again here; its recheck date brings it back), then
 * confident LLM guesses of direct-provider ids for OpenRouter entries. One candidate per model
 * and provider (a Bedrock model and its inference profiles, two spellings of one id), the most
 * widely served first, then the newest; at most `maxPerPass` in total and the policy's
 * per-provider cap per provider.
 */
export function selectCandidates(input: {
  index: CatalogIndex;
  fleet: readonly ModelDoc[];
  openrouter: readonly OpenRouterCatalogDoc[];
  policy: Policy;
  maxPerPass: number;
  matchMinConfidence: number;
  /** Providers whose models we can measure (a catalog we read); OpenRouter entries are not admitted. */
  providers: ReadonlySet<string>;
}): CandidateSelection {
  const servedBy = servedByCounts(input.index.entries);
  const eligible: NewCandidate[] = [];
  for (const e of input.index.entries) {
    if (e.origin !== "provider_catalog" || !input.providers.has(e.provider)) continue;
    if (!e.facts.benchmarkable.value || e.fleet.inFleet) continue;
    eligible.push({
      provider: e.provider,
      model_id: e.modelId,
      name: e.name,
      source: "provider_catalog",
      servedBy: servedBy.get(modelKey(e.provider, e.modelId).undated) ?? 1,
      addedAtMs: (e.facts.createdAt?.value ?? e.firstSeenAt)?.getTime() ?? 0,
    });
  }
  eligible.sort(byPriority);
  const guesses = matchedGuesses(input);
  const fleetMatcher = new FleetMatcher(
    input.fleet.map((m) => ({ provider: m.provider, model_id: m.model_id, enabled: m.enabled })),
  );

  const chosen: NewCandidate[] = [];
  const seenKeys = new Set<string>();
  const perProvider = new Map<string, number>();
  let deferred = 0;
  let protectedSkipped = 0;
  for (const c of [...eligible, ...guesses]) {
    if (c.source === "openrouter_match" && fleetMatcher.match(c.provider, c.model_id).inFleet) continue;
    const key = `${c.provider}\u0000${modelKey(c.provider, c.model_id).strict}`;
    if (seenKeys.has(key)) continue;
    seenKeys.add(key);
    if (isProtected(input.policy, c)) {
      protectedSkipped++;
      continue;
    }
    const n = perProvider.get(c.provider) ?? 0;
    if (chosen.length >= input.maxPerPass || n >= input.policy.caps.per_provider) {
      deferred++;
      continue;
    }
    perProvider.set(c.provider, n + 1);
    chosen.push(c);
  }
  return { chosen, deferred, protectedSkipped };
}

/** The mutation that adds a candidate: disabled, probing, with the day its admission started. */
export function candidateChange(c: NewCandidate, now: Date): ChangeRequest {
  return {
    provider: c.provider,
    model_id: c.model_id,
    set: { enabled: false, status: "probing", admission_started_at: now },
    create: {
      created_at: now,
      display_name: (c.name ?? c.model_id).slice(0, 200),
      source: c.source,
      ...(c.matchedFrom ? { matched_from: c.matchedFrom } : {}),
    },
  };
}

function matchedGuesses(input: {
  openrouter: readonly OpenRouterCatalogDoc[];
  matchMinConfidence: number;
  providers: ReadonlySet<string>;
}): NewCandidate[] {
  const out: NewCandidate[] = [];
  for (const d of input.openrouter) {
    const provider = d.matched_provider;
    const id = d.matched_model_id;
    if (d["match_source"] !== "llm" || d["match_verified"] === true) continue;
    if (typeof provider !== "string" || typeof id !== "string" || !input.providers.has(provider)) continue;
    if ((d.match_confidence ?? 0) < input.matchMinConfidence) continue;
    out.push({
      provider,
      model_id: id,
      name: d.name ?? null,
      source: "openrouter_match",
      matchedFrom: `openrouter:${d.openrouter_id}`,
      servedBy: 1,
      addedAtMs: d.first_seen_at instanceof Date ? d.first_seen_at.getTime() : 0,
    });
  }
  return out.sort(byPriority);
}

/**
 * Bedrock lists a model under several ids (`us.`, `global.` profiles); the plain `us.` profile
 * is the one the runner calls, so it sorts first among equals.
 */
function byPriority(a: NewCandidate, b: NewCandidate): number {
  return (
    b.servedBy - a.servedBy ||
    b.addedAtMs - a.addedAtMs ||
    bedrockRank(a) - bedrockRank(b) ||
    a.provider.localeCompare(b.provider) ||
    a.model_id.localeCompare(b.model_id)
  );
}

function bedrockRank(c: NewCandidate): number {
  return c.provider === "bedrock" && !c.model_id.startsWith("us.") ? 1 : 0;
}

function servedByCounts(entries: readonly CatalogEntry[]): Map<string, number> {
  const sources = new Map<string, Set<string>>();
  for (const e of entries) {
    const key = modelKey(e.provider, e.modelId).undated;
    const set = sources.get(key) ?? new Set<string>();
    set.add(e.provider);
    sources.set(key, set);
  }
  return new Map([...sources].map(([k, s]) => [k, s.size]));
}
