import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBenchmark, type RunResult } from "../../src/benchmark/measure.js";
import { STORY_64_V1 } from "../../src/benchmark/profiles.js";
import { createStreamAdapter } from "../../src/providers/stream/factory.js";
import type { ErrorDoc } from "../../src/storage/documents.js";
import {
  FAKE_AWS_CREDENTIALS,
  FAKE_KEYS,
  startFakeProviders,
  type FakeProviders,
} from "../helpers/fake-providers/client.js";

/**
 * Every way the fake providers fail ends as an ErrorDoc with the right kind, stage and status,
 * after exactly one request (no SDK or transport retry), and a loop over targets keeps going.
 */
let fake: FakeProviders;
let seq = 0;

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake?.stop();
});

async function attempt(
  provider: string,
  scenario: string,
  metadata: Record<string, unknown> = {},
  deadlineMs = 10_000,
): Promise<{ result: RunResult; requests: number }> {
  const key = `f${++seq}`;
  const adapter = createStreamAdapter(provider, fake.config, { bedrockCredentials: FAKE_AWS_CREDENTIALS });
  const result = await runBenchmark(
    adapter,
    { provider, model: `${scenario}~${key}`, metadata },
    STORY_64_V1,
    {
      deadlineMs,
      attempt: 1,
      sampleRole: "published",
    },
  );
  return { result, requests: (await fake.log(key)).length };
}

async function failure(
  provider: string,
  scenario: string,
  metadata?: Record<string, unknown>,
  deadlineMs?: number,
) {
  const { result, requests } = await attempt(provider, scenario, metadata, deadlineMs);
  if (result.ok) throw new Error(`expected ${provider}/${scenario} to fail`);
  expect(requests).toBe(1);
  return result.error;
}

type Expected = Partial<ErrorDoc> & { stage: string; error_kind: string };

const CASES: [provider: string, scenario: string, metadata: Record<string, unknown>, expected: Expected][] = [
  [
    "openai",
    "fail-404",
    {},
    { stage: "generate", error_kind: "model_not_found", http_status: 404, error_class: "hard" },
  ],
  [
    "openai",
    "fail-401",
    {},
    { stage: "generate", error_kind: "auth", http_status: 401, error_class: "provider_wide" },
  ],
  ["openrouter", "fail-402", {}, { stage: "generate", error_kind: "billing", http_status: 402 }],
  [
    "groq",
    "fail-429",
    {},
    { stage: "generate", error_kind: "rate_limit", http_status: 429, retry_after_s: 7 },
  ],
  ["together", "fail-500", {}, { stage: "generate", error_kind: "server_error", http_status: 500 }],
  ["fireworks", "fail-503", {}, { stage: "generate", error_kind: "server_error", http_status: 503 }],
  ["anthropic", "fail-529", {}, { stage: "generate", error_kind: "overloaded", http_status: 529 }],
  [
    "anthropic",
    "fail-429",
    {},
    { stage: "generate", error_kind: "rate_limit", http_status: 429, retry_after_s: 12 },
  ],
  ["anthropic", "fail-402", {}, { stage: "generate", error_kind: "billing", http_status: 400 }],
  [
    "openai",
    "fail-500",
    { api: "responses" },
    { stage: "generate", error_kind: "server_error", http_status: 500 },
  ],
  ["bedrock", "fail-404", {}, { stage: "generate", error_kind: "model_not_found", http_status: 404 }],
  [
    "bedrock",
    "fail-429",
    {},
    { stage: "generate", error_kind: "rate_limit", http_status: 429, exc_type: "ThrottlingException" },
  ],
  ["bedrock", "fail-500", {}, { stage: "generate", error_kind: "server_error", http_status: 500 }],
  ["bedrock", "fail-401", {}, { stage: "generate", error_kind: "auth", http_status: 403 }],
  // HTTP 200, then an error inside the stream.
  [
    "anthropic",
    "midstream-overloaded",
    {},
    { stage: "generate", error_kind: "overloaded", http_status: null, equivalent_http_status: 529 },
  ],
  [
    "anthropic",
    "midstream-server-error",
    {},
    { stage: "generate", error_kind: "server_error", http_status: null },
  ],
  [
    "openrouter",
    "midstream-overloaded",
    {},
    { stage: "generate", error_kind: "overloaded", http_status: 503 },
  ],
  [
    "openai",
    "midstream-server-error",
    { api: "responses" },
    { stage: "generate", error_kind: "server_error" },
  ],
  ["openai", "midstream-rate-limit", { api: "responses" }, { stage: "generate", error_kind: "rate_limit" }],
  [
    "bedrock",
    "midstream-rate-limit",
    {},
    { stage: "generate", error_kind: "rate_limit", exc_type: "ThrottlingException" },
  ],
  ["bedrock", "midstream-server-error", {}, { stage: "generate", error_kind: "server_error" }],
  // The transport breaks or the stream stops short.
  [
    "groq",
    "cut-midstream",
    {},
    { stage: "generate", error_kind: "network", failure_point: "connection", chunks_received: 3 },
  ],
  ["anthropic", "cut-midstream", {}, { stage: "generate", error_kind: "network", chunks_received: 3 }],
  ["bedrock", "cut-midstream", {}, { stage: "generate", error_kind: "network", chunks_received: 3 }],
  ["openai", "close-early", {}, { stage: "generate", error_kind: "network", failure_point: "truncated" }],
  ["anthropic", "close-early", {}, { stage: "generate", error_kind: "network", failure_point: "truncated" }],
  ["bedrock", "close-early", {}, { stage: "generate", error_kind: "network", failure_point: "truncated" }],
  // Unparseable events: a protocol failure, left unknown for the classification pass.
  ["openai", "bad-json", {}, { stage: "generate", error_kind: "unknown", failure_point: "protocol" }],
  ["bedrock", "bad-json", {}, { stage: "generate", error_kind: "unknown", failure_point: "protocol" }],
  // Streams that complete but are not valid runs.
  [
    "openai",
    "no-text",
    {},
    {
      stage: "validate",
      error_kind: "output_invalid",
      validation_reason: "empty_visible_text",
      time_to_first_token: null,
    },
  ],
  [
    "openai",
    "reasoning-exhausted",
    { api: "responses" },
    { stage: "validate", error_kind: "output_invalid", validation_reason: "reasoning_exhausted_budget" },
  ],
  [
    "anthropic",
    "reasoning-exhausted",
    {},
    { stage: "validate", error_kind: "output_invalid", validation_reason: "reasoning_exhausted_budget" },
  ],
  [
    "bedrock",
    "short-output",
    {},
    { stage: "validate", error_kind: "output_invalid", validation_reason: "output_out_of_band" },
  ],
];

describe("provider failures", () => {
  it.each(CASES)("%s %s", async (provider, scenario, metadata, expected) => {
    const error = await failure(provider, scenario, metadata);
    expect(error).toMatchObject({ provider, ...expected, benchmark_profile_id: "story-64-v1", attempt: 1 });
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.normalized_message).toBeTruthy();
    expect(error.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("keeps the partial timings of a stream that failed after tokens", async () => {
    const error = await failure("anthropic", "midstream-overloaded");
    expect(error["time_to_first_token"]).toBeGreaterThan(0);
    expect(error["chunks_received"]).toBe(3);
  });

  it("never stores the API key a provider echoes back", async () => {
    const openai = await failure("openai", "fail-401");
    expect(openai.message).toContain("Incorrect API key provided: [redacted]");
    expect(openai.message).not.toContain(FAKE_KEYS.openai);
    // A key with no recognizable shape is scrubbed because it is the literal key we sent.
    const deepinfra = await failure("deepinfra", "fail-401");
    expect(deepinfra.message).not.toContain(FAKE_KEYS.deepinfra);
    expect(deepinfra.message).toContain("[redacted]");
  });

  it.each([
    ["openai", "hang-after-headers", 0],
    ["anthropic", "hang-no-headers", 0],
    ["bedrock", "hang-no-headers", 0],
    ["groq", "hang-midstream", 3],
    ["bedrock", "hang-midstream", 3],
  ] as const)("%s %s ends as a timeout at the deadline", async (provider, scenario, chunks) => {
    const started = performance.now();
    const error = await failure(provider, scenario, {}, 400);
    expect(performance.now() - started).toBeGreaterThanOrEqual(395);
    expect(error).toMatchObject({
      stage: "timeout",
      error_kind: "timeout",
      error_class: "transient",
      chunks_received: chunks,
    });
    expect(error.message).toMatch(/^timed out after 400 ms/);
  });
});

describe("a loop over several targets", () => {
  it("keeps going after each failure and returns a document for every target", async () => {
    const targets: [string, string][] = [
      ["openai", "fail-404"],
      ["anthropic", "basic"],
      ["groq", "cut-midstream"],
      ["bedrock", "basic"],
      ["openrouter", "hang-after-headers"],
      ["together", "basic"],
      ["anthropic", "midstream-overloaded"],
      ["deepinfra", "no-text"],
      ["fireworks", "basic"],
    ];
    const outcomes: string[] = [];
    for (const [provider, scenario] of targets) {
      const { result } = await attempt(provider, scenario, {}, 500);
      outcomes.push(result.ok ? "metric" : `${result.error.stage}/${result.error.error_kind}`);
    }
    expect(outcomes).toEqual([
      "generate/model_not_found",
      "metric",
      "generate/network",
      "metric",
      "timeout/timeout",
      "metric",
      "generate/overloaded",
      "validate/output_invalid",
      "metric",
    ]);
  });
});
