import { safeErrorText } from "../providers/llm/metered-call.js";
import type { MatchGuess, OpenRouterCatalogDoc, ProviderCatalogDoc } from "../storage/documents.js";
import type { ProbeRunDoc } from "../storage/probe-runs-repository.js";
import { classOf } from "../taxonomy/kinds.js";
import type { MatchItem } from "./match-prompt.js";

/**
 * The id-guess feedback loop (issue 17 item 2): an LLM-guessed id is probed; a probe that fails
 * for a reason about the request or the model (not the provider's health, not a transient) refutes
 * the guess, and the entry goes back to the matcher with the provider's own error (untrusted text)
 * and the provider's catalog listing. Each entry is bounded by a number of guesses and by its
 * share of the calls' spend; past either bound it is given up and never asked again. A probe that
 * succeeds (or the provider listing the id) verifies the guess and closes the loop.
 */

export interface GuessBounds {
  maxGuesses: number;
  maxUsd: number;
}

/** An entry going back to the matcher: its guesses so far and what to show the LLM. */
export interface Retry {
  doc: OpenRouterCatalogDoc;
  guesses: MatchGuess[];
  item: Pick<MatchItem, "previous" | "listing">;
}

export type GuessUpdate = { doc: OpenRouterCatalogDoc; set: Partial<OpenRouterCatalogDoc> };

/** Most ids of the provider's listing shown with a retry, the most similar to the entry first. */
const LISTING_IDS = 30;

/**
 * The refuted guesses of this pass: those within the bounds become retries, the others are given
 * up. `updates` stores each refutation (the provider's error) whatever the matcher answers.
 */
export function refutedGuesses(
  input: {
    openrouter: readonly OpenRouterCatalogDoc[];
    probes: readonly ProbeRunDoc[];
    providerRows: readonly ProviderCatalogDoc[];
  },
  bounds: GuessBounds,
  now: Date,
): { retries: Retry[]; updates: GuessUpdate[]; exhausted: number } {
  const retries: Retry[] = [];
  const updates: GuessUpdate[] = [];
  let exhausted = 0;
  for (const doc of input.openrouter) {
    const failed = refutingProbe(doc, input.probes);
    if (failed === null || !doc._id) continue;
    const guesses = refute(guessesOf(doc), doc, failed);
    const spent = doc.match_spend_usd ?? 0;
    if (guesses.length >= bounds.maxGuesses || spent >= bounds.maxUsd) {
      exhausted++;
      updates.push({
        doc,
        set: {
          match_guesses: guesses,
          matched_provider: null,
          matched_model_id: null,
          match_verified: null,
          match_exhausted_at: now,
          match_reasoning: `gave up after ${guesses.length} guess(es) and $${spent.toFixed(4)}: none was confirmed by a probe`,
        },
      });
      continue;
    }
    updates.push({ doc, set: { match_guesses: guesses } });
    retries.push({ doc, guesses, item: retryContext(doc, guesses, input.providerRows) });
  }
  return { retries, updates, exhausted };
}

/**
 * The newest failed probe of an unverified guess since it was made, when no probe of it succeeded
 * and the failure says something about the id (hard, ours or unknown class).
 */
function refutingProbe(doc: OpenRouterCatalogDoc, probes: readonly ProbeRunDoc[]): ProbeRunDoc | null {
  const { matched_provider: provider, matched_model_id: id } = doc;
  if (doc.match_source !== "llm" || doc.match_verified !== false || doc.match_exhausted_at) return null;
  if (typeof provider !== "string" || typeof id !== "string") return null;
  const since = (doc.match_attempted_at ?? new Date(0)).getTime();
  const mine = probes.filter((p) => p.provider === provider && p.model_id === id && p.ts.getTime() >= since);
  if (mine.some((p) => p.ok)) return null;
  const failed = mine
    .filter((p) => p.error_kind !== null && ["hard", "ours", "unknown"].includes(classOf(p.error_kind)))
    .sort((a, b) => b.ts.getTime() - a.ts.getTime());
  return failed[0] ?? null;
}

/** The entry's guesses; one stored before the loop existed is read from the match itself. */
export function guessesOf(doc: OpenRouterCatalogDoc): MatchGuess[] {
  if (doc.match_guesses && doc.match_guesses.length > 0) return doc.match_guesses.map((g) => ({ ...g }));
  if (doc.match_source !== "llm" || !doc.matched_provider || !doc.matched_model_id) return [];
  return [
    {
      provider: doc.matched_provider,
      model_id: doc.matched_model_id,
      at: doc.match_attempted_at ?? new Date(0),
      confidence: doc.match_confidence ?? 0,
      outcome: "pending",
      error_kind: null,
      error: null,
    },
  ];
}

/** Marks the current guess refuted by the probe (idempotent: a later pass finds it refuted). */
function refute(guesses: MatchGuess[], doc: OpenRouterCatalogDoc, probe: ProbeRunDoc): MatchGuess[] {
  const last = guesses.findLast(
    (g) => g.provider === doc.matched_provider && g.model_id === doc.matched_model_id,
  );
  if (last && last.outcome === "pending") {
    last.outcome = "refuted";
    last.error_kind = probe.error_kind;
    last.error = safeErrorText(probe.message ?? `probe failed (${probe.error_kind ?? "unknown"})`);
  }
  return guesses;
}

/** The failed guesses with their errors, and the guessed provider's listing nearest the entry. */
function retryContext(
  doc: OpenRouterCatalogDoc,
  guesses: readonly MatchGuess[],
  rows: readonly ProviderCatalogDoc[],
): Retry["item"] {
  const provider = doc.matched_provider ?? guesses.at(-1)?.provider ?? "";
  const words = tokens(doc.openrouter_id);
  const ids = rows
    .filter((r) => r.provider === provider)
    .map((r) => ({ id: r.model_id, score: [...tokens(r.model_id)].filter((w) => words.has(w)).length }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, LISTING_IDS)
    .map((r) => r.id);
  return {
    previous: guesses
      .filter((g) => g.outcome === "refuted")
      .map((g) => ({ provider: g.provider, modelId: g.model_id, error: g.error ?? "" })),
    listing: { provider, ids },
  };
}

function tokens(id: string): Set<string> {
  return new Set(
    id
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 0),
  );
}

/** A new guess appended to the entry's history; verified at once when the provider lists it. */
export function withGuess(
  guesses: readonly MatchGuess[],
  guess: { provider: string; modelId: string; confidence: number; verified: boolean },
  now: Date,
): MatchGuess[] {
  return [
    ...guesses,
    {
      provider: guess.provider,
      model_id: guess.modelId,
      at: now,
      confidence: guess.confidence,
      outcome: guess.verified ? "verified" : "pending",
      error_kind: null,
      error: null,
    },
  ];
}

/** The history with the current guess verified (the loop closed). */
export function verifiedGuesses(doc: OpenRouterCatalogDoc): MatchGuess[] {
  const guesses = guessesOf(doc);
  const last = guesses.findLast(
    (g) => g.provider === doc.matched_provider && g.model_id === doc.matched_model_id,
  );
  if (last) last.outcome = "verified";
  return guesses;
}
