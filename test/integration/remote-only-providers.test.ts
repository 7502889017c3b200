import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/auth/tokens.js";
import type { AnyClaimDoc } from "../../src/storage/benchmark-claims-repository.js";
import { planDueWork } from "../../src/benchmark/schedule/due.js";
import { runSweep } from "../../src/benchmark/sweep.js";
import { recordSuccess } from "../../src/signals/record.js";
import { loadConfig } from "../../src/config/config.js";
import { localProviderSetup } from "../../src/config/providers.js";
import type { Deps } from "../../src/deps.js";
import { silentLogger } from "../../src/logger.js";
import { principalFor } from "../../src/policy/principal.js";
import { createStreamAdapter } from "../../src/providers/stream/factory.js";
import { INGEST_PATHS, type WorkResponse } from "../../src/runner/protocol.js";
import { scheduleWorkSource } from "../../src/runner/schedule-source.js";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  FAKE_AWS_CREDENTIALS,
  startFakeProviders,
  type FakeProviders,
} from "../helpers/fake-providers/client.js";

/**
 * Issue 17 item 6: REMOTE_ONLY_PROVIDERS=bedrock. The local sweep over the fake providers (real
 * HTTP) neither calls nor pauses Bedrock, even when this server holds credentials; a runner's
 * work list over the real ingest API is not withheld by a local lack of credentials or a pause.
 */
let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake?.stop();
});

const REMOTE_ONLY = { REMOTE_ONLY_PROVIDERS: "bedrock", BENCH_PROFILE: "story-64-v1" };
const created = new Date("2026-01-01T00:00:00Z");

describe("the setting", () => {
  it("is a list of known providers; an unknown name is a clear error", () => {
    expect(
      loadConfig({ REMOTE_ONLY_PROVIDERS: " Bedrock, vertex ,bedrock" }).runner.remoteOnlyProviders,
    ).toEqual(["bedrock", "vertex"]);
    expect(loadConfig({}).runner.remoteOnlyProviders).toEqual([]);
    expect(() => loadConfig({ REMOTE_ONLY_PROVIDERS: "bedrok" })).toThrow(
      /REMOTE_ONLY_PROVIDERS: unknown provider bedrok; known: openai/,
    );
  });
});

describe("the local sweep", () => {
  it("neither runs nor pauses a remote-only provider whose credentials this server holds", async () => {
    const t = await openTestDatabase("remote-only-sweep", REMOTE_ONLY);
    // Credentials here: without the setting Bedrock would be measured (and its 401s pause it).
    const bedrock = { ...fake.config.bedrock, credentials: "AWS_ACCESS_KEY_ID" };
    const config = { ...t.config, providers: fake.config.providers, bedrock };
    await t.repos.models.insertMany([
      { provider: "bedrock", model_id: "fail-401~ro1", enabled: true, created_at: created },
      { provider: "bedrock", model_id: "fail-401~ro2", enabled: true, created_at: created },
      { provider: "groq", model_id: "basic~ro3", enabled: true, created_at: created },
    ]);
    const now = new Date();
    const control = { ...config, runner: { ...config.runner, remoteOnlyProviders: [] } };
    const without = await planDueWork(t.repos, control, { now });
    expect(without.candidates.map((c) => c.provider).sort()).toEqual(["bedrock", "bedrock", "groq"]);

    const deps: Deps = { config, logger: silentLogger, repos: t.repos, clock: () => new Date() };
    const adapterFor = (p: string) =>
      createStreamAdapter(p, config, p === "bedrock" ? { bedrockCredentials: FAKE_AWS_CREDENTIALS } : {});
    const r = await runSweep(deps, { holder: "local", adapterFor });
    expect(r.counts).toMatchObject({ due: 1, measured: 1, failed: 0 });
    expect(r.stoppedProviders).toEqual([]);
    expect((await fake.log()).filter((e) => e.key?.startsWith("ro")).map((e) => e.model)).toEqual([
      "basic~ro3",
    ]);
    expect(await t.repos.operatorState.providerState("bedrock")).toBeNull();
    expect(await t.repos.errors.find({ provider: "bedrock" })).toEqual([]);
    const plan = await planDueWork(t.repos, config, { now: new Date() });
    expect(plan.skipped.filter((s) => s.provider === "bedrock").map((s) => [s.reason, s.detail])).toEqual([
      ["not_configured", expect.stringMatching(/remote only/)],
      ["not_configured", expect.stringMatching(/remote only/)],
    ]);
    expect(localProviderSetup(config, "bedrock")).toMatchObject({ configured: false });
    await t.client.close();
  }, 60_000);
});

describe("a runner's work list", () => {
  let t: TestDatabase;
  let server: RunningHttpServer;
  let token: string;

  beforeAll(async () => {
    // No AWS credentials here: the server cannot measure Bedrock, only its runner can.
    t = await openTestDatabase("remote-only-runner", REMOTE_ONLY);
    await t.repos.models.insertMany(
      ["anthropic.ro-a-v1", "anthropic.ro-b-v1"].map((model_id) => ({
        provider: "bedrock",
        model_id,
        enabled: true,
        created_at: created,
      })),
    );
    token = (
      await createToken(t.repos.apiTokens, "ec2", "runner", principalFor("root", "admin"), new Date(), [
        "bedrock",
      ])
    ).token;
    server = await serve(t.config);
  });
  afterAll(async () => {
    await server?.close();
    await t?.client.close();
  });

  function serve(config: TestDatabase["config"]): Promise<RunningHttpServer> {
    const deps: Deps = { config, logger: silentLogger, repos: t.repos, clock: () => new Date() };
    const runnerWork = scheduleWorkSource(t.repos, config);
    return startHttpServer(deps, { host: "127.0.0.1", port: 0, readOnly: false, runnerWork });
  }

  async function work(at: RunningHttpServer): Promise<WorkResponse["items"]> {
    const res = await fetch(`${new URL(at.url).origin}${INGEST_PATHS.work}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ provider: "bedrock", limit: 1 }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as WorkResponse).items;
  }

  async function pause(until: Date | null): Promise<void> {
    const now = new Date();
    await t.repos.operatorState.setProviderState("bedrock", {
      state: "paused",
      reason: "the benchmark sweep saw 2 consecutive auth failures",
      kind: "auth",
      authority: "credentials",
      since: now,
      ...(until ? { until } : {}),
      affected_models: 2,
      updated_at: now,
    });
  }

  it("a pause without a date withholds nothing from a remote-only provider's runner", async () => {
    await pause(null);
    // Control: the same pause on a server without the setting withholds the work.
    const plain = await serve({ ...t.config, runner: { ...t.config.runner, remoteOnlyProviders: [] } });
    try {
      expect(await work(plain)).toEqual([]);
    } finally {
      await plain.close();
    }
    const items = await work(server);
    expect(items.map((i) => [i.provider, i.role])).toEqual([["bedrock", "published"]]);
    const claims = await t.db
      .collection<AnyClaimDoc>("benchmark_claims")
      .find({ provider: "bedrock", kind: "claim" })
      .toArray();
    expect(claims.map((c) => ("holder" in c ? c.holder : null))).toEqual(["runner:ec2"]);
  });

  it("a dated pause holds until its date, then the runner gets the work", async () => {
    await pause(new Date(Date.now() + 3_600_000));
    expect(await work(server)).toEqual([]);
    await pause(new Date(Date.now() - 1000));
    expect((await work(server)).map((i) => i.model_id)).toHaveLength(1);
  });
});

describe("what a person is shown", () => {
  it("get_fleet_health says a remote-only provider is measured by remote runners, whatever its state", async () => {
    const t = await openTestDatabase("remote-only-health", REMOTE_ONLY);
    const now = new Date();
    await t.repos.models.insertMany([
      { provider: "bedrock", model_id: "remote-measured", enabled: true, created_at: created },
      { provider: "groq", model_id: "local-measured", enabled: true, created_at: created },
    ]);
    // A run the remote runner posted an hour ago: Bedrock is measured, and healthy.
    const ts = new Date(now.getTime() - 3_600_000);
    for (const [provider, model_name] of [
      ["bedrock", "remote-measured"],
      ["groq", "local-measured"],
    ] as const) {
      await recordSuccess(
        t.repos,
        {
          ...{ provider, model_name, run_ts: ts, gen_ts: ts, requested_tokens: 64, output_tokens: 64 },
          ...{
            generate_time: 0.8,
            tokens_per_second: 80,
            time_to_first_token: 0.4,
            times_between_tokens: [],
          },
        },
        now,
      );
    }
    const client = await connect(sharedFor(t, now), { role: "viewer" });
    const r = await call(client, "get_fleet_health", {});
    expect(r.isError, r.text).toBe(false);
    const rows = (
      r.structured as { providers: Array<{ provider: string; state: string; state_reason: string }> }
    ).providers;
    expect(rows.find((p) => p.provider === "bedrock")).toMatchObject({
      state: "healthy",
      state_reason: expect.stringMatching(/^measured by remote runners only \(REMOTE_ONLY_PROVIDERS\)/),
    });
    expect(rows.find((p) => p.provider === "groq")?.state_reason).not.toMatch(/remote/);
    await t.client.close();
  }, 60_000);
});
