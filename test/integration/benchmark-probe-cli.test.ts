import { modelKey } from "../../src/storage/signals-documents.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnyClaimDoc } from "../../src/storage/benchmark-claims-repository.js";
import { registerBenchmarkCommands } from "../../src/cli/commands/benchmark.js";
import { principalFor } from "../../src/policy/principal.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startFakeProviders, type FakeProviders } from "../helpers/fake-providers/client.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";

/** probe_model through a real MCP client, and `benchmark run --dry-run --json` in-process. */
let fake: FakeProviders;
let t: TestDatabase;
const NOW = new Date();

beforeAll(async () => {
  [fake, t] = await Promise.all([
    startFakeProviders(),
    openTestDatabase("bench_probe_cli", { BENCH_PROFILE: "story-64-v1" }),
  ]);
  t.config = { ...t.config, providers: fake.config.providers, bedrock: fake.config.bedrock };
  await t.repos.models.insertMany([
    { provider: "groq", model_id: "basic~probe-ok", enabled: true, created_at: NOW },
    { provider: "groq", model_id: "fail-404~probe-gone", enabled: false, created_at: NOW },
    { provider: "groq", model_id: "basic~old", enabled: true, deprecated: true, created_at: NOW },
    { provider: "groq", model_id: "fail-401~key-refused", enabled: true, created_at: NOW },
  ]);
});
afterAll(async () => {
  await fake?.stop();
});

type L = Record<string, unknown>;

describe("probe_model", () => {
  it("measures an enabled model now and publishes the run", async () => {
    const agent = await connect(await sharedFor(t, NOW), { name: "fixer", role: "agent" });
    const r = await call(agent, "probe_model", { provider: "groq", model_id: "basic~probe-ok" });
    expect(r.isError, r.text).toBe(false);
    expect(r.structured).toMatchObject({ role: "published", ok: true, error: null, cost_usd: null });
    expect((r.structured as { metric: L }).metric).toMatchObject({
      output_tokens: 64,
      profile_id: "story-64-v1",
    });
    expect(await t.repos.metrics.count({ model_name: "basic~probe-ok" })).toBe(1);
    // A re-check is on request: it runs again even though the model is fresh now.
    const again = await call(agent, "probe_model", { provider: "groq", model_id: "basic~probe-ok" });
    expect(again.isError, again.text).toBe(false);
    expect(await t.repos.metrics.count({ model_name: "basic~probe-ok" })).toBe(2);
  });

  it("probes a disabled model into probe_runs only and wraps the provider's text", async () => {
    const agent = await connect(await sharedFor(t, NOW), { name: "fixer", role: "agent" });
    const r = await call(agent, "probe_model", { provider: "groq", model_id: "fail-404~probe-gone" });
    expect(r.isError, r.text).toBe(false);
    const out = r.structured as { role: string; ok: boolean; error: L };
    expect(out).toMatchObject({ role: "probe", ok: false });
    expect(out.error).toMatchObject({ kind: "model_not_found", class: "hard" });
    expect(out.error["message"]).toEqual({ untrusted_provider_text: expect.any(String) });
    expect(await t.repos.errors.count({})).toBe(0);
    const probes = await t.repos.probeRuns.forModel("groq", "fail-404~probe-gone");
    expect(probes).toMatchObject([{ purpose: "manual", ok: false, error_kind: "model_not_found" }]);
  });

  it("keeps a failure of this server's own credentials apart from an enabled model's measurements", async () => {
    const agent = await connect(await sharedFor(t, NOW), { name: "fixer", role: "agent" });
    const r = await call(agent, "probe_model", { provider: "groq", model_id: "fail-401~key-refused" });
    expect(r.isError, r.text).toBe(false);
    const out = r.structured as { role: string; ok: boolean; error: L; note: string | null };
    // The provider refused the key this process holds: not the model's failure, so not its run.
    expect(out).toMatchObject({ role: "probe", ok: false });
    expect(out.error).toMatchObject({ kind: "auth", class: "provider_wide" });
    expect(out.note).toMatch(
      /^groq refused this server's own credentials \(auth\): that says nothing about the model, so the run was kept in probe_runs/,
    );
    expect(await t.repos.errors.count({ model_name: "fail-401~key-refused" })).toBe(0);
    expect(await t.repos.metrics.count({ model_name: "fail-401~key-refused" })).toBe(0);
    expect(await t.repos.signals.getStatus(modelKey("groq", "fail-401~key-refused"))).toBeNull();
    expect(await t.repos.probeRuns.forModel("groq", "fail-401~key-refused")).toMatchObject([
      { purpose: "manual", ok: false, error_kind: "auth" },
    ]);
    // Charged as the probe it became (the call was made), under the probe's purpose.
    const spend = await t.repos.spend.since("benchmark", new Date(NOW.getTime() - 3_600_000));
    expect(spend.filter((e) => e.model === "fail-401~key-refused").map((e) => e.purpose)).toEqual([
      "benchmark_probe",
    ]);
  });

  it("refuses deprecated models, viewers, and everything under the kill switch", async () => {
    const shared = await sharedFor(t, NOW);
    const agent = await connect(shared, { name: "fixer", role: "agent" });
    const deprecated = await call(agent, "probe_model", { provider: "groq", model_id: "basic~old" });
    expect(deprecated.isError).toBe(true);
    expect(deprecated.text).toMatch(/deprecated/);
    const viewer = await connect(shared, { name: "v", role: "viewer" });
    const r = await call(viewer, "probe_model", { provider: "groq", model_id: "basic~probe-ok" });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/forbidden/);

    const { policy } = await t.repos.policies.current();
    await t.repos.policies.set({ ...policy, kill_switch: true }, principalFor("root", "admin"), NOW);
    const killed = await call(agent, "probe_model", { provider: "groq", model_id: "basic~probe-ok" });
    expect(killed.isError).toBe(true);
    expect(killed.text).toMatch(/kill switch/);
    await t.repos.policies.set({ ...policy, kill_switch: false }, principalFor("root", "admin"), NOW);
    expect((await fake.log()).filter((e) => e.key === "old")).toEqual([]);
  });
});

describe("benchmark run --dry-run --json", () => {
  it("lists what is due and why, and calls nothing", async () => {
    await t.repos.models.insertMany([
      { provider: "openai", model_id: "basic~dry1", enabled: true, created_at: NOW },
      { provider: "openai", model_id: "basic~dry2", enabled: false, status: "probing", created_at: NOW },
    ]);
    const before = (await fake.log()).length;
    const env: Record<string, string> = {
      MONGODB_URI: t.config.mongodb.uri!,
      MONGODB_DB: t.config.mongodb.db,
      BENCH_PROFILE: "story-64-v1",
    };
    const cli = inProcessCli(() => env, [registerBenchmarkCommands]);
    // Without its key, openai is not configured here: nothing is due, and the dry run says why.
    const unkeyed = JSON.parse(
      await cli("benchmark", "run", "--provider", "openai", "--dry-run", "--json"),
    ) as { would_run: L[]; skipped: L[] };
    expect(unkeyed.would_run).toEqual([]);
    expect(unkeyed.skipped).toContainEqual(
      expect.objectContaining({ model_id: "basic~dry1", reason: "not_configured" }),
    );
    env["OPENAI_API_KEY"] = "sk-test-dry-run-key";
    const printed = await cli("benchmark", "run", "--provider", "openai", "--dry-run", "--json");
    const view = JSON.parse(printed) as {
      dry_run: boolean;
      would_run: L[];
      kill_switch: boolean;
      budget: L;
    };
    expect(view.dry_run).toBe(true);
    expect(view.kill_switch).toBe(false);
    expect(view.would_run).toEqual([
      expect.objectContaining({
        model_id: "basic~dry1",
        role: "published",
        why: "never measured",
        price_known: false,
      }),
      expect.objectContaining({
        model_id: "basic~dry2",
        role: "probe",
        why: "candidate: no probe run in the window",
      }),
    ]);
    expect(view.budget).toMatchObject({ limit_usd: 25 });
    expect((await fake.log()).length).toBe(before);
    expect(
      await t.db.collection<AnyClaimDoc>("benchmark_claims").countDocuments({ provider: "openai" }),
    ).toBe(0);
  });
});
