import { AppError } from "../errors.js";
import type { CatalogEntry, CatalogIndex, EntryText } from "./catalog-index.js";
import type { Fact } from "./types.js";

export interface CatalogQuery {
  /** Words matched against id, name, family and description; all must match somewhere. */
  text?: string;
  /** Where it is served: "openrouter" or a provider id. */
  provider?: string;
  tools?: boolean;
  reasoning?: boolean;
  structuredOutputs?: boolean;
  /** Accepts image input. */
  vision?: boolean;
  /** USD per million tokens; entries with an unknown price never pass a price bound. */
  maxInputPrice?: number;
  maxOutputPrice?: number;
  minContext?: number;
  /** Created (as the source says) or else first seen at or after this instant. */
  newSince?: Date;
  inFleet?: boolean;
  benchmarkable?: boolean;
  limit?: number;
  offset?: number;
}

export type MatchedOn = "id-exact" | "id" | "name" | "family" | "description";

export interface CatalogHit extends CatalogEntry {
  score: number;
  matchedOn: MatchedOn | null;
  /** Convenience: image among the input modalities, with that fact's source. */
  vision: Fact<boolean> | null;
}

export interface CatalogSearchResult {
  total: number;
  offset: number;
  limit: number;
  /** Offset of the next page, or null when this page is the last. */
  nextOffset: number | null;
  hits: CatalogHit[];
  index: { builtAt: Date; entries: number; lastCompleteReads: Record<string, Date> };
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
const MAX_TEXT = 200;
const MAX_TOKENS = 8;

const SCORE = { exact: 1000, idPrefix: 120, id: 100, name: 60, family: 50, description: 10 } as const;

/**
 * Searches the in-memory index: filters first (cheap comparisons over precomputed fields), then
 * text scoring, then ranking: exact id > id > name/family > description, then newer first.
 * A plain function of (index, query) so the CLI, an MCP tool and the bench all call the same code.
 */
export function searchCatalog(index: CatalogIndex, query: CatalogQuery): CatalogSearchResult {
  const limit = boundedInt(query.limit ?? DEFAULT_LIMIT, 1, MAX_LIMIT, "limit");
  const offset = boundedInt(query.offset ?? 0, 0, Number.MAX_SAFE_INTEGER, "offset");
  const text = (query.text ?? "").trim().toLowerCase().slice(0, MAX_TEXT);
  const tokens = text === "" ? [] : text.split(/\s+/).slice(0, MAX_TOKENS);
  const sinceMs = query.newSince?.getTime();

  const scored: { i: number; score: number; on: MatchedOn | null }[] = [];
  for (let i = 0; i < index.entries.length; i++) {
    const e = index.entries[i]!;
    const t = index.texts[i]!;
    if (!passesFilters(e, t, query, sinceMs)) continue;
    if (tokens.length === 0) {
      scored.push({ i, score: 0, on: null });
      continue;
    }
    const s = scoreText(t, text, tokens);
    if (s) scored.push({ i, ...s });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      index.texts[b.i]!.addedAtMs - index.texts[a.i]!.addedAtMs ||
      (index.entries[a.i]!.key < index.entries[b.i]!.key ? -1 : 1),
  );
  const page = scored.slice(offset, offset + limit);
  return {
    total: scored.length,
    offset,
    limit,
    nextOffset: offset + limit < scored.length ? offset + limit : null,
    hits: page.map(({ i, score, on }) => toHit(index.entries[i]!, score, on)),
    index: {
      builtAt: index.builtAt,
      entries: index.entries.length,
      lastCompleteReads: index.lastCompleteReads,
    },
  };
}

function passesFilters(e: CatalogEntry, t: EntryText, q: CatalogQuery, sinceMs: number | undefined): boolean {
  const f = e.facts;
  if (q.provider !== undefined && e.provider !== q.provider) return false;
  if (
    !flag(f.tools, q.tools) ||
    !flag(f.reasoning, q.reasoning) ||
    !flag(f.structuredOutputs, q.structuredOutputs)
  ) {
    return false;
  }
  if (q.vision !== undefined) {
    const vision = f.inputModalities ? f.inputModalities.value.includes("image") : null;
    if (vision !== q.vision) return false;
  }
  if (q.maxInputPrice !== undefined && !atMost(f.inputPricePerMillion, q.maxInputPrice)) return false;
  if (q.maxOutputPrice !== undefined && !atMost(f.outputPricePerMillion, q.maxOutputPrice)) return false;
  if (q.minContext !== undefined && !(f.contextLength !== null && f.contextLength.value >= q.minContext))
    return false;
  if (sinceMs !== undefined && !(t.addedAtMs > 0 && t.addedAtMs >= sinceMs)) return false;
  if (q.inFleet !== undefined && e.fleet.inFleet !== q.inFleet) return false;
  if (q.benchmarkable !== undefined && f.benchmarkable.value !== q.benchmarkable) return false;
  return true;
}

/** A capability filter passes only on a stated value: unknown is neither true nor false. */
function flag(fact: Fact<boolean> | null, wanted: boolean | undefined): boolean {
  return wanted === undefined || (fact !== null && fact.value === wanted);
}

function atMost(fact: Fact<number> | null, max: number): boolean {
  return fact !== null && fact.value <= max;
}

function scoreText(t: EntryText, whole: string, tokens: string[]): { score: number; on: MatchedOn } | null {
  if (whole === t.id || whole === t.idTail) return { score: SCORE.exact, on: "id-exact" };
  let score = 0;
  let best: MatchedOn = "description";
  let bestScore = 0;
  for (const token of tokens) {
    let s = 0;
    let on: MatchedOn = "description";
    if (t.idTail.startsWith(token)) [s, on] = [SCORE.idPrefix, "id"];
    else if (t.id.includes(token)) [s, on] = [SCORE.id, "id"];
    else if (t.name.includes(token)) [s, on] = [SCORE.name, "name"];
    else if (t.family !== "" && t.family.includes(token)) [s, on] = [SCORE.family, "family"];
    else if (t.description.includes(token)) [s, on] = [SCORE.description, "description"];
    else return null;
    score += s;
    if (s > bestScore) [bestScore, best] = [s, on];
  }
  return { score, on: best };
}

function toHit(e: CatalogEntry, score: number, on: MatchedOn | null): CatalogHit {
  const inputs = e.facts.inputModalities;
  return {
    ...e,
    score,
    matchedOn: on,
    vision: inputs ? { value: inputs.value.includes("image"), source: inputs.source } : null,
  };
}

function boundedInt(n: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AppError("invalid_input", `${name} must be an integer from ${min} to ${max}, got ${n}`);
  }
  return n;
}
