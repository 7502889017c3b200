import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBenchmark, type RunResult } from "../../src/benchmark/measure.js";
import { REASONING_V1, STORY_64_V1, type BenchmarkProfile } from "../../src/benchmark/profiles.js";
import type { Config } from "../../src/config/config.js";
import { createStreamAdapter } from "../../src/providers/stream/factory.js";
import type { ErrorDoc, MetricDoc } from "../../src/storage/documents.js";
import {
  FAKE_VERTEX_TOKEN,
  startFakeProviders,
  type FakeProviders,
  type LogEntry,
} from "../helpers/fake-providers/client.js";
import { sharedClock } from "../helpers/fake-providers/timing.js";

/**
 * Vertex AI's four routes against the fake over real HTTP: Gemini (`streamGenerateContent`
 * SSE), Claude (`streamRawPredict`, Anthropic's event stream), Mistral (`streamRawPredict`,
 * Mistral's chat stream) and a MaaS model (the OpenAI-compatible endpoint), each through the
 * measurement core, and each way they fail.
 * Model ids pick the route as Vertex's do: `claude-<scenario>` and `meta/<scenario>`.
 */
let fake: FakeProviders;
let seq = 0;

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake?.stop();
});

type VertexConfig = Config["vertex"];

async function attempt(
  model: string,
  opts: {
    metadata?: Record<string, unknown>;
    profile?: BenchmarkProfile;
    deadlineMs?: number;
    vertex?: VertexConfig;
  } = {},
): Promise<{ result: RunResult; entries: LogEntry[]; t0: number }> {
  const key = `v${++seq}`;
  const clock = sharedClock();
  const config = { ...fake.config, vertex: opts.vertex ?? fake.config.vertex };
  const result = await runBenchmark(
    clock.watch(createStreamAdapter("vertex", config)),
    { provider: "vertex", model: `${model}~${key}`, metadata: opts.metadata ?? {} },
    opts.profile ?? STORY_64_V1,
    { deadlineMs: opts.deadlineMs ?? 10_000, attempt: 1, sampleRole: "published", now: clock.now },
  );
  return { result, entries: await fake.log(key), t0: clock.t0() };
}

async function metric(model: string, metadata: Record<string, unknown> = {}) {
  const { result, entries, t0 } = await attempt(model, { metadata });
  if (!result.ok) throw new Error(`expected a metric for ${model}: ${result.error.message}`);
  expect(entries).toHaveLength(1);
  return { metric: result.metric, entry: entries[0]!, t0 };
}

async function failure(model: string, deadlineMs?: number, vertex?: VertexConfig): Promise<ErrorDoc> {
  const { result, entries } = await attempt(model, { deadlineMs, vertex });
  if (result.ok) throw new Error(`expected ${model} to fail`);
  // One request at most: nothing retries (none at all when setup fails).
  expect(entries.length).toBeLessThanOrEqual(1);
  return result.error;
}

const firstText = (entry: LogEntry) =>
  entry.writes.find((w) => w.kind === "answer" || w.kind === "reasoning")!;
const at = (t0: number, seconds: number | null | undefined) => t0 + (seconds ?? NaN) * 1000;

describe("Vertex routes measure through the core", () => {
  it.each([
    ["Gemini", "basic", "gemini", "gemini_generate_content"],
    ["Claude", "claude-basic", "vertex-anthropic", "anthropic_messages"],
    ["Llama MaaS", "meta/basic", "vertex-openapi", "chat_completions"],
  ])("%s: a plain stream with exact provider usage", async (_label, model, wire, mode) => {
    const { metric: m, entry, t0 } = await metric(model);
    expect(entry.wire).toBe(wire);
    expect(m).toMatchObject({
      provider: "vertex",
      request_mode: mode,
      output_tokens: 64,
      token_source: "provider_usage",
      visible_output_tokens: 64,
      reasoning_tokens: 0,
      chunk_count: 16,
      finish_reason: "length",
      first_chunk_tokens: 4,
    } satisfies Partial<MetricDoc>);
    // Causality on one clock: the first token is measured after the fake wrote it.
    expect(at(t0, m.time_to_first_token)).toBeGreaterThanOrEqual(firstText(entry).at);
    expect(m.times_between_tokens).toHaveLength(15);
  });

  it("Gemini: sends a GenerateContentRequest and reads thoughts as reasoning", async () => {
    const { metric: m, entry, t0 } = await metric("reasoning-then-answer");
    expect(entry.request).toMatchObject({
      contents: [{ role: "user", parts: [{ text: expect.any(String) as string }] }],
      generationConfig: {
        maxOutputTokens: STORY_64_V1.maxOutputTokens,
        temperature: STORY_64_V1.temperature,
      },
    });
    const answer = entry.writes.find((w) => w.kind === "answer")!;
    expect(at(t0, m.time_to_first_answer_token)).toBeGreaterThanOrEqual(answer.at);
    expect(m.time_to_first_token!).toBeLessThan(m.time_to_first_answer_token!);
    expect(m).toMatchObject({ output_tokens: 64, reasoning_tokens: 20, visible_output_tokens: 44 });
  });

  it("Gemini: a reasoning profile asks for a thinking budget and the thoughts", async () => {
    const { entries } = await attempt("basic", { metadata: { reasoning: true }, profile: REASONING_V1 });
    expect(entries[0]!.request).toMatchObject({
      generationConfig: {
        maxOutputTokens: 4000,
        thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
      },
    });
    expect((entries[0]!.request as { generationConfig: object }).generationConfig).not.toHaveProperty(
      "temperature",
    );
  });

  it("Claude: the model is in the path and the body carries Vertex's anthropic_version", async () => {
    const { entry } = await metric("claude-basic");
    expect(entry.request).toMatchObject({
      anthropic_version: "vertex-2023-10-16",
      max_tokens: STORY_64_V1.maxOutputTokens,
      stream: true,
      messages: [{ role: "user", content: expect.any(String) as string }],
    });
    expect(entry.request).not.toHaveProperty("model");
  });

  it("Llama MaaS: the OpenAI-compatible body names the publisher-qualified model", async () => {
    const { entry } = await metric("meta/basic");
    expect(entry.request).toMatchObject({
      model: expect.stringMatching(/^meta\/basic~v\d+$/) as string,
      stream: true,
    });
  });

  it("Gemini without usage counts the streamed text and says so", async () => {
    const { metric: m } = await metric("no-usage");
    expect(m).toMatchObject({ output_tokens: 64, token_source: "tokenizer_estimate" });
  });
});

type Expected = Partial<ErrorDoc> & { stage: string; error_kind: string };

const CASES: [model: string, expected: Expected][] = [
  ["fail-404", { error_kind: "model_not_found", http_status: 404, error_class: "hard" }],
  ["fail-401", { error_kind: "auth", http_status: 401 }],
  ["fail-429", { error_kind: "rate_limit", http_status: 429 }],
  ["fail-500", { error_kind: "server_error", http_status: 500 }],
  ["fail-503", { error_kind: "server_error", http_status: 503 }],
  ["midstream-rate-limit", { error_kind: "rate_limit", http_status: null, failure_point: "error_event" }],
  ["midstream-server-error", { error_kind: "server_error", failure_point: "error_event" }],
  ["cut-midstream", { error_kind: "network", failure_point: "connection", chunks_received: 3 }],
  ["close-early", { error_kind: "network", failure_point: "truncated", chunks_received: 3 }],
  ["bad-json", { error_kind: "unknown", failure_point: "protocol" }],
  ["claude-fail-529", { error_kind: "overloaded", http_status: 529 }],
  ["claude-midstream-overloaded", { error_kind: "overloaded", equivalent_http_status: 529 }],
  ["claude-close-early", { error_kind: "network", failure_point: "truncated" }],
  ["meta/fail-429", { error_kind: "rate_limit", http_status: 429 }],
].map(([model, expected]) => [model as string, { stage: "generate", ...(expected as object) } as Expected]);

describe("Vertex failures map to the taxonomy's inputs", () => {
  it.each(CASES)("%s", async (model, expected) => {
    const error = await failure(model);
    expect(error).toMatchObject({ provider: "vertex", ...expected });
    expect(error.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("an error body keeps Google's status and message", async () => {
    const error = await failure("fail-429");
    expect(error.message).toContain("RESOURCE_EXHAUSTED");
    expect(error.message).toContain("Resource exhausted. Please try again later.");
  });

  it.each([
    ["hang-no-headers", 0],
    ["hang-after-headers", 0],
    ["hang-midstream", 3],
    ["claude-hang-midstream", 3],
  ] as const)("%s ends as a timeout at the deadline", async (model, chunks) => {
    const error = await failure(model, 400);
    expect(error).toMatchObject({ stage: "timeout", error_kind: "timeout", chunks_received: chunks });
    expect(error.message).toMatch(/^timed out after 400 ms/);
  });

  it("a token the server refuses is an auth failure, and the token is never stored", async () => {
    const error = await failure("basic", undefined, {
      ...fake.config.vertex,
      accessToken: "ya29.wrong-token-000",
    });
    expect(error).toMatchObject({ stage: "generate", error_kind: "auth", http_status: 401 });
    expect(JSON.stringify(error)).not.toContain("ya29.wrong-token-000");
    expect(JSON.stringify(error)).not.toContain(FAKE_VERTEX_TOKEN);
  });

  it("without a project or credentials nothing is sent and the run fails at setup, naming the setting", async () => {
    const noProject = await failure("basic", undefined, { ...fake.config.vertex, project: undefined });
    expect(noProject).toMatchObject({ stage: "load_provider", error_kind: "auth" });
    expect(noProject.message).toMatch(/VERTEX_PROJECT/);
    const noCredentials = await failure("basic", undefined, {
      ...fake.config.vertex,
      accessToken: undefined,
    });
    expect(noCredentials).toMatchObject({ stage: "load_provider", error_kind: "auth" });
    expect(noCredentials.message).toMatch(/GOOGLE_APPLICATION_CREDENTIALS/);
  });

  it("Mistral: the version stays in the path, the body names the model without it", async () => {
    const { metric: m, entry } = await metric("mistral-basic@001");
    expect(entry.wire).toBe("vertex-mistral");
    expect(m).toMatchObject({ provider: "vertex", request_mode: "chat_completions", output_tokens: 64 });
    expect(entry.request).toMatchObject({
      model: "mistral-basic",
      stream: true,
      max_tokens: STORY_64_V1.maxOutputTokens,
      messages: [{ role: "user", content: expect.any(String) as string }],
    });
    expect(entry.request).not.toHaveProperty("stream_options");
  });
});
