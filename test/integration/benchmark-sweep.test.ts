import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnyClaimDoc } from "../../src/storage/benchmark-claims-repository.js";
import { runSweep } from "../../src/benchmark/sweep.js";
import type { Deps } from "../../src/deps.js";
import { createStreamAdapter } from "../../src/providers/stream/factory.js";
import type { StreamAdapter } from "../../src/providers/stream/types.js";
import { silentLogger } from "../../src/logger.js";
import { applyBatch } from "../../src/mutations/mutate.js";
import type { ModelDoc } from "../../src/storage/documents.js";
import type { Repositories } from "../../src/storage/repositories.js";
import { openTestDatabase } from "../helpers/database.js";
import { startFakeProviders, type FakeProviders } from "../helpers/fake-providers/client.js";

/**
 * The sweep over real HTTP to the fake providers and a real database: what was requested (the
 * fake's own log) and what was stored.
 */
let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake?.stop();
});

const ADMIN = { kind: "human" as const, name: "t", role: "admin" as const };

async function setup(label: string, models: Partial<ModelDoc>[], env: Record<string, string> = {}) {
  const t = await openTestDatabase(label, { BENCH_PROFILE: "story-64-v1", BENCH_CONCURRENCY: "4", ...env });
  const config = { ...t.config, providers: fake.config.providers, bedrock: fake.config.bedrock };
  await t.repos.models.insertMany(
    models.map((m) => ({ provider: "groq", model_id: "x", enabled: true, created_at: new Date(), ...m })),
  );
  const deps: Deps = { config, logger: silentLogger, repos: t.repos, clock: () => new Date() };
  return { ...t, deps };
}

/** An operator's change to one groq model, through the audited path every change takes. */
async function setEnabled(repos: Repositories, modelId: string, enabled: boolean, reason: string) {
  const changes = [{ provider: "groq", model_id: modelId, set: { enabled } }];
  await applyBatch(repos, { actor: "test", reason, changes }, new Date());
}

/** Requests the fake received for models whose `~key` starts with `prefix`. */
async function requestsFor(prefix: string): Promise<string[]> {
  return (await fake.log()).filter((e) => e.key?.startsWith(prefix)).map((e) => e.model);
}

describe("the benchmark sweep", () => {
  it("112 stale models with a cap of 100 leave none behind over two passes", async () => {
    const ids = Array.from({ length: 112 }, (_, i) => `basic~cap${String(i).padStart(3, "0")}`);
    const { deps, repos } = await setup(
      "sweep-cap",
      ids.map((model_id) => ({ model_id })),
      { BENCH_PASS_CAP: "100", BENCH_CONCURRENCY: "8" },
    );
    const first = await runSweep(deps, { holder: "a" });
    expect(first.counts).toMatchObject({ due: 112, selected: 100, measured: 100, failed: 0 });
    const second = await runSweep(deps, { holder: "a" });
    expect(second.counts).toMatchObject({ due: 12, selected: 12, measured: 12 });
    const measured = new Set((await repos.metrics.find({})).map((m) => m.model_name));
    expect([...measured].sort()).toEqual(ids);
    // A third pass finds nothing due: every model is fresh.
    expect((await runSweep(deps, { holder: "a" })).counts.due).toBe(0);
  }, 120_000);

  it("a model that failed output_invalid under a wrong BENCH_PROFILE is due again once the profile is fixed", async () => {
    // The fake streams 64 tokens; cloud-v1 asks for 1000 and finds the output outside its band.
    const { deps, repos } = await setup("sweep-profile", [{ model_id: "basic~profile" }], {
      BENCH_PROFILE: "cloud-v1",
    });
    expect((await runSweep(deps, { holder: "a" })).counts).toMatchObject({ due: 1, failed: 1 });
    const [err] = await repos.errors.find({ model_name: "basic~profile" });
    expect(err).toMatchObject({ error_kind: "output_invalid", benchmark_profile_id: "cloud-v1" });
    expect(await repos.signals.getStatus("groq:basic~profile")).toMatchObject({
      last_error_kind: "output_invalid",
      last_error_profile_id: "cloud-v1",
    });
    // Under the same profile the backoff holds (6 h) ...
    expect((await runSweep(deps, { holder: "a" })).counts.due).toBe(0);
    // ... and once the operator fixes the profile, the model is measured at once.
    const benchmark = { ...deps.config.benchmark, profileId: "story-64-v1" };
    const fixed = { ...deps, config: { ...deps.config, benchmark } };
    expect((await runSweep(fixed, { holder: "a" })).counts).toMatchObject({ due: 1, measured: 1 });
    const [metric] = await repos.metrics.find({ model_name: "basic~profile" });
    expect(metric).toMatchObject({ benchmark_profile_id: "story-64-v1", output_tokens: 64 });
  });

  it("a provider-wide 401 stops the lane, pauses the provider and demotes no model", async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `fail-401~auth${i}`);
    const { deps, repos } = await setup(
      "sweep-401",
      [
        ...ids.map((model_id) => ({ provider: "openai", model_id })),
        { provider: "groq", model_id: "basic~ok401" },
      ],
      { BENCH_CONCURRENCY: "1" },
    );
    const r = await runSweep(deps, { holder: "a" });
    expect(r.stoppedProviders).toEqual([{ provider: "openai", kind: "auth", paused: true }]);
    // Two calls proved it; the other three models were never called.
    expect(await requestsFor("auth")).toHaveLength(2);
    expect(r.counts).toMatchObject({ failed: 2, measured: 1, lanes_stopped: 1 });
    const state = await repos.operatorState.providerState("openai");
    expect(state).toMatchObject({ state: "paused", kind: "auth", authority: "credentials" });
    expect(await repos.models.count({ enabled: true })).toBe(6);
    expect(await repos.errors.count({})).toBe(2);
    // The next pass leaves the paused provider to the recovery probes.
    const next = await runSweep(deps, { holder: "a" });
    expect(next.counts.due).toBe(0);
    expect(await requestsFor("auth")).toHaveLength(2);
  }, 60_000);

  it("a run cancelled mid-stream by a shutdown is charged at its estimate, once; one not started is not", async () => {
    const { deps, repos, db } = await setup("sweep-cancel-charge", [
      { model_id: "steady-20-100-200-1~cancel" },
    ]);
    const stop = new AbortController();
    const pass = runSweep(deps, { holder: "a", signal: stop.signal });
    // The stream has started (first chunk at 20 ms, then one every 100 ms) when the shutdown comes.
    await new Promise((resolve) => setTimeout(resolve, 600));
    stop.abort();
    await pass;
    const docs = await db.collection<AnyClaimDoc>("benchmark_claims").find({}).toArray();
    const claim = docs.find((d) => d.kind === "claim")!;
    expect(docs.find((d) => d.kind === "done")).toMatchObject({ claim_id: claim._id, outcome: "cancelled" });
    const charged = await repos.spend.forRun(claim._id);
    expect(charged).toMatchObject([{ ok: false, costUsd: deps.config.benchmark.unknownPriceUsd }]);
    expect(charged[0]!.error).toMatch(
      /^cancelled mid-run \(a shutdown or the pass's deadline\) after [1-9]\d* chunk\(s\) of output; charged at its estimate/,
    );
    expect(await repos.metrics.count({})).toBe(0);

    // A pass stopped before it started anything charges nothing.
    const before = new AbortController();
    before.abort();
    await runSweep(deps, { holder: "a", signal: before.signal });
    expect(await repos.spend.forRun(claim._id)).toHaveLength(1);
    expect(await db.collection("operator_spend").countDocuments({})).toBe(1);
  }, 60_000);

  it("a claim whose holder died mid-run is charged at its estimate when the sweep takes the model over", async () => {
    const { deps, repos, db } = await setup("sweep-takeover", [{ model_id: "basic~takeover" }]);
    const claimedAt = new Date(Date.now() - 3_600_000);
    // What a killed `benchmark run` leaves: a claim at epoch 1, past its lease, with no done marker.
    await db.collection<AnyClaimDoc>("benchmark_claims").insertOne({
      _id: "groq:basic~takeover@1",
      kind: "claim",
      provider: "groq",
      model_id: "basic~takeover",
      model_oid: null,
      epoch: 1,
      role: "published",
      purpose: null,
      holder: "cli:dead:1",
      attempt: 0,
      profile_id: "story-64-v1",
      claimed_at: claimedAt,
      expires_at: new Date(claimedAt.getTime() + 60_000),
      estimated_cost_usd: 0.02,
      price: null,
    });
    const r = await runSweep(deps, { holder: "a" });
    expect(r.counts).toMatchObject({ measured: 1 });
    const lost = await repos.spend.forRun("groq:basic~takeover@1");
    expect(lost).toMatchObject([{ ok: false, costUsd: 0.02, model: "basic~takeover" }]);
    expect(lost[0]!.error).toMatch(/^no result: cli:dead:1 held this claim from .* until it expired/);
    expect(await repos.spend.forRun("groq:basic~takeover@2")).toHaveLength(1);

    // A second pass (the model measured) charges the dead claim nothing more.
    await runSweep(deps, { holder: "a" });
    expect(await repos.spend.forRun("groq:basic~takeover@1")).toHaveLength(1);
  }, 60_000);

  it("claims a stopped lane took ahead are released at once, not left to expire", async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `fail-401~ahead${i}`);
    const { deps, db } = await setup(
      "sweep-ahead",
      ids.map((model_id) => ({ provider: "openai", model_id })),
      { BENCH_CONCURRENCY: "3" },
    );
    const r = await runSweep(deps, { holder: "a" });
    expect(r.stoppedProviders).toEqual([{ provider: "openai", kind: "auth", paused: true }]);
    const calls = (await requestsFor("ahead")).length;
    expect(r.counts.failed).toBe(calls);
    // Every claim made is finished: the runs that failed, and the ones taken ahead and released.
    const docs = await db.collection<AnyClaimDoc>("benchmark_claims").find({}).toArray();
    const claims = docs.filter((d) => d.kind === "claim");
    const done = new Map(docs.flatMap((d) => (d.kind === "done" ? [[d.claim_id, d.outcome]] : [])));
    expect(claims.length).toBeGreaterThan(calls);
    expect(claims.every((c) => done.has(c._id))).toBe(true);
    expect([...done.values()].filter((o) => o === "cancelled")).toHaveLength(claims.length - calls);
    expect(r.counts.claimed).toBe(calls);
  }, 60_000);

  it("a claim for a model disabled after the pass began is released without a provider call", async () => {
    const { deps, repos } = await setup("sweep-disabled", [{ model_id: "basic~gone1" }]);
    let disabled = false;
    const r = await runSweep(deps, {
      holder: "a",
      // Runs after the plan is read and just before the claim: the operator disables the model here.
      assertLease: async () => {
        if (disabled) return;
        disabled = true;
        await setEnabled(repos, "basic~gone1", false, "disable mid-pass");
      },
    });
    expect(r.counts).toMatchObject({ due: 1, claimed: 1, refused: 1, measured: 0 });
    expect(await requestsFor("gone1")).toEqual([]);
    expect(await repos.metrics.count({})).toBe(0);
    expect(await repos.errors.count({})).toBe(0);
    // Re-enabled: due again at once, nothing else to do.
    await setEnabled(repos, "basic~gone1", true, "re-enable");
    expect((await runSweep(deps, { holder: "a" })).counts.measured).toBe(1);
  }, 60_000);

  it("a run already in flight when its model is disabled is published; the next pass skips the model", async () => {
    const { deps, repos } = await setup("sweep-inflight", [{ model_id: "basic~inflight1" }]);
    const real = createStreamAdapter("groq", deps.config);
    // The operator disables the model once the request is on the wire.
    const adapter: StreamAdapter = {
      provider: real.provider,
      requestMode: (m) => real.requestMode(m),
      async *stream(request, ctx) {
        let first = true;
        for await (const event of real.stream(request, ctx)) {
          if (first) {
            first = false;
            await setEnabled(repos, "basic~inflight1", false, "disable in flight");
          }
          yield event;
        }
      },
    };
    const r = await runSweep(deps, { holder: "a", adapterFor: () => adapter });
    // Measured while it was enabled: the result stands, as a remote runner's would not.
    expect(r.counts).toMatchObject({ claimed: 1, measured: 1, refused: 0 });
    expect(await repos.metrics.count({ model_name: "basic~inflight1" })).toBe(1);
    expect((await repos.models.get({ provider: "groq", model_id: "basic~inflight1" }))?.enabled).toBe(false);
    const again = await runSweep(deps, { holder: "a", adapterFor: () => adapter });
    expect(again.counts).toMatchObject({ due: 0, claimed: 0 });
    expect(await requestsFor("inflight1")).toHaveLength(1);
  }, 60_000);

  it("a result that cannot be stored (the database went away) fails the pass with that error", async () => {
    const { deps, client } = await setup("sweep-store-fails", [
      { model_id: "basic~lost1" },
      { model_id: "basic~lost2" },
    ]);
    const real = createStreamAdapter("groq", deps.config);
    const adapter: StreamAdapter = {
      provider: real.provider,
      requestMode: (m) => real.requestMode(m),
      async *stream(request, ctx) {
        yield* real.stream(request, ctx);
        await client.close(true);
      },
    };
    // Runs are stored after their slot moves on; the failure must still reach the caller, not be lost.
    await expect(runSweep(deps, { holder: "a", adapterFor: () => adapter })).rejects.toThrow(
      /must be connected|closed/i,
    );
  }, 60_000);

  it("probe runs land only in probe_runs and count as no freshness", async () => {
    const { deps, repos } = await setup("sweep-probe", [
      { model_id: "basic~probe1", enabled: false, status: "probing" },
      { model_id: "fail-404~probe2", enabled: false, status: "probing" },
      { model_id: "basic~notcand", enabled: false },
    ]);
    const r = await runSweep(deps, { holder: "a" });
    expect(r.counts).toMatchObject({ due: 2, probed: 2, measured: 0, failed: 0 });
    const probes = await repos.probeRuns.since(new Date(0));
    expect(probes.map((p) => [p.model_id, p.ok, p.error_kind]).sort()).toEqual([
      ["basic~probe1", true, null],
      ["fail-404~probe2", false, "model_not_found"],
    ]);
    expect(await repos.metrics.count({})).toBe(0);
    expect(await repos.errors.count({})).toBe(0);
    expect(await repos.signals.statuses()).toEqual([]);
    expect(await requestsFor("notcand")).toEqual([]);
    // Within the probe window they are not due again.
    expect((await runSweep(deps, { holder: "a" })).counts.due).toBe(0);
  }, 60_000);

  it("records cost from usage and catalog price; an unknown price is null, never 0", async () => {
    const { deps, repos } = await setup("sweep-cost", [
      { model_id: "basic~priced", model_metadata: { price_per_million: { input: 1, output: 2 } } },
      { provider: "together", model_id: "basic~catalog" },
      { model_id: "basic~unpriced" },
    ]);
    await repos.providerCatalog.upsertManySeen(
      "together",
      [
        {
          modelId: "basic~catalog",
          name: "cat",
          raw: { id: "basic~catalog", type: "chat", pricing: { input: 0.5, output: 4 } },
        },
      ],
      new Date(),
    );
    const r = await runSweep(deps, { holder: "a" });
    expect(r.counts.measured).toBe(3);
    const byModel = new Map((await repos.metrics.find({})).map((m) => [m.model_name, m]));
    const priced = byModel.get("basic~priced")!;
    const input = priced["input_tokens"] as number;
    expect(input).toBeGreaterThan(0);
    expect(priced.cost_usd).toBeCloseTo((input * 1 + 64 * 2) / 1e6, 12);
    expect(priced).toMatchObject({ price_known: true, price_source: "model_metadata" });
    const catalog = byModel.get("basic~catalog")!;
    expect(catalog.cost_usd).toBeCloseTo(((catalog["input_tokens"] as number) * 0.5 + 64 * 4) / 1e6, 12);
    expect(catalog).toMatchObject({ price_known: true, price_source: "provider_catalog" });
    const unpriced = byModel.get("basic~unpriced")!;
    expect(unpriced.cost_usd).toBeNull();
    expect(unpriced.price_known).toBe(false);
    // The ledger: one benchmark entry per run; the unknown price is charged the flat estimate.
    const ledger = await repos.spend.recent("benchmark");
    expect(ledger).toHaveLength(3);
    expect(ledger.find((e) => e.model === "basic~unpriced")).toMatchObject({
      costUsd: 0.02,
      priceKnown: false,
    });
    expect(ledger.find((e) => e.model === "basic~priced")?.costUsd).toBeCloseTo(priced.cost_usd!, 12);
  }, 60_000);

  it("stops paid calls when the day's benchmark budget is exhausted", async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `basic~budget${i}`);
    const { deps, repos } = await setup(
      "sweep-budget",
      ids.map((model_id) => ({ model_id })),
      { BENCH_UNKNOWN_PRICE_USD: "0.01", BENCH_CONCURRENCY: "1" },
    );
    const { policy } = await repos.policies.current();
    await repos.policies.set(
      { ...policy, budgets: { ...policy.budgets, benchmark_usd_per_day: 0.025 } },
      ADMIN,
      new Date(),
    );
    const r = await runSweep(deps, { holder: "a" });
    expect(r.counts).toMatchObject({ measured: 2, skipped_budget: 3 });
    expect(await requestsFor("budget")).toHaveLength(2);
    expect(await repos.spend.spentToday("benchmark", new Date())).toBeCloseTo(0.02, 10);
    // The next pass sees the day's spend and calls only what still fits: nothing.
    const next = await runSweep(deps, { holder: "a" });
    expect(next.counts).toMatchObject({ measured: 0, skipped_budget: 3 });
    expect(await requestsFor("budget")).toHaveLength(2);
  }, 60_000);

  it("the kill switch stops every call", async () => {
    const { deps, repos } = await setup("sweep-kill", [{ model_id: "basic~kill1" }]);
    const { policy } = await repos.policies.current();
    await repos.policies.set({ ...policy, kill_switch: true }, ADMIN, new Date());
    const r = await runSweep(deps, { holder: "a" });
    expect(r.killSwitch).toBe(true);
    expect(r.counts.claimed).toBe(0);
    expect(await requestsFor("kill1")).toEqual([]);
  });
});
