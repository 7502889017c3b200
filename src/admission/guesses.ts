import type { MatchGuess } from "../storage/documents.js";
import type { Repositories } from "../storage/repositories.js";
import { guessesOf } from "./guess-loop.js";

/** Where an OpenRouter entry's id-guess loop stands. */
export type GuessLoopState =
  /** A probe of the current guess succeeded (or the provider lists it): the loop is closed. */
  | "verified"
  /** The current guess waits for its probe (a probing candidate). */
  | "probing"
  /** The bounds (guesses, spend) were reached without a verified guess: never asked again. */
  | "gave_up"
  /** The matcher answered no match after a refuted guess: nothing more to probe. */
  | "no_match";

export interface GuessLoopRow {
  openrouter_id: string;
  state: GuessLoopState;
  /** The current match, when there is one. */
  matched: { provider: string; model_id: string; confidence: number | null } | null;
  /** Each guess in order, with the provider's error for a refuted one (untrusted provider text). */
  guesses: MatchGuess[];
  spend_usd: number;
  reasoning: string | null;
  attempted_at: Date | null;
}

/**
 * The id-guess loop (issue 17 item 2) as a person reads it: for each OpenRouter entry the LLM
 * matcher guessed a direct-provider id for (not those it answered no match for at once), every guess, what its probe answered, and where the
 * loop stands. Read-only.
 */
export async function listGuessLoops(repos: Repositories): Promise<GuessLoopRow[]> {
  return (await repos.openrouterCatalog.withGuesses()).flatMap((doc): GuessLoopRow[] => {
    const guesses = guessesOf(doc);
    // An entry the matcher answered "no match" for at its first ask has no loop to show.
    if (guesses.length === 0) return [];
    const matched =
      doc.matched_provider && doc.matched_model_id
        ? {
            provider: doc.matched_provider,
            model_id: doc.matched_model_id,
            confidence: doc.match_confidence ?? null,
          }
        : null;
    const state: GuessLoopState = doc.match_exhausted_at
      ? "gave_up"
      : doc.match_verified === true
        ? "verified"
        : matched && doc.match_source === "llm"
          ? "probing"
          : "no_match";
    return [
      {
        openrouter_id: doc.openrouter_id,
        state,
        matched,
        guesses,
        spend_usd: doc.match_spend_usd ?? 0,
        reasoning: doc.match_reasoning ?? null,
        attempted_at: doc.match_attempted_at ?? null,
      },
    ];
  });
}
