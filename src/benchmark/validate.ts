import type { Measurement } from "./metrics.js";
import type { BenchmarkProfile } from "./profiles.js";

export type ValidationReason = "empty_visible_text" | "reasoning_exhausted_budget" | "output_out_of_band";

export interface ValidationFailure {
  reason: ValidationReason;
  message: string;
}

/**
 * The rules that turn a completed stream into an invalid run (stored as an `output_invalid` error,
 * never as a metric): no visible answer, a budget spent entirely on reasoning, and, where the
 * profile demands a length, an output outside its band. The band exists because output speed
 * and `tokens_per_second` depend on the number of tokens: a model that stops after 40 tokens is
 * not comparable with one that wrote 1,000.
 */
export function validate(
  m: Measurement,
  finish: string | null,
  profile: BenchmarkProfile,
): ValidationFailure | null {
  if (m.answer_text_empty) {
    if (finish === "length" && (m.reasoning_tokens > 0 || m.reasoning_visibility !== "none")) {
      return {
        reason: "reasoning_exhausted_budget",
        message:
          `empty visible text: token budget exhausted by reasoning (${m.reasoning_tokens} reasoning tokens ` +
          `of ${profile.maxOutputTokens}, finish reason length); the model needs a larger budget`,
      };
    }
    return {
      reason: "empty_visible_text",
      message: `empty visible text (${m.output_tokens} output tokens, finish reason ${finish ?? "none"})`,
    };
  }
  const band = profile.lengthBand;
  if (!band) return null;
  const actual = band.basis === "output" ? m.output_tokens : m.visible_output_tokens;
  const low = Math.ceil(band.target * band.minRatio);
  const high = band.maxRatio === null ? null : Math.floor(band.target * band.maxRatio);
  if (actual >= low && (high === null || actual <= high)) return null;
  const range = high === null ? `at least ${low}` : `${low}–${high}`;
  return {
    reason: "output_out_of_band",
    message:
      `token count outside the band: ${actual} ${band.basis} tokens, profile ${profile.id} requires ${range} ` +
      `(finish reason ${finish ?? "none"}, token source ${m.token_source})`,
  };
}
