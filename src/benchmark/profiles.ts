import { randomBytes } from "node:crypto";
import type { ReasoningRequest } from "../providers/stream/types.js";

/**
 * A benchmark profile: what one run asks of a model. Profiles are immutable once runs exist
 * under their id; a change (prompt, budget, temperature, validation) is a new id, so that rows
 * with one id are always comparable. The prompt is the whole request: no provider gets an extra
 * system prompt (the earlier runner gave Cerebras one, which made its rows incomparable).
 */
export interface BenchmarkProfile {
  id: string;
  description: string;
  /** The user message. With `uniquePrefix`, a per-run reference line goes in front of it. */
  prompt: string;
  /**
   * Starts each prompt with a unique line so that prefix caches cannot serve a run from an
   * earlier one (caches match from the first token, so the nonce goes first).
   */
  uniquePrefix: boolean;
  /** The output budget sent (`max_tokens`, `max_completion_tokens`, `max_output_tokens`, `maxTokens`). */
  maxOutputTokens: number;
  /** null: no temperature is sent and the provider's default applies. */
  temperature: number | null;
  /** Reasoning settings, sent only to models whose metadata says they reason. */
  reasoning: ReasoningRequest | null;
  /** The output length a valid run must have; null: any non-empty answer is valid. */
  lengthBand: LengthBand | null;
}

export interface LengthBand {
  /** `output`: all output tokens (reasoning included); `answer`: visible answer tokens only. */
  basis: "output" | "answer";
  target: number;
  /** Valid from `minRatio × target` ... */
  minRatio: number;
  /** ... to `maxRatio × target` (null: no upper bound). */
  maxRatio: number | null;
}

/**
 * The essay instruction asks for more text than any budget allows, so a conforming model runs
 * into the budget (finish reason `length`) and every run measures the same number of tokens.
 */
const ESSAY_PROMPT =
  "Write a long, detailed essay on the history of the printing press and its effects on science, " +
  "religion and politics in Europe. Write continuous prose only: no title, no headings, no lists, " +
  "no markdown. Do not summarize or conclude; keep writing until you are stopped.";

const STORY_PROMPT =
  "Write a story about a lighthouse keeper who finds a message in a bottle. Write continuous prose " +
  "with no title and keep the story going until you are stopped.";

/**
 * `cloud-v1` follows the methodology proposal: about 1,000 output tokens (Artificial Analysis
 * deprecated its 100-token workload: at that length the first chunk and start-up bursts dominate
 * output speed), temperature 0, a unique prefix, and the ±10 % output band.
 */
export const CLOUD_V1: BenchmarkProfile = {
  id: "cloud-v1",
  description: "Essay, 1,000 output tokens, temperature 0, output within ±10 % of the budget.",
  prompt: ESSAY_PROMPT,
  uniquePrefix: true,
  maxOutputTokens: 1000,
  temperature: 0,
  reasoning: null,
  lengthBand: { basis: "output", target: 1000, minRatio: 0.9, maxRatio: 1.1 },
};

/**
 * For reasoning models: the budget covers reasoning (it counts toward every provider's output
 * limit) plus a 1,000-token answer. The reasoning headroom follows Artificial Analysis's
 * assumption of about 2,000 reasoning tokens; a run whose answer falls below 90 % of its target
 * is invalid (`short answer`, or the budget exhausted by reasoning). No temperature: reasoning
 * APIs reject one or require their default.
 */
export const REASONING_V1: BenchmarkProfile = {
  id: "reasoning-v1",
  description:
    "Essay with low-effort reasoning: 4,000 output tokens including reasoning, answer ≥ 900 tokens.",
  prompt: ESSAY_PROMPT,
  uniquePrefix: true,
  maxOutputTokens: 4000,
  temperature: null,
  reasoning: { effort: "low", budgetTokens: 2048 },
  lengthBand: { basis: "answer", target: 1000, minRatio: 0.9, maxRatio: null },
};

/**
 * Continuity with the earlier runner's rows (64 tokens, temperature 0.1, its `strict_pm10`
 * band). Its prompt text is ours, not the earlier one's, and there is no unique prefix, as
 * before. Kept so the existing 64-token history can be extended while cloud-v1 builds up.
 */
export const STORY_64_V1: BenchmarkProfile = {
  id: "story-64-v1",
  description: "Story, 64 output tokens, temperature 0.1, output within ±10 % (the earlier runner's shape).",
  prompt: STORY_PROMPT,
  uniquePrefix: false,
  maxOutputTokens: 64,
  temperature: 0.1,
  reasoning: null,
  lengthBand: { basis: "output", target: 64, minRatio: 0.9, maxRatio: 1.1 },
};

export const PROFILES: readonly BenchmarkProfile[] = [CLOUD_V1, REASONING_V1, STORY_64_V1];

export const DEFAULT_PROFILE_ID = CLOUD_V1.id;

export function getProfile(id: string): BenchmarkProfile | undefined {
  return PROFILES.find((p) => p.id === id);
}

/** The prompt for one run; `nonce` defaults to 8 random bytes. */
export function promptFor(profile: BenchmarkProfile, nonce: string = randomBytes(8).toString("hex")): string {
  return profile.uniquePrefix ? `Reference ${nonce}.\n\n${profile.prompt}` : profile.prompt;
}

/** How a profile's validation is named on stored runs (the earlier runner's `validation_policy`). */
export function validationPolicy(profile: BenchmarkProfile): string {
  const band = profile.lengthBand;
  if (!band) return "visible_nonzero";
  const low = Math.round((1 - band.minRatio) * 100);
  if (band.maxRatio === null) return `${band.basis}_min${100 - low}pct`;
  const high = Math.round((band.maxRatio - 1) * 100);
  return low === high ? `${band.basis}_pm${low}` : `${band.basis}_m${low}_p${high}`;
}
