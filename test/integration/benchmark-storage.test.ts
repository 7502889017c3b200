import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBenchmark } from "../../src/benchmark/measure.js";
import { REASONING_V1, STORY_64_V1 } from "../../src/benchmark/profiles.js";
import { createStreamAdapter } from "../../src/providers/stream/factory.js";
import type { ErrorDoc, MetricDoc } from "../../src/storage/documents.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  FAKE_AWS_CREDENTIALS,
  startFakeProviders,
  type FakeProviders,
} from "../helpers/fake-providers/client.js";

/**
 * The stored-document contract: what the runner produces goes into `metrics_cloud_v2` and
 * `errors_cloud` through the repositories and comes back with every field unchanged (the earlier
 * system silently lost new fields to a write allowlist).
 */
let fake: FakeProviders;
let t: TestDatabase;

beforeAll(async () => {
  [fake, t] = await Promise.all([startFakeProviders(), openTestDatabase("bench_storage")]);
});
afterAll(async () => {
  await fake?.stop();
});

async function produce(
  provider: string,
  model: string,
  metadata: Record<string, unknown> = {},
  profile = STORY_64_V1,
) {
  const adapter = createStreamAdapter(provider, fake.config, { bedrockCredentials: FAKE_AWS_CREDENTIALS });
  return runBenchmark(adapter, { provider, model, metadata }, profile, {
    deadlineMs: 10_000,
    attempt: 3,
    sampleRole: "published",
  });
}

describe("stored benchmark documents", () => {
  it("a metric document reads back from metrics_cloud_v2 with every field unchanged", async () => {
    const reasoningProfile = { ...REASONING_V1, lengthBand: null };
    for (const [provider, model, metadata, profile] of [
      ["anthropic", "basic", {}, STORY_64_V1],
      ["openai", "reasoning-then-answer", { api: "responses", reasoning: true }, reasoningProfile],
      ["vertex", "reasoning-then-answer", { reasoning: true }, reasoningProfile],
      ["vertex", "claude-basic", {}, STORY_64_V1],
    ] as const) {
      const result = await produce(provider, model, metadata, profile);
      if (!result.ok) throw new Error(result.error.message);
      const produced: MetricDoc = structuredClone(result.metric);
      await t.repos.metrics.insert(result.metric);
      const stored = await t.db
        .collection<MetricDoc>(t.config.collections.metrics)
        .findOne({ provider, model_name: model });
      const { _id, ...fields } = stored!;
      expect(_id).toBeDefined();
      expect(fields).toEqual(produced);
      // The repository's legacy-tolerant reader keeps them too.
      const { _id: _ignored, ...normalized } = (await t.repos.metrics.latest(provider, model))!;
      expect(normalized).toEqual(produced);
    }
  });

  it("keeps a null time to first token null", async () => {
    const metric: MetricDoc = {
      provider: "groq",
      model_name: "null-ttft",
      run_ts: new Date("2026-03-01T00:00:00Z"),
      gen_ts: new Date("2026-03-01T00:00:01Z"),
      requested_tokens: 64,
      output_tokens: 64,
      generate_time: 1,
      tokens_per_second: 64,
      time_to_first_token: null,
      times_between_tokens: [],
    };
    await t.repos.metrics.insert(structuredClone(metric));
    expect(
      (await t.db.collection<MetricDoc>(t.config.collections.metrics).findOne({ model_name: "null-ttft" }))
        ?.time_to_first_token,
    ).toBeNull();
  });

  it("an error document reads back from errors_cloud with every field unchanged", async () => {
    for (const [provider, model] of [
      ["openai", "fail-429"],
      ["anthropic", "midstream-overloaded"],
      ["bedrock", "short-output"],
    ] as const) {
      const result = await produce(provider, model);
      if (result.ok) throw new Error("expected a failure");
      const produced: ErrorDoc = structuredClone(result.error);
      await t.repos.errors.insert(result.error);
      const stored = await t.db
        .collection<ErrorDoc>(t.config.collections.errors)
        .findOne({ provider, model_name: model });
      const { _id, ...fields } = stored!;
      expect(_id).toBeDefined();
      expect(fields).toEqual(produced);
      expect(fields).toMatchObject({
        error_kind: expect.any(String),
        fingerprint: expect.any(String),
        stage: expect.any(String),
      });
    }
  });
});
