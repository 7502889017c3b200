import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSweep } from "../../src/benchmark/sweep.js";
import type { Deps } from "../../src/deps.js";
import { revertAs } from "../../src/decisions/service.js";
import { silentLogger } from "../../src/logger.js";
import { recordError, recordSuccess } from "../../src/signals/record.js";
import { runOperator } from "../../src/operator/run.js";
import { principalFor } from "../../src/policy/principal.js";
import { createStreamAdapter } from "../../src/providers/stream/factory.js";
import type { ModelDoc } from "../../src/storage/documents.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  FAKE_AWS_CREDENTIALS,
  startFakeProviders,
  type FakeProviders,
} from "../helpers/fake-providers/client.js";

/**
 * Issue 17 item 3 end to end, over real HTTP to the fake providers and a real database: a sweep
 * fails with errors that name a settings fix, the operator run proposes and (under the default
 * policy) executes a set_settings decision through a mutation batch, the next sweep runs the
 * models with those settings and succeeds, and reverting the batch restores the settings exactly.
 */
let fake: FakeProviders;
let t: TestDatabase;
let deps: Deps;

const BEFORE_NO_TEMP = { extra_body: { seed: 7 }, benchmark_note: "kept by another runner" };
const MODELS: Partial<ModelDoc>[] = [
  { provider: "openai", model_id: "responses-only~s1" },
  { provider: "openai", model_id: "no-temperature~s2", model_metadata: BEFORE_NO_TEMP },
  { provider: "groq", model_id: "completion-tokens-only~s3" },
  { provider: "bedrock", model_id: "profile-only~s4" },
  // Its errors name no fix: it gets no settings proposal.
  { provider: "openai", model_id: "fail-404~s5" },
];

beforeAll(async () => {
  [fake, t] = await Promise.all([
    startFakeProviders(),
    openTestDatabase("settings-fix", { BENCH_PROFILE: "story-64-v1", BENCH_CONCURRENCY: "1" }),
  ]);
  const config = {
    ...t.config,
    providers: fake.config.providers,
    bedrock: { ...fake.config.bedrock, credentials: "BEDROCK_ENABLED" },
  };
  await t.repos.models.insertMany(
    MODELS.map((m) => ({ enabled: true, created_at: new Date(), ...m }) as ModelDoc),
  );
  deps = { config, logger: silentLogger, repos: t.repos, clock: () => new Date() };
}, 120_000);

afterAll(async () => {
  await fake?.stop();
});

const sweep = () =>
  runSweep(deps, {
    holder: "a",
    adapterFor: (p) => createStreamAdapter(p, deps.config, { bedrockCredentials: FAKE_AWS_CREDENTIALS }),
  });

const model = async (provider: string, modelId: string) =>
  (await t.repos.models.rawGet({ provider, model_id: modelId }))!;

/** The fake's log of one model's requests, by the `~key` in its id. */
const requests = (key: string) => fake.log(key);

describe("per-model settings detected and applied", () => {
  let batchId = "";

  it("the first sweep fails with the errors that name each fix", async () => {
    const r = await sweep();
    expect(r.counts).toMatchObject({ measured: 0, failed: 5 });
    const kinds = new Map((await t.repos.errors.find({})).map((e) => [e.model_name, e.error_kind]));
    expect(kinds.get("responses-only~s1")).toBe("bad_request");
    expect(kinds.get("profile-only~s4")).toBe("model_unavailable");
    expect(kinds.get("fail-404~s5")).toBe("model_not_found");
  }, 60_000);

  it("the operator run proposes set_settings only where the errors name a fix, and executes them in one batch", async () => {
    const result = await runOperator({
      repos: t.repos,
      config: deps.config,
      logger: silentLogger,
      chain: [],
    });
    const settings = result.decisions.filter((d) => d.action === "set_settings");
    const byModel = new Map(settings.map((d) => [d.targets[0]!.model_id, d]));
    expect([...byModel.keys()].sort()).toEqual([
      "completion-tokens-only~s3",
      "no-temperature~s2",
      "profile-only~s4",
      "responses-only~s1",
    ]);
    expect(byModel.get("responses-only~s1")!.evidence["settings"]).toEqual({ api: "responses" });
    expect(byModel.get("no-temperature~s2")!.evidence["settings"]).toEqual({ omit_temperature: true });
    expect(byModel.get("completion-tokens-only~s3")!.evidence["settings"]).toEqual({
      max_tokens_param: "max_completion_tokens",
    });
    expect(byModel.get("profile-only~s4")!.evidence).toMatchObject({
      settings: { inference_profile_id: "us.profile-only~s4" },
      profile_source: "region_prefix",
    });
    // The policy's reversible class: approved by the policy, executed by this run.
    for (const d of settings) expect(d.policy_verdict.outcome).toBe("allowed");
    expect(result.run.batch_ids).toHaveLength(1);
    batchId = result.run.batch_ids[0]!;
    const stored = await t.repos.decisions.find({ action: "set_settings" });
    expect(stored.map((d) => d.status)).toEqual(["executed", "executed", "executed", "executed"]);
    expect(stored.every((d) => d.batch_id === batchId)).toBe(true);
    // Nothing proposes to change the model whose errors named no fix.
    const other = await t.repos.decisions.find({});
    expect(
      other.filter((d) => d.targets.some((x) => x.model_id === "fail-404~s5") && d.action === "set_settings"),
    ).toEqual([]);

    expect((await model("openai", "responses-only~s1")).model_metadata).toEqual({ api: "responses" });
    expect((await model("openai", "no-temperature~s2")).model_metadata).toEqual({
      ...BEFORE_NO_TEMP,
      omit_temperature: true,
    });
    expect((await model("bedrock", "profile-only~s4")).model_metadata).toEqual({
      inference_profile_id: "us.profile-only~s4",
    });
    expect((await model("openai", "fail-404~s5")).model_metadata).toBeUndefined();
    const batch = (await t.repos.mutations.get(batchId))!;
    expect(batch.status).toBe("applied");
    const change = batch.changes.find((c) => c.model_id === "no-temperature~s2")!;
    expect(change.before.model_metadata).toEqual(BEFORE_NO_TEMP);
    expect(batch.changes.find((c) => c.model_id === "responses-only~s1")!.absent).toContain("model_metadata");
  }, 60_000);

  it("the next sweep runs them at once with the new settings, and they succeed", async () => {
    const r = await sweep();
    // The four fixed models are due despite their backoff; the 404 model still waits out its own.
    expect(r.counts).toMatchObject({ measured: 4, failed: 0 });
    const [responses] = (await requests("s1")).slice(-1);
    expect(responses).toMatchObject({ wire: "responses", outcome: "complete" });
    const [noTemp] = (await requests("s2")).slice(-1);
    expect(noTemp!.request).not.toHaveProperty("temperature");
    expect(noTemp!.request).toMatchObject({ seed: 7 });
    const [tokens] = (await requests("s3")).slice(-1);
    expect(tokens!.request).toHaveProperty("max_completion_tokens");
    expect(tokens!.request).not.toHaveProperty("max_tokens");
    const [profile] = (await requests("s4")).slice(-1);
    expect(profile).toMatchObject({ wire: "bedrock", model: "us.profile-only~s4", outcome: "complete" });
    const measured = new Set((await t.repos.metrics.find({})).map((m) => m.model_name));
    expect([...measured].sort()).toEqual([
      "completion-tokens-only~s3",
      "no-temperature~s2",
      "profile-only~s4",
      "responses-only~s1",
    ]);
    const metric = (await t.repos.metrics.find({})).find((m) => m.model_name === "responses-only~s1")!;
    expect(metric.misc?.["request_mode"] ?? metric["request_mode"]).toBe("responses");
  }, 60_000);

  it("reverting the batch restores each model's settings exactly", async () => {
    const { revert: batch } = await revertAs(t.repos, batchId, principalFor("alice", "admin"), new Date());
    expect(batch.status).toBe("applied");
    const responses = await model("openai", "responses-only~s1");
    expect(Object.hasOwn(responses, "model_metadata")).toBe(false);
    expect(Object.hasOwn(responses, "settings_changed_at")).toBe(false);
    expect((await model("openai", "no-temperature~s2")).model_metadata).toEqual(BEFORE_NO_TEMP);
    expect(Object.hasOwn(await model("bedrock", "profile-only~s4"), "model_metadata")).toBe(false);
  }, 60_000);

  it("a settings fix is preferred over disabling a model whose only failures name it", async () => {
    const u = await openTestDatabase("settings-prefer");
    const now = new Date();
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
    const config = { ...u.config, bedrock: { ...u.config.bedrock, credentials: "BEDROCK_ENABLED" } };
    const id = "anthropic.claude-3-5-sonnet-20241022-v2:0";
    await u.repos.models.insertMany(
      [id, "gone-model", "healthy-model"].map((model_id) => ({
        provider: "bedrock",
        model_id,
        enabled: true,
        created_at: at(24 * 30),
      })),
    );
    const onDemand = `Invocation of model ID ${id} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`;
    for (const h of [80, 60, 40, 1]) {
      const error = {
        provider: "bedrock",
        stage: "generate" as const,
        http_status: 400,
        exc_type: "ValidationException",
      };
      await recordError(u.repos, { ...error, model_name: id, ts: at(h), message: onDemand }, at(h));
      await recordError(
        u.repos,
        {
          ...error,
          model_name: "gone-model",
          ts: at(h),
          message: "The provided model identifier is invalid.",
        },
        at(h),
      );
    }
    const metric = {
      provider: "bedrock",
      model_name: "healthy-model",
      run_ts: at(1),
      gen_ts: at(1),
      requested_tokens: 64,
      output_tokens: 64,
      generate_time: 1,
      tokens_per_second: 64,
      time_to_first_token: 0.2,
      times_between_tokens: [],
    };
    await recordSuccess(u.repos, metric, at(1));
    const r = await runOperator({ repos: u.repos, config, logger: silentLogger, chain: [] }, { now });
    const about = (m: string) => r.decisions.filter((d) => d.targets.some((x) => x.model_id === m));
    expect(about(id).map((d) => d.action)).toEqual(["set_settings"]);
    expect((await u.repos.decisions.get(about(id)[0]!._id))!.status).toBe("executed");
    expect((await u.repos.models.rawGet({ provider: "bedrock", model_id: id }))!.model_metadata).toEqual({
      inference_profile_id: `us.${id}`,
    });
    // The other model's errors name no fix: the classifier's disable stands, no settings change.
    expect(about("gone-model").map((d) => d.action)).toEqual(["disable"]);
  }, 60_000);
});
