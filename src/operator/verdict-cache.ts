import type { Situation, SituationVerdict } from "./types.js";

/** An LLM verdict with its provenance: which model gave it, when, and whether it came from the cache. */
export interface LlmVerdict extends SituationVerdict {
  backend: string;
  model: string;
  decidedAt: Date;
  reused: boolean;
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

/** Stores fresh verdicts under the evidence digest of the situation each answers. */
export async function rememberVerdicts(
  cache: VerdictCache,
  fresh: readonly LlmVerdict[],
  asked: readonly Situation[],
  runId: string,
): Promise<void> {
  const digests = new Map(asked.map((situation) => [situation.id, situation.evidenceDigest]));
  await cache.store(
    fresh.map((verdict) => ({
      verdict,
      evidenceDigest: digests.get(verdict.situationId) ?? "",
      runId,
    })),
  );
}
