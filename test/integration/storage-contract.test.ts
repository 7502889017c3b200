import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import type { ErrorDoc, MetricDoc, ModelDoc } from "../../src/storage/documents.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * Stored-document contracts: every field a writer sets comes back from the database unchanged.
 * The earlier system silently dropped new fields through a write allowlist for months; these
 * tests fail if any repository starts filtering what it stores. Legacy shapes written by older
 * runners are read into today's shapes.
 */
const T = new Date("2026-11-20T10:00:00.000Z");

const fullMetric: MetricDoc = {
  provider: "openai",
  model_name: "gpt-4o-mini",
  run_ts: T,
  gen_ts: new Date(T.getTime() + 2_000),
  temperature: 0.1,
  requested_tokens: 64,
  output_tokens: 64,
  generate_time: 1.25,
  tokens_per_second: 51.2,
  time_to_first_token: 0.31,
  times_between_tokens: [0.01, 0.02, 0.015],
  misc: { region: "us" },
  metrics_schema_version: 2,
  benchmark_profile_id: "cloud-v1",
  protocol_version: 1,
  sample_role: "published",
  attempt: 1,
  token_source: "provider_usage",
  reasoning_tokens: 0,
  visible_output_tokens: 64,
  time_to_first_answer_token: 0.31,
  output_tokens_per_second: 55.1,
  finish_reason: "length",
  cost_usd: 0.00004,
  requested_max_tokens: 64, // a field no allowlist knows: it must survive too
};

describe("stored-document contracts", () => {
  it("models: every written field reads back unchanged", async () => {
    const { repos } = await openTestDatabase("contract-models");
    const doc: ModelDoc = {
      provider: "bedrock",
      model_id: "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
      enabled: false,
      deprecated: true,
      created_at: T,
      display_name: "Claude 3.7 Sonnet",
      disabled_reason: "end of life",
      disabled_at: T,
      disabled_by: "operator-run",
      disabled_class: "provider_retired",
      recheck_after: new Date(T.getTime() + 86_400_000),
      status: "probation",
      mutation_batch_id: "mb_1",
      model_metadata: { omit_temperature: true, inference_profile_id: "us.x" },
      canonical_id: "claude-3-7-sonnet",
    };
    await repos.models.insertMany([{ ...doc }]);
    const back = await repos.models.get({ provider: doc.provider, model_id: doc.model_id });
    expect(back).toMatchObject(doc);
  });

  it("metrics_cloud_v2: every written field reads back unchanged", async () => {
    const { repos } = await openTestDatabase("contract-metrics");
    await repos.metrics.insert({ ...fullMetric });
    const back = await repos.metrics.latest("openai", "gpt-4o-mini");
    expect(back).toMatchObject(fullMetric);
  });

  it("errors_cloud: every written field reads back unchanged", async () => {
    const { repos } = await openTestDatabase("contract-errors");
    const doc: ErrorDoc = {
      provider: "groq",
      model_name: "llama-3.3-70b-versatile",
      ts: T,
      stage: "generate",
      message: "Error code: 429 - rate limit",
      error_kind: "rate_limit",
      error_class: "transient",
      http_status: 429,
      normalized_message: "error code: 429 - rate limit",
      fingerprint: "0123456789abcdef",
      exc_type: "RateLimitError",
      attempt: 2,
    };
    await repos.errors.insert({ ...doc });
    const [back] = await repos.errors.find({ provider: "groq" });
    expect(back).toMatchObject(doc);
  });

  it("model_status, provider_catalog and openrouter_catalog keep every field", async () => {
    const { repos } = await openTestDatabase("contract-status-catalog");
    const mirror = {
      action: "disable",
      confidence: 0.9,
      reasoning: "404",
      suggested_at: T,
      suggested_by: "fast-pass",
      status: "pending",
      executed_at: null,
      decision_id: "dec_1",
    };
    await repos.modelStatus.mirrorDecision("openai", "gpt-x", mirror, T);
    expect((await repos.modelStatus.get("openai", "gpt-x"))?.operator_decision).toEqual(mirror);

    const raw = {
      id: "llama-3.3-70b-versatile",
      object: "model",
      owned_by: "Meta",
      context_window: 131072,
      brand_new_field: { nested: [1, 2] },
    };
    await repos.providerCatalog.upsertSeen("groq", raw.id, "Llama 3.3 70B", raw, T);
    const [row] = await repos.providerCatalog.find("groq");
    expect(row).toMatchObject({
      provider: "groq",
      model_id: raw.id,
      name: "Llama 3.3 70B",
      raw,
      first_seen_at: T,
      last_seen_at: T,
    });

    // A later sighting keeps first_seen_at and refreshes the rest.
    const later = new Date(T.getTime() + 3_600_000);
    await repos.providerCatalog.upsertSeen("groq", raw.id, "Llama 3.3 70B", raw, later);
    expect((await repos.providerCatalog.find("groq"))[0]).toMatchObject({
      first_seen_at: T,
      last_seen_at: later,
    });

    const entry = {
      openrouter_id: "anthropic/claude-3.5-sonnet",
      name: "Anthropic: Claude 3.5 Sonnet",
      org: "anthropic",
      pricing: { prompt: "0.000003", completion: "0.000015" },
      context_length: 200000,
      created: 1718841600,
      matched_provider: "anthropic",
      matched_model_id: "claude-3-5-sonnet-20240620",
      match_confidence: 0.95,
      match_reasoning: "same family and date",
    };
    await repos.openrouterCatalog.upsertSeen(entry, T);
    expect((await repos.openrouterCatalog.find())[0]).toMatchObject({
      ...entry,
      first_seen_at: T,
      last_seen_at: T,
    });
  });

  it("reads legacy shapes: added_at, string timestamps, a 0 placeholder for time to first token", async () => {
    const { repos, db } = await openTestDatabase("contract-legacy");
    const models = db.collection<ModelDoc>("models");
    await models.insertOne({
      provider: "together",
      model_id: "old",
      enabled: true,
      added_at: "2024-03-01T00:00:00Z",
    });
    await models.insertOne({ provider: "together", model_id: "no-enabled-field" } as unknown as ModelDoc);
    const old = await repos.models.get({ provider: "together", model_id: "old" });
    expect(old?.created_at).toEqual(new Date("2024-03-01T00:00:00Z"));
    expect((await repos.models.get({ provider: "together", model_id: "no-enabled-field" }))?.enabled).toBe(
      false,
    );

    await repos.metrics.insert({
      _id: new ObjectId(),
      provider: "together",
      model_name: "old",
      run_ts: "2025-01-01T00:00:00Z",
      gen_ts: "2025-01-01T00:00:03Z",
      requested_tokens: "64",
      output_tokens: 64,
      generate_time: 2,
      tokens_per_second: 32,
      time_to_first_token: 0,
    } as unknown as MetricDoc);
    const m = await repos.metrics.latest("together", "old");
    expect(m?.gen_ts).toEqual(new Date("2025-01-01T00:00:03Z"));
    expect(m?.requested_tokens).toBe(64);
    expect(m?.time_to_first_token).toBeNull();
    expect(m?.times_between_tokens).toEqual([]);

    await repos.errors.insert({
      provider: "together",
      model_name: "old",
      ts: "2025-01-02T00:00:00Z",
      stage: "generate",
      message: "boom",
    } as unknown as ErrorDoc);
    const [e] = await repos.errors.find({ provider: "together" });
    expect(e?.ts).toEqual(new Date("2025-01-02T00:00:00Z"));
    expect(e?.error_kind).toBe("unknown");
  });

  it("creates its indexes idempotently", async () => {
    const { repos, db } = await openTestDatabase("contract-indexes");
    const { ensureIndexes } = await import("../../src/storage/repositories.js");
    await ensureIndexes(repos);
    await ensureIndexes(repos);
    const names = (await db.collection("models").indexes()).map((i) => i.name);
    expect(names).toContain("uniq_provider_model");
    expect((await db.collection("metrics_cloud_v2").indexes()).map((i) => i.name)).toContain(
      "provider_model_gen_ts",
    );
  });
});
