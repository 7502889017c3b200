import { describe, expect, it } from "vitest";
import { measure, newRecording, record, type Recording } from "../../../src/benchmark/metrics.js";
import { STORY_64_V1, type BenchmarkProfile } from "../../../src/benchmark/profiles.js";
import { validate } from "../../../src/benchmark/validate.js";
import type { StreamEvent } from "../../../src/providers/stream/types.js";
import { words } from "../../helpers/fake-providers/corpus.js";

/** A recording from scripted events; t0 = 0, so `at` is milliseconds since the request. */
function recorded(events: StreamEvent[]): Recording {
  const rec = newRecording(0);
  for (const e of events) record(rec, e);
  return rec;
}

/** `count` answer chunks of `perChunk` corpus tokens (exactly one o200k token each), `every` ms apart. */
function answerChunks(
  count: number,
  perChunk: number,
  start: number,
  every: number,
  offset = 0,
): StreamEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    type: "text" as const,
    text: words(perChunk, offset + i * perChunk),
    at: start + i * every,
  }));
}

const usage = (outputTokens: number, reasoningTokens?: number): StreamEvent => ({
  type: "usage",
  outputTokens,
  ...(reasoningTokens === undefined ? {} : { reasoningTokens }),
  inputTokens: 25,
});

describe("measure", () => {
  it("computes output speed from tokens, not chunks, when chunks carry several tokens", () => {
    // 8 chunks of 8 tokens at 100, 120, ..., 240 ms: (64 - 8) tokens over 140 ms = 400 tok/s.
    const m = measure(
      recorded([...answerChunks(8, 8, 100, 20), usage(64), { type: "finish", reason: "length" }]),
      250,
    );
    expect(m.output_tokens).toBe(64);
    expect(m.token_source).toBe("provider_usage");
    expect(m.first_chunk_tokens).toBe(8);
    expect(m.output_tokens_per_second).toBeCloseTo(400, 6);
    // A chunk counter would say (8 - 1) / 0.14 = 50 tok/s; the speed must not be that.
    expect(m.chunk_count).toBe(8);
    expect(m.time_to_first_token).toBe(0.1);
    expect(m.generate_time).toBe(0.24);
    expect(m.decode_time).toBe(0.14);
    // tokens_per_second keeps its existing meaning: output tokens / generate_time.
    expect(m.tokens_per_second).toBeCloseTo(64 / 0.24, 3);
    expect(m.times_between_tokens).toEqual(Array(7).fill(0.02));
  });

  it("scales the first chunk's share when the provider's tokenizer counts differently", () => {
    // The provider counts 80 tokens for text that o200k counts as 64: the first chunk holds 8 x 1.25.
    const m = measure(recorded([...answerChunks(8, 8, 100, 20), usage(80)]), 250);
    expect(m.first_chunk_tokens).toBe(10);
    expect(m.output_tokens_per_second).toBeCloseTo(70 / 0.14, 3);
  });

  it("starts the first-token clock at the first reasoning text and the answer clock later", () => {
    const reasoning: StreamEvent[] = Array.from({ length: 10 }, (_, i) => ({
      type: "reasoning",
      text: words(2, i * 2),
      at: 30 + i * 10,
    }));
    const m = measure(recorded([...reasoning, ...answerChunks(11, 4, 250, 5, 20), usage(64, 20)]), 310);
    expect(m.time_to_first_token).toBe(0.03);
    expect(m.time_to_first_answer_token).toBe(0.25);
    expect(m.reasoning_tokens).toBe(20);
    expect(m.reasoning_token_source).toBe("provider_usage");
    expect(m.visible_output_tokens).toBe(44);
    expect(m.reasoning_visibility).toBe("full");
    // Visible reasoning counts as output: speed over all 21 chunks, 30 ms .. 300 ms.
    expect(m.output_tokens_per_second).toBeCloseTo((64 - 2) / 0.27, 3);
  });

  it("ignores reasoning events without text for the first-token clock", () => {
    const m = measure(recorded([{ type: "reasoning", at: 5 }, ...answerChunks(4, 4, 50, 10), usage(16)]), 90);
    expect(m.time_to_first_token).toBe(0.05);
  });

  it("leaves the time to first token null, never 0, when nothing was generated", () => {
    const m = measure(recorded([usage(0), { type: "finish", reason: "stop" }]), 40);
    expect(m.time_to_first_token).toBeNull();
    expect(m.time_to_first_answer_token).toBeNull();
    expect(m.output_tokens_per_second).toBeNull();
    expect(m.answer_text_empty).toBe(true);
  });

  it("falls back to an o200k count of the streamed text when usage is absent", () => {
    const m = measure(recorded(answerChunks(16, 4, 40, 5)), 120);
    expect(m.output_tokens).toBe(64);
    expect(m.token_source).toBe("tokenizer_estimate");
    expect(m.streamed_text_tokens_o200k).toBe(64);
  });

  it("treats a zero usage count for text it streamed as absent", () => {
    const m = measure(recorded([...answerChunks(4, 4, 40, 5), usage(0)]), 80);
    expect(m.output_tokens).toBe(16);
    expect(m.token_source).toBe("tokenizer_estimate");
  });

  it("measures speed over answer tokens only when reasoning was hidden", () => {
    // 40 reasoning tokens billed but never streamed; 24 answer tokens in 6 chunks, 200..250 ms.
    const m = measure(recorded([...answerChunks(6, 4, 200, 10), usage(64, 40)]), 260);
    expect(m.reasoning_visibility).toBe("hidden");
    expect(m.visible_output_tokens).toBe(24);
    expect(m.output_tokens_per_second).toBeCloseTo((24 - 4) / 0.05, 3);
    expect(m.quality_flags).not.toContain("usage_mismatch");
  });

  it("estimates reasoning from the answer text where usage has no breakdown (Anthropic, Bedrock)", () => {
    const thinking: StreamEvent[] = [{ type: "reasoning", text: words(10, 0), at: 20 }];
    const m = measure(recorded([...thinking, ...answerChunks(5, 4, 60, 5, 10), usage(30)]), 90);
    expect(m.visible_output_tokens).toBe(20);
    expect(m.reasoning_tokens).toBe(10);
    expect(m.reasoning_token_source).toBe("tokenizer_estimate");
  });

  it("flags a buffered stream and gives no output speed", () => {
    const m = measure(
      recorded([
        { type: "text", text: words(60, 0), at: 100 },
        { type: "text", text: words(4, 60), at: 101 },
        usage(64),
      ]),
      110,
    );
    expect(m.output_tokens_per_second).toBeNull();
    expect(m.quality_flags).toContain("buffered_stream");
  });

  it("flags provider usage far from the streamed text", () => {
    const m = measure(recorded([...answerChunks(4, 4, 40, 5), usage(64)]), 80);
    expect(m.quality_flags).toContain("usage_mismatch");
  });

  it("takes the last of several cumulative usage events", () => {
    const m = measure(
      recorded([usage(1), ...answerChunks(4, 4, 40, 5), { type: "usage", outputTokens: 16 }]),
      80,
    );
    expect(m.output_tokens).toBe(16);
    expect(m.input_tokens).toBe(25);
  });
});

describe("validate", () => {
  const profile: BenchmarkProfile = STORY_64_V1;

  it("accepts an output inside the band", () => {
    const m = measure(recorded([...answerChunks(16, 4, 40, 5), usage(64)]), 120);
    expect(validate(m, "length", profile)).toBeNull();
  });

  it("rejects empty visible text", () => {
    const m = measure(recorded([usage(0)]), 40);
    expect(validate(m, "stop", profile)).toMatchObject({ reason: "empty_visible_text" });
  });

  it("says when the budget was exhausted by reasoning", () => {
    const reasoning: StreamEvent[] = [{ type: "reasoning", text: words(64, 0), at: 30 }];
    const m = measure(recorded([...reasoning, usage(64)]), 60);
    const failure = validate(m, "length", profile);
    expect(failure?.reason).toBe("reasoning_exhausted_budget");
    expect(failure?.message).toMatch(/token budget exhausted/);
  });

  it("rejects an output outside the band", () => {
    const m = measure(recorded([...answerChunks(10, 3, 30, 5), usage(30)]), 90);
    const failure = validate(m, "stop", profile);
    expect(failure?.reason).toBe("output_out_of_band");
    expect(failure?.message).toMatch(/token count outside the band: 30 output tokens.*58–70/);
  });

  it("checks answer tokens against a minimum when the band's basis is the answer", () => {
    const answerBand: BenchmarkProfile = {
      ...profile,
      lengthBand: { basis: "answer", target: 40, minRatio: 0.9, maxRatio: null },
    };
    const short = measure(recorded([...answerChunks(6, 4, 200, 10), usage(64, 40)]), 260);
    expect(validate(short, "length", answerBand)?.message).toMatch(/24 answer tokens.*at least 36/);
    const noBand: BenchmarkProfile = { ...profile, lengthBand: null };
    expect(validate(short, "length", noBand)).toBeNull();
  });
});
