import type { BudgetedCallDeps } from "../operator/budgeted-call.js";
import type { CatalogIndex } from "../catalog/catalog-index.js";
import type { DocId, ModelDoc, OpenRouterCatalogDoc, ProviderCatalogDoc } from "../storage/documents.js";
import type { ProbeRunDoc } from "../storage/probe-runs-repository.js";
import type { GuessBounds } from "./guess-loop.js";

/** The shapes catalog matching (matching.ts, match-llm.ts) passes around. */

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
  /** Guesses refuted by a failed probe this pass, sent back to the matcher with the error. */
  refuted: number;
  /** Entries given up this pass: their guesses reached the bound (attempts or spend). */
  exhausted: number;
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
  /** The feedback loop's bounds per entry. */
  bounds: GuessBounds;
}

export interface MatchingInput {
  openrouter: readonly OpenRouterCatalogDoc[];
  providerRows: readonly ProviderCatalogDoc[];
  fleet: readonly ModelDoc[];
  index: CatalogIndex;
  probes: readonly ProbeRunDoc[];
}

/** Ids we know are real: listed by their provider, or probed successfully. */
export interface KnownIds {
  listed: Set<string>;
  probedOk: Set<string>;
}
