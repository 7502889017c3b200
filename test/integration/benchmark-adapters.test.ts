import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBenchmark, type BenchmarkTarget, type RunResult } from "../../src/benchmark/measure.js";
import { REASONING_V1, STORY_64_V1, type BenchmarkProfile } from "../../src/benchmark/profiles.js";
import type { MetricDoc } from "../../src/storage/documents.js";
import { createStreamAdapter } from "../../src/providers/stream/factory.js";
import {
  FAKE_AWS_CREDENTIALS,
  startFakeProviders,
  type FakeProviders,
  type LogEntry,
} from "../helpers/fake-providers/client.js";
import { sharedClock } from "../helpers/fake-providers/timing.js";

/**
 * Every adapter against the fake providers over real HTTP (HTTP/2 for Bedrock). Timing checks
 * use causality on one clock (nothing is measured before the fake wrote it) and wide ratios,
 * never tight time bounds: exact numbers are the deterministic unit tests' job, and accuracy
 * figures are the bench's (`npm run bench:measurement`).
 */
let fake: FakeProviders;
let seq = 0;

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake?.stop();
});

interface Run {
  result: RunResult;
  metric: MetricDoc;
  entry: LogEntry;
  t0: number;
}

async function run(
  provider: string,
  scenario: string,
  metadata: Record<string, unknown> | ((model: string) => Record<string, unknown>) = {},
  profile: BenchmarkProfile = STORY_64_V1,
): Promise<Run> {
  const key = `a${++seq}`;
  const model = `${scenario}~${key}`;
  const target: BenchmarkTarget = {
    provider,
    model,
    metadata: typeof metadata === "function" ? metadata(model) : metadata,
  };
  const clock = sharedClock();
  const adapter = createStreamAdapter(provider, fake.config, { bedrockCredentials: FAKE_AWS_CREDENTIALS });
  const result = await runBenchmark(clock.watch(adapter), target, profile, {
    deadlineMs: 10_000,
    attempt: 1,
    sampleRole: "published",
    now: clock.now,
  });
  const [entry] = await fake.log(key);
  if (!result.ok) throw new Error(`expected a metric for ${provider}/${scenario}: ${result.error.message}`);
  return { result, metric: result.metric, entry: entry!, t0: clock.t0() };
}

const textWrites = (entry: LogEntry, kind?: "answer" | "reasoning") =>
  entry.writes.filter((w) => (kind ? w.kind === kind : w.kind === "answer" || w.kind === "reasoning"));

/** Seconds → the shared clock's milliseconds. */
const at = (r: Run, seconds: number | null | undefined) => r.t0 + (seconds ?? NaN) * 1000;

const WIRES: [label: string, provider: string, metadata: Record<string, unknown>][] = [
  ["OpenAI chat", "openai", {}],
  ["OpenAI Responses", "openai", { api: "responses" }],
  ["Anthropic", "anthropic", {}],
  ["Bedrock", "bedrock", {}],
  ["Groq", "groq", {}],
  ["Together", "together", {}],
  ["Fireworks", "fireworks", {}],
  ["DeepInfra", "deepinfra", {}],
  ["Cerebras", "cerebras", {}],
  ["Mistral", "mistral", {}],
  ["OpenRouter", "openrouter", {}],
];

describe("every wire format", () => {
  it.each(WIRES)(
    "%s: measures a plain stream with exact provider usage",
    async (_label, provider, metadata) => {
      const r = await run(provider, "basic", metadata);
      expect(r.metric).toMatchObject({
        provider,
        output_tokens: 64,
        token_source: "provider_usage",
        visible_output_tokens: 64,
        reasoning_tokens: 0,
        chunk_count: 16,
        finish_reason: "length",
        streamed_text_tokens_o200k: 64,
        first_chunk_tokens: 4,
      });
      const first = textWrites(r.entry)[0]!;
      // Causality on one clock: the first token is measured after the fake wrote it.
      expect(at(r, r.metric.time_to_first_token)).toBeGreaterThanOrEqual(first.at);
      expect(r.metric.time_to_first_token).toBeGreaterThan(0);
      expect(r.metric.times_between_tokens).toHaveLength(15);
    },
  );

  it.each(
    WIRES.filter(([, p]) => p === "openai" || p === "anthropic" || p === "bedrock" || p === "openrouter"),
  )(
    "%s: TTFT is the first reasoning text, the first answer token comes later",
    async (_label, provider, metadata) => {
      const r = await run(provider, "reasoning-then-answer", metadata);
      const reasoning = textWrites(r.entry, "reasoning")[0]!;
      const answer = textWrites(r.entry, "answer")[0]!;
      expect(at(r, r.metric.time_to_first_token)).toBeGreaterThanOrEqual(reasoning.at);
      expect(at(r, r.metric.time_to_first_answer_token)).toBeGreaterThanOrEqual(answer.at);
      expect(r.metric.time_to_first_token!).toBeLessThan(r.metric.time_to_first_answer_token!);
      expect(r.metric).toMatchObject({
        output_tokens: 64,
        reasoning_tokens: 20,
        visible_output_tokens: 44,
        reasoning_visibility: "full",
      });
    },
  );

  it("Bedrock: concurrent streams on one HTTP/2 session never wait for flow-control window", async () => {
    // 16 streams of 64 frames (~15 KB each) share one session: far more than HTTP/2's default
    // 64 KiB connection window, at which a sender must stop until the client's WINDOW_UPDATE
    // reaches it (measured at concurrency 64: frames held for hundreds of ms, output speed
    // doubled). The fake reads the window the client grants at every write: it stays above all
    // the bodies together, so it can never run out.
    const runs = await Promise.all(Array.from({ length: 16 }, () => run("bedrock", "steady-5-2-64-1")));
    for (const r of runs) {
      expect(r.metric.output_tokens).toBe(64);
      expect(r.entry.minSendWindow).toBeGreaterThan(1024 * 1024);
      // The fake's tapped socket stamps every write when its bytes leave, after its write call;
      // the first token cannot be measured before that.
      const writes = textWrites(r.entry);
      for (const w of writes) expect(w.sent).toBeGreaterThanOrEqual(w.at);
      expect(at(r, r.metric.time_to_first_token)).toBeGreaterThanOrEqual(writes[0]!.sent!);
    }
  });

  it.each(WIRES.filter(([, p]) => ["openai", "anthropic", "bedrock", "groq"].includes(p)))(
    "%s: output speed is right when chunks carry 8 tokens",
    async (_label, provider, metadata) => {
      const r = await run(provider, "multi-token", metadata);
      const writes = textWrites(r.entry);
      const span = (writes.at(-1)!.at - writes[0]!.at) / 1000;
      const reference = (64 - 8) / span; // about 400 tok/s
      expect(r.metric.first_chunk_tokens).toBe(8);
      // Wide enough for a loaded machine, narrow enough to catch counting chunks as tokens (8x off).
      expect(r.metric.output_tokens_per_second! / reference).toBeGreaterThan(0.5);
      expect(r.metric.output_tokens_per_second! / reference).toBeLessThan(2);
    },
  );

  it.each(WIRES.filter(([, p]) => ["openai", "anthropic", "openrouter"].includes(p)))(
    "%s: keep-alives, role-only chunks and empty deltas do not stop the first-token clock",
    async (_label, provider, metadata) => {
      const r = await run(provider, "keepalive", metadata);
      const firstText = textWrites(r.entry)[0]!;
      expect(
        r.entry.writes.filter((w) => w.kind === "keepalive" || w.kind === "empty").length,
      ).toBeGreaterThan(0);
      expect(at(r, r.metric.time_to_first_token)).toBeGreaterThanOrEqual(firstText.at);
      expect(r.metric.output_tokens).toBe(64);
    },
  );

  it.each(WIRES.filter(([, p]) => ["deepinfra", "anthropic", "bedrock"].includes(p)))(
    "%s: without usage, counts the streamed text and says so",
    async (_label, provider, metadata) => {
      const r = await run(provider, "no-usage", metadata);
      expect(r.metric).toMatchObject({ output_tokens: 64, token_source: "tokenizer_estimate" });
    },
  );

  it.each(WIRES.filter(([, p]) => ["openai", "anthropic", "bedrock"].includes(p)))(
    "%s: parses events split across writes and packed into one write",
    async (_label, provider, metadata) => {
      const r = await run(provider, "split-writes", metadata);
      expect(r.metric).toMatchObject({
        output_tokens: 64,
        token_source: "provider_usage",
        finish_reason: "length",
      });
    },
  );

  it("reads Groq's usage from x_groq", async () => {
    const r = await run("groq", "groq-usage");
    expect(r.metric).toMatchObject({ output_tokens: 64, token_source: "provider_usage" });
  });

  it("measures hidden reasoning from usage and times the answer alone", async () => {
    const r = await run("openai", "hidden-reasoning");
    expect(r.metric).toMatchObject({
      output_tokens: 64,
      reasoning_tokens: 40,
      visible_output_tokens: 24,
      reasoning_visibility: "hidden",
    });
  });
});

describe("request translation", () => {
  const request = (r: Run) => r.entry.request as Record<string, unknown>;

  it("OpenAI chat asks for usage, budgets with max_completion_tokens and sends only the user prompt", async () => {
    const body = request(await run("openai", "basic"));
    expect(body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 64,
      temperature: 0.1,
      messages: [{ role: "user", content: STORY_64_V1.prompt }],
    });
    expect(body).not.toHaveProperty("max_tokens");
  });

  it("compatible hosts budget with max_tokens; Mistral gets no stream_options; Cerebras max_completion_tokens", async () => {
    expect(request(await run("groq", "basic"))).toMatchObject({
      max_tokens: 64,
      stream_options: { include_usage: true },
    });
    expect(request(await run("mistral", "basic"))).not.toHaveProperty("stream_options");
    expect(request(await run("cerebras", "basic"))).toMatchObject({ max_completion_tokens: 64 });
  });

  it("a model's metadata overrides the budget parameter and omits temperature", async () => {
    const body = request(
      await run("groq", "basic", { max_tokens_param: "max_completion_tokens", omit_temperature: true }),
    );
    expect(body).toMatchObject({ max_completion_tokens: 64 });
    expect(body).not.toHaveProperty("temperature");
  });

  it("reasoning settings go only to models that reason, in each API's shape", async () => {
    const reasoning = { reasoning: true };
    const profile = { ...REASONING_V1, lengthBand: null };
    expect(request(await run("openai", "basic", { api: "responses", ...reasoning }, profile))).toMatchObject({
      max_output_tokens: 4000,
      reasoning: { effort: "low", summary: "auto" },
      input: expect.stringContaining(REASONING_V1.prompt),
    });
    const anthropic = request(await run("anthropic", "basic", reasoning, profile));
    expect(anthropic).toMatchObject({ max_tokens: 4000, thinking: { type: "enabled", budget_tokens: 2048 } });
    expect(anthropic).not.toHaveProperty("temperature");
    expect(request(await run("openrouter", "basic", reasoning, profile))).toMatchObject({
      reasoning: { effort: "low" },
    });
    expect(request(await run("groq", "basic", reasoning, profile))).toMatchObject({
      reasoning_effort: "low",
    });
    expect(request(await run("groq", "basic", {}, profile))).not.toHaveProperty("reasoning_effort");
  });

  it("Bedrock invokes the inference profile from metadata and omits temperature when told", async () => {
    const r = await run("bedrock", "basic", (model) => ({
      inference_profile_id: `us.${model}`,
      omit_temperature: true,
    }));
    expect(r.entry.model).toBe(`us.${r.metric.model_name}`);
    expect(request(r)).toMatchObject({ inferenceConfig: { maxTokens: 64 } });
    expect((request(r)["inferenceConfig"] as Record<string, unknown>)["temperature"]).toBeUndefined();
    expect(r.metric.model_name).toMatch(/^basic~/);
  });
});
