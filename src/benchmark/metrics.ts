import type { FinishReason, StreamEvent } from "../providers/stream/types.js";
import { countTokens } from "../providers/tokenizer.js";

/** A chunk of generated text and the monotonic time (ms) its bytes arrived. */
export interface TimedChunk {
  at: number;
  kind: "answer" | "reasoning";
  text: string;
}

/** Everything observed during one run, in the core's clock. */
export interface Recording {
  /** When the request was sent: the transport's dispatch stamp, or just before the send without one. */
  t0: number;
  chunks: TimedChunk[];
  /** Reasoning events without text (redacted thinking). */
  reasoningSignals: number;
  usage: { outputTokens?: number; reasoningTokens?: number; inputTokens?: number };
  finish: { reason: FinishReason; raw?: string } | null;
}

export function newRecording(t0: number): Recording {
  return { t0, chunks: [], reasoningSignals: 0, usage: {}, finish: null };
}

/** Applies one adapter event. Usage is cumulative (Anthropic), so later fields replace earlier ones. */
export function record(rec: Recording, event: StreamEvent): void {
  switch (event.type) {
    case "text":
      if (event.text !== "") rec.chunks.push({ at: event.at, kind: "answer", text: event.text });
      break;
    case "reasoning":
      if (event.text) rec.chunks.push({ at: event.at, kind: "reasoning", text: event.text });
      else rec.reasoningSignals++;
      break;
    case "usage":
      for (const key of ["outputTokens", "reasoningTokens", "inputTokens"] as const) {
        if (event[key] !== undefined) rec.usage[key] = event[key];
      }
      break;
    case "finish":
      rec.finish = { reason: event.reason, raw: event.raw };
      break;
  }
}

export type TokenSource = "provider_usage" | "tokenizer_estimate";
/** How much of the reasoning the provider showed (methodology section 4.4). */
export type ReasoningVisibility = "none" | "full" | "summarized" | "hidden";

/** The measured quantities of one run; times in seconds, as the existing documents store them. */
export interface Measurement {
  time_to_first_token: number | null;
  time_to_first_answer_token: number | null;
  /** Request to last token. */
  generate_time: number;
  /** First token to last token. */
  decode_time: number | null;
  output_tokens: number;
  token_source: TokenSource;
  reasoning_tokens: number;
  reasoning_token_source: TokenSource;
  visible_output_tokens: number;
  input_tokens: number | null;
  reasoning_visibility: ReasoningVisibility;
  tokens_per_second: number;
  output_tokens_per_second: number | null;
  first_chunk_tokens: number | null;
  chunk_count: number;
  times_between_tokens: number[];
  /** o200k count of all streamed text (answer and visible reasoning). */
  streamed_text_tokens_o200k: number;
  quality_flags: string[];
  answer_text_empty: boolean;
}

/**
 * Computes the metric contract (DESIGN section 11) from a recording. Pure: the same recording
 * always gives the same numbers, which is what the deterministic tests rely on.
 */
export function measure(rec: Recording, endAt: number): Measurement {
  const { chunks } = rec;
  const answer = chunks.filter((c) => c.kind === "answer");
  const answerEst = countTokens(answer.map((c) => c.text).join(""));
  const reasoningEst = countTokens(
    chunks
      .filter((c) => c.kind === "reasoning")
      .map((c) => c.text)
      .join(""),
  );
  const tokens = accountTokens(rec, answerEst, reasoningEst);

  const first = chunks[0];
  const last = chunks.at(-1);
  const firstAnswer = answer[0];
  const seconds = (ms: number): number => round6(ms / 1000);
  const generateTime = seconds((last?.at ?? endAt) - rec.t0);

  // Hidden or summarized reasoning was generated but not streamed: over the streamed span only
  // the answer tokens arrived, so speed is measured on answer chunks (methodology 4.4).
  const hiddenReasoning = tokens.visibility === "hidden" || tokens.visibility === "summarized";
  const speed = outputSpeed(
    hiddenReasoning ? answer : chunks,
    hiddenReasoning ? tokens.visible : tokens.output,
  );

  const flags: string[] = [];
  if (speed.buffered) flags.push("buffered_stream");
  const streamedEst = answerEst + reasoningEst;
  if (tokens.source === "provider_usage" && !hiddenReasoning && tokens.output > 0) {
    const ratio = streamedEst / tokens.output;
    if (ratio < 0.6 || ratio > 1.5) flags.push("usage_mismatch");
  }

  return {
    time_to_first_token: first ? seconds(first.at - rec.t0) : null,
    time_to_first_answer_token: firstAnswer ? seconds(firstAnswer.at - rec.t0) : null,
    generate_time: generateTime,
    decode_time: first && last ? seconds(last.at - first.at) : null,
    output_tokens: tokens.output,
    token_source: tokens.source,
    reasoning_tokens: tokens.reasoning,
    reasoning_token_source: tokens.reasoningSource,
    visible_output_tokens: tokens.visible,
    input_tokens: rec.usage.inputTokens ?? null,
    reasoning_visibility: tokens.visibility,
    tokens_per_second: generateTime > 0 ? round3(tokens.output / generateTime) : 0,
    output_tokens_per_second: speed.value,
    first_chunk_tokens: speed.firstChunkTokens,
    chunk_count: chunks.length,
    times_between_tokens: chunks.slice(1).map((c, i) => seconds(c.at - chunks[i]!.at)),
    streamed_text_tokens_o200k: streamedEst,
    quality_flags: flags,
    answer_text_empty: answer.length === 0,
  };
}

interface TokenAccount {
  output: number;
  source: TokenSource;
  reasoning: number;
  reasoningSource: TokenSource;
  visible: number;
  visibility: ReasoningVisibility;
}

/**
 * Provider usage when present (it includes reasoning); the o200k count of the streamed text when
 * absent, or when a provider reports zero tokens for text it sent. A reasoning breakdown comes
 * from usage (OpenAI-style `reasoning_tokens`); where the provider gives none (Anthropic,
 * Bedrock), the answer text is counted and the rest of the output is reasoning.
 */
function accountTokens(rec: Recording, answerEst: number, reasoningEst: number): TokenAccount {
  const reported = rec.usage.outputTokens;
  const streamed = answerEst + reasoningEst;
  const fromUsage = reported !== undefined && !(reported === 0 && streamed > 0);
  const output = fromUsage ? reported : streamed;
  let reasoning: number;
  let reasoningSource: TokenSource;
  if (fromUsage && rec.usage.reasoningTokens !== undefined) {
    reasoning = Math.min(rec.usage.reasoningTokens, output);
    reasoningSource = "provider_usage";
  } else if (reasoningEst === 0 && rec.reasoningSignals === 0) {
    reasoning = 0;
    reasoningSource = fromUsage ? "provider_usage" : "tokenizer_estimate";
  } else {
    reasoning = fromUsage ? Math.max(0, output - Math.min(output, answerEst)) : reasoningEst;
    reasoningSource = "tokenizer_estimate";
  }
  let visibility: ReasoningVisibility = "none";
  if (reasoningEst > 0) visibility = reasoningEst >= 0.5 * reasoning ? "full" : "summarized";
  else if (reasoning > 0) visibility = "hidden";
  return {
    output,
    source: fromUsage ? "provider_usage" : "tokenizer_estimate",
    reasoning,
    reasoningSource,
    visible: output - reasoning,
    visibility,
  };
}

/**
 * Output speed as Artificial Analysis defines it: (tokens − first-chunk tokens) / (last chunk
 * time − first chunk time). Subtracting the first chunk's tokens makes it right when chunks carry
 * several tokens; counting chunks as tokens is the anchors' recurring bug. The first chunk's share
 * is its o200k count scaled to the provider's total, so a provider tokenizer that counts 10 % more
 * than o200k scales the first chunk by the same 10 %. Null when there are fewer than two chunks
 * or when one chunk carries half the tokens (a buffered stream, whose "speed" measures nothing).
 */
function outputSpeed(
  chunks: TimedChunk[],
  tokens: number,
): { value: number | null; firstChunkTokens: number | null; buffered: boolean } {
  const first = chunks[0];
  const last = chunks.at(-1);
  if (!first || !last || chunks.length < 2) return { value: null, firstChunkTokens: null, buffered: true };
  const perChunk = chunks.map((c) => countTokens(c.text));
  const estimated = perChunk.reduce((a, b) => a + b, 0);
  const scale = estimated > 0 ? tokens / estimated : 1;
  const firstChunkTokens = Math.min(tokens, round3(perChunk[0]! * scale));
  const buffered = estimated > 0 && Math.max(...perChunk) >= 0.5 * estimated;
  const span = (last.at - first.at) / 1000;
  if (buffered || span <= 0) return { value: null, firstChunkTokens, buffered: true };
  return { value: round3((tokens - firstChunkTokens) / span), firstChunkTokens, buffered: false };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function round3(x: number): number {
  return Math.round(x * 1e3) / 1e3;
}
