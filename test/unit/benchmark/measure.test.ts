import { describe, expect, it } from "vitest";
import { runBenchmark, type RunOptions } from "../../../src/benchmark/measure.js";
import { METRICS_SCHEMA_VERSION, PROTOCOL_VERSION } from "../../../src/benchmark/contract.js";
import { STORY_64_V1 } from "../../../src/benchmark/profiles.js";
import { ProviderStreamError } from "../../../src/providers/stream/errors.js";
import type { ModelMetadata } from "../../../src/providers/stream/model-metadata.js";
import type {
  StreamAdapter,
  StreamContext,
  StreamEvent,
  StreamRequest,
} from "../../../src/providers/stream/types.js";
import { words } from "../../helpers/fake-providers/corpus.js";

/**
 * An in-memory adapter that replays a script on a fake clock: each step advances the clock to its
 * time, so every measured number is exact. `ctx.now` is the core's clock, as real adapters use it.
 */
type ScriptStep = { at: number; event: StreamEvent } | { at: number; fail: Error };

class ScriptedAdapter implements StreamAdapter {
  readonly provider = "openai";
  requests: StreamRequest[] = [];
  constructor(
    private readonly script: (at: (ms: number) => number) => ScriptStep[],
    private readonly clock: { t: number },
  ) {}
  requestMode(_metadata: ModelMetadata) {
    return "chat_completions" as const;
  }
  async *stream(request: StreamRequest, ctx: StreamContext): AsyncGenerator<StreamEvent> {
    this.requests.push(request);
    const start = this.clock.t;
    for (const step of this.script((ms) => ms)) {
      await Promise.resolve();
      this.clock.t = start + step.at;
      if ("fail" in step) throw step.fail;
      yield "at" in step.event ? { ...step.event, at: ctx.now() } : step.event;
    }
  }
}

function fixture(script: (at: (ms: number) => number) => ScriptStep[]) {
  const clock = { t: 1000 };
  const adapter = new ScriptedAdapter(script, clock);
  const opts: RunOptions = {
    deadlineMs: 5000,
    attempt: 2,
    sampleRole: "published",
    now: () => clock.t,
    wallClock: () => new Date("2026-03-01T12:00:00Z"),
    nonce: "n1",
  };
  return { adapter, opts };
}

const answer = (n: number, perChunk: number, start: number, every: number): ScriptStep[] =>
  Array.from({ length: n }, (_, i) => ({
    at: start + i * every,
    event: { type: "text", text: words(perChunk, i * perChunk), at: 0 },
  }));

describe("runBenchmark", () => {
  it("returns a metric document with the contract and provenance fields", async () => {
    const { adapter, opts } = fixture(() => [
      ...answer(16, 4, 100, 10),
      { at: 260, event: { type: "finish", reason: "length", raw: "length" } },
      { at: 260, event: { type: "usage", outputTokens: 64, inputTokens: 25 } },
    ]);
    const result = await runBenchmark(adapter, { provider: "openai", model: "gpt-x" }, STORY_64_V1, opts);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.metric).toMatchObject({
      provider: "openai",
      model_name: "gpt-x",
      run_ts: new Date("2026-03-01T12:00:00Z"),
      gen_ts: new Date("2026-03-01T12:00:00Z"),
      temperature: 0.1,
      requested_tokens: 64,
      output_tokens: 64,
      generate_time: 0.25,
      time_to_first_token: 0.1,
      time_to_first_answer_token: 0.1,
      token_source: "provider_usage",
      reasoning_tokens: 0,
      visible_output_tokens: 64,
      metrics_schema_version: METRICS_SCHEMA_VERSION,
      benchmark_profile_id: "story-64-v1",
      protocol_version: PROTOCOL_VERSION,
      sample_role: "published",
      attempt: 2,
      finish_reason: "length",
      provider_finish_reason: "length",
      request_mode: "chat_completions",
      validation_policy: "output_pm10",
    });
    expect(result.metric.tokens_per_second).toBeCloseTo(64 / 0.25, 3);
    expect(result.metric.output_tokens_per_second).toBeCloseTo(60 / 0.15, 3);
    expect(result.metric.times_between_tokens).toHaveLength(15);
    expect(result.metric).not.toHaveProperty("answer_text_empty");
  });

  it("turns a completed stream with no visible text into an output_invalid error", async () => {
    const { adapter, opts } = fixture(() => [
      { at: 50, event: { type: "finish", reason: "stop" } },
      { at: 50, event: { type: "usage", outputTokens: 0 } },
    ]);
    const result = await runBenchmark(adapter, { provider: "openai", model: "gpt-x" }, STORY_64_V1, opts);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      stage: "validate",
      error_kind: "output_invalid",
      error_class: "ours",
      validation_reason: "empty_visible_text",
      time_to_first_token: null,
      attempt: 2,
      benchmark_profile_id: "story-64-v1",
    });
    expect(result.error.message).toMatch(/^output_invalid: empty visible text/);
    expect(result.error.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("records a provider error with its status, type and the partial timings", async () => {
    const { adapter, opts } = fixture(() => [
      ...answer(2, 2, 40, 10),
      {
        at: 70,
        fail: new ProviderStreamError("stream error (overloaded_error): Overloaded", {
          point: "error_event",
          errorType: "overloaded_error",
          statusEquivalent: 529,
        }),
      },
    ]);
    const result = await runBenchmark(
      adapter,
      { provider: "anthropic", model: "claude-x" },
      STORY_64_V1,
      opts,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      provider: "anthropic",
      model_name: "claude-x",
      stage: "generate",
      error_kind: "overloaded",
      http_status: null,
      equivalent_http_status: 529,
      exc_type: "overloaded_error",
      time_to_first_token: 0.04,
      chunks_received: 2,
      failure_point: "error_event",
    });
  });

  it("ends a hung stream as a timeout at the deadline, even when the adapter ignores the signal", async () => {
    const hung: StreamAdapter = {
      provider: "groq",
      requestMode: () => "chat_completions",
      stream: () => ({
        [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<StreamEvent>>(() => {}) }),
      }),
    };
    const started = performance.now();
    const result = await runBenchmark(hung, { provider: "groq", model: "m" }, STORY_64_V1, {
      deadlineMs: 50,
      attempt: 1,
      sampleRole: "probe",
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      stage: "timeout",
      error_kind: "timeout",
      error_class: "transient",
      time_to_first_token: null,
      chunks_received: 0,
    });
    expect(result.error.message).toBe("timed out after 50 ms: no first token");
  });

  it("ends a run the caller cancels as an error marked cancelled", async () => {
    const controller = new AbortController();
    const waiting: StreamAdapter = {
      provider: "groq",
      requestMode: () => "chat_completions",
      stream: (_request, ctx) => ({
        [Symbol.asyncIterator]: () => ({
          next: () =>
            new Promise<IteratorResult<StreamEvent>>((_, reject) =>
              ctx.signal.addEventListener("abort", () => reject(new Error("aborted"))),
            ),
        }),
      }),
    };
    setTimeout(() => controller.abort(), 10);
    const result = await runBenchmark(waiting, { provider: "groq", model: "m" }, STORY_64_V1, {
      deadlineMs: 5000,
      attempt: 1,
      sampleRole: "published",
      signal: controller.signal,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ stage: "generate", cancelled: true });
  });

  it("rejects invalid model metadata at load_provider without calling the provider", async () => {
    const { adapter, opts } = fixture(() => []);
    const result = await runBenchmark(
      adapter,
      { provider: "openai", model: "m", metadata: { api: "completions" } },
      STORY_64_V1,
      opts,
    );
    expect(adapter.requests).toHaveLength(0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ stage: "load_provider", error_kind: "bad_request" });
    expect(result.error.message).toMatch(/invalid model_metadata: api:/);
  });

  it("redacts secrets and bounds the stored message", async () => {
    const long = `Incorrect API key provided: sk-live0123456789abcdef. ${"x".repeat(5000)}`;
    const { adapter, opts } = fixture(() => [
      { at: 10, fail: new ProviderStreamError(long, { point: "http_status", httpStatus: 401 }) },
    ]);
    const result = await runBenchmark(adapter, { provider: "openai", model: "m" }, STORY_64_V1, opts);
    if (result.ok) throw new Error("expected a failure");
    expect(result.error.message).not.toContain("sk-live0123456789abcdef");
    expect(result.error.message).toContain("[redacted]");
    expect(result.error.message.length).toBeLessThanOrEqual(2000);
    expect(result.error).toMatchObject({ error_kind: "auth", http_status: 401, stage: "generate" });
  });

  it("stores a defect in an adapter as an error instead of throwing", async () => {
    const { adapter, opts } = fixture(() => [{ at: 5, fail: new TypeError("x is undefined") }]);
    const result = await runBenchmark(adapter, { provider: "openai", model: "m" }, STORY_64_V1, opts);
    expect(result).toMatchObject({
      ok: false,
      error: { stage: "generate", message: "TypeError: x is undefined" },
    });
  });

  it("applies per-model quirks from metadata, not from the model name", async () => {
    const script = () => [
      ...answer(16, 4, 10, 1),
      { at: 30, event: { type: "usage" as const, outputTokens: 64 } },
    ];
    const plain = fixture(script);
    await runBenchmark(plain.adapter, { provider: "openai", model: "o3" }, STORY_64_V1, plain.opts);
    expect(plain.adapter.requests[0]).toMatchObject({
      temperature: 0.1,
      reasoning: null,
      maxOutputTokens: 64,
    });

    const quirky = fixture(script);
    await runBenchmark(
      quirky.adapter,
      { provider: "openai", model: "gpt-4o", metadata: { omit_temperature: true } },
      STORY_64_V1,
      quirky.opts,
    );
    expect(quirky.adapter.requests[0]).toMatchObject({ temperature: null });
  });
});

describe("an adapter's preparation", () => {
  it("is awaited before the clock starts: a 700 ms token fetch is no part of the first token's time", async () => {
    const { adapter, opts } = fixture(() => [
      ...answer(16, 4, 100, 10),
      { at: 260, event: { type: "finish", reason: "length", raw: "length" } },
      { at: 260, event: { type: "usage", outputTokens: 64, inputTokens: 25 } },
    ]);
    const clock = { t: 1000 };
    const prepared = Object.assign(Object.create(adapter) as StreamAdapter, {
      prepare: () => {
        clock.t += 700;
        return Promise.resolve();
      },
    });
    // The scripted adapter advances its own clock; share it with the core's.
    (adapter as unknown as { clock: { t: number } }).clock = clock;
    const result = await runBenchmark(prepared, { provider: "openai", model: "gpt-x" }, STORY_64_V1, {
      ...opts,
      now: () => clock.t,
    });
    expect(result.ok ? result.metric.time_to_first_token : result.error.message).toBe(0.1);
  });

  it("that fails ends the run at load_provider without a request", async () => {
    const { adapter, opts } = fixture(() => []);
    const failing = Object.assign(Object.create(adapter) as StreamAdapter, {
      prepare: () =>
        Promise.reject(
          new ProviderStreamError("Google token request refused (HTTP 400)", {
            point: "setup",
            kind: "auth",
          }),
        ),
    });
    const result = await runBenchmark(failing, { provider: "openai", model: "gpt-x" }, STORY_64_V1, opts);
    expect(result.ok ? null : result.error).toMatchObject({ stage: "load_provider", error_kind: "auth" });
    expect(adapter.requests).toHaveLength(0);
  });
});
