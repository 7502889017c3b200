import type { ObjectId } from "mongodb";
import type { ErrorClass } from "../taxonomy/kinds.js";

/** The id type of documents whose `_id` the database assigns; modules outside storage name it so. */
export type DocId = ObjectId;

/**
 * The stored shapes of the existing `llm-bench` collections (DESIGN section 3; field lists from
 * the earlier runner). Fields that older documents may lack are optional; repositories read
 * legacy shapes (`added_at` for `created_at`, timestamps stored as strings) and always write
 * these shapes. Extra fields written by other runners are kept, never dropped: the earlier
 * system lost new fields for months through a write allowlist.
 */

export type ModelAdmissionStatus = "probing" | "probation" | "rejected";

export interface ModelDoc {
  _id?: ObjectId;
  provider: string;
  model_id: string;
  enabled: boolean;
  deprecated?: boolean;
  created_at?: Date;
  display_name?: string;
  disabled_reason?: string | null;
  disabled_at?: Date | null;
  disabled_by?: string | null;
  disabled_class?: string | null;
  recheck_after?: Date | null;
  status?: ModelAdmissionStatus | null;
  /** When the current admission probing began; windows and the deadline count from it. */
  admission_started_at?: Date | null;
  promoted_at?: Date | null;
  /** Where an admission candidate came from (`provider_catalog`, `openrouter_match`). */
  source?: string;
  mutation_batch_id?: string | null;
  /** The id this model was measured under before a rename (a `rename` decision), and when. */
  renamed_from?: string | null;
  renamed_at?: Date | null;
  /** Per-model request quirks for adapters (e.g. omit_temperature, inference profile id). */
  model_metadata?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface MetricDoc {
  _id?: ObjectId;
  provider: string;
  model_name: string;
  run_ts: Date;
  gen_ts: Date;
  temperature?: number;
  requested_tokens: number;
  output_tokens: number;
  generate_time: number;
  /** Existing meaning: output_tokens / generate_time. */
  tokens_per_second: number;
  /** Seconds to the first non-empty generated text; null when there was none, never 0. */
  time_to_first_token: number | null;
  times_between_tokens: number[];
  misc?: Record<string, unknown>;
  // Provenance and the newer metric contract (DESIGN section 11).
  metrics_schema_version?: number;
  benchmark_profile_id?: string;
  protocol_version?: number;
  sample_role?: "published" | "probe" | "shadow";
  attempt?: number;
  token_source?: "provider_usage" | "tokenizer_estimate";
  reasoning_tokens?: number;
  visible_output_tokens?: number;
  time_to_first_answer_token?: number | null;
  output_tokens_per_second?: number | null;
  finish_reason?: string | null;
  cost_usd?: number | null;
  [extra: string]: unknown;
}

export type ErrorStage = "generate" | "validate" | "log" | "timeout" | "load_provider" | "ingest" | "probe";

export interface ErrorDoc {
  _id?: ObjectId;
  provider: string;
  model_name: string;
  ts: Date;
  /** One of ErrorStage for our writers; other runners wrote other values. */
  stage: string;
  message: string;
  /** One of ErrorKind for our writers; older documents carry the earlier taxonomy's kinds or none. */
  error_kind: string;
  error_class?: ErrorClass;
  http_status?: number | null;
  normalized_message?: string;
  fingerprint?: string;
  exc_type?: string | null;
  [extra: string]: unknown;
}

export interface OperatorDecisionMirror {
  action: string;
  confidence: number;
  reasoning: string;
  suggested_at: Date;
  suggested_by: string;
  status: string;
  executed_at?: Date | null;
  decision_id?: string;
}

export interface ModelStatusDoc {
  _id?: ObjectId;
  provider: string;
  model_id: string;
  operator_decision?: OperatorDecisionMirror;
  last_updated?: Date;
  created_at?: Date;
  [extra: string]: unknown;
}

export interface ProviderCatalogDoc {
  _id?: ObjectId;
  provider: string;
  model_id: string;
  name?: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
  raw: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface OpenRouterCatalogDoc {
  _id?: ObjectId;
  openrouter_id: string;
  name?: string;
  org?: string;
  pricing?: Record<string, unknown>;
  context_length?: number | null;
  created?: number | null;
  first_seen_at: Date;
  last_seen_at: Date;
  matched_provider?: string | null;
  matched_model_id?: string | null;
  match_confidence?: number | null;
  match_reasoning?: string | null;
  /** `rules` (deterministic, against listed ids) or `llm` (a guess). */
  match_source?: "rules" | "llm" | null;
  /** False for a guessed id until a successful probe (or the provider's own list) confirms it. */
  match_verified?: boolean | null;
  match_verified_at?: Date | null;
  /** When matching last settled this entry (matched or not); unset entries are asked again. */
  match_attempted_at?: Date | null;
  /** Every LLM guess for this entry, oldest first, with what its probes said (the feedback loop). */
  match_guesses?: MatchGuess[];
  /** This entry's share of the matching calls that asked about it, USD. */
  match_spend_usd?: number;
  /** Set when the guesses ran out (attempts or spend): no more are made. */
  match_exhausted_at?: Date | null;
  [extra: string]: unknown;
}

/** One guessed id and its fate: `refuted` by a failed probe (with the provider's own error), or `verified`. */
export interface MatchGuess {
  provider: string;
  model_id: string;
  at: Date;
  confidence: number;
  outcome: "pending" | "verified" | "refuted";
  /** The failed probe's kind and message (redacted provider text: untrusted). */
  error_kind: string | null;
  error: string | null;
}
