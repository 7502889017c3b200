import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { noWorkForDisabledModels } from "../../src/invariants/checks/no-work-for-disabled-models.js";
import { runJobNow } from "../../src/jobs/run-now.js";
import { productionServices } from "../../src/jobs/wiring.js";
import { silentLogger } from "../../src/logger.js";
import { defaultPolicy } from "../../src/policy/policy.js";
import { principalFor } from "../../src/policy/principal.js";
import type { ModelDoc } from "../../src/storage/documents.js";
import type { ProbeRunDoc } from "../../src/storage/probe-runs-repository.js";
import type { SpendDoc } from "../../src/storage/spend-repository.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startFakeProviders, type FakeProviders } from "../helpers/fake-providers/client.js";

/**
 * Issue 17 item 7: the recovery-probes job on its production path (the wiring the scheduler
 * gets, the real claim, measurement and recording), with the provider a fake server over real
 * HTTP. A disabled model's recheck is a probe: `probe_runs` and the spend ledger, nothing in the
 * published collections, the invariant quiet; with the budget spent, no call at all.
 */
let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake?.stop();
});

const HOUR = 3_600_000;

async function setup(label: string): Promise<TestDatabase & { deps: Deps }> {
  const t = await openTestDatabase(label, { BENCH_PROFILE: "story-64-v1", BENCH_UNKNOWN_PRICE_USD: "0.01" });
  const config = { ...t.config, providers: fake.config.providers };
  return { ...t, deps: { config, logger: silentLogger, repos: t.repos, clock: () => new Date() } };
}

function disabled(model_id: string, recheckAgoMs: number): ModelDoc {
  const now = Date.now();
  return {
    provider: "groq",
    model_id,
    enabled: false,
    created_at: new Date(now - 60 * 24 * HOUR),
    disabled_at: new Date(now - 48 * HOUR),
    disabled_class: "hard_model",
    disabled_reason: "404 for two days",
    recheck_after: new Date(now - recheckAgoMs),
  };
}

const probe = (deps: Deps) => runJobNow(deps, "recovery-probes", { services: productionServices(deps) });

describe("recovery probes on the production path", () => {
  it("store a disabled model's recheck in probe_runs and the spend ledger, never in the published collections", async () => {
    const t = await setup("recovery-prod");
    await t.repos.models.insertMany([
      disabled("basic~rp-back", HOUR),
      disabled("fail-404~rp-gone", 2 * HOUR),
    ]);
    const run = await probe(t.deps);
    expect(run.outcome).toBe("ok");
    expect(run.counts).toMatchObject({
      probed: 2,
      ok: 1,
      failed: 1,
      not_run: 0,
      enable_proposed: 1,
      rechecks_moved: 2,
    });
    expect(
      (await fake.log())
        .filter((e) => e.key?.startsWith("rp-"))
        .map((e) => e.model)
        .sort(),
    ).toEqual(["basic~rp-back", "fail-404~rp-gone"]);

    const probes = await t.db.collection<ProbeRunDoc>("probe_runs").find().sort({ model_id: 1 }).toArray();
    expect(probes.map((p) => [p.model_id, p.purpose, p.ok, p.error_kind])).toEqual([
      ["basic~rp-back", "recheck", true, null],
      ["fail-404~rp-gone", "recheck", false, "model_not_found"],
    ]);
    expect(await t.db.collection(t.config.collections.metrics).countDocuments()).toBe(0);
    expect(await t.db.collection(t.config.collections.errors).countDocuments()).toBe(0);
    const ledger = await t.db.collection<SpendDoc>("operator_spend").find().sort({ model: 1 }).toArray();
    expect(ledger.map((e) => [e.category, e.purpose, e.model, e.ok])).toEqual([
      ["benchmark", "benchmark_probe", "basic~rp-back", true],
      ["benchmark", "benchmark_probe", "fail-404~rp-gone", false],
    ]);
    // A success costs the flat unknown-price charge; a refused request before any output, nothing.
    expect(ledger.map((e) => e.cost_usd)).toEqual([0.01, 0]);
    expect(run.cost_usd).toBeCloseTo(0.01, 10);

    const check = await noWorkForDisabledModels.evaluate({
      deps: t.deps,
      now: new Date(),
      snapshot: () => Promise.reject(new Error("not needed")),
    });
    expect(check).toMatchObject({ status: "pass", summary: "no work for 2 disabled model(s)" });
    const back = await t.repos.models.get({ provider: "groq", model_id: "basic~rp-back" });
    expect(back?.enabled).toBe(false);
    expect(back?.recheck_after?.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * HOUR);
    await t.client.close();
  }, 60_000);

  it("make no call when the day's benchmark budget cannot cover one, and leave the recheck date", async () => {
    const t = await setup("recovery-budget");
    const model = disabled("basic~rp-broke", HOUR);
    await t.repos.models.insertMany([model]);
    await t.repos.policies.set(
      { ...defaultPolicy(), budgets: { benchmark_usd_per_day: 0.005 } },
      principalFor("alice", "admin"),
      new Date(),
    );
    const run = await probe(t.deps);
    expect(run.counts).toMatchObject({ probed: 0, not_run: 1, rechecks_moved: 0 });
    expect(run.summary).toMatch(
      /not run: groq:basic~rp-broke: budget \(the day's benchmark budget cannot cover it/,
    );
    expect(await fake.log("rp-broke")).toEqual([]);
    expect(await t.db.collection("probe_runs").countDocuments()).toBe(0);
    expect(await t.db.collection("operator_spend").countDocuments()).toBe(0);
    const after = await t.repos.models.get({ provider: "groq", model_id: "basic~rp-broke" });
    expect(after?.recheck_after).toEqual(model.recheck_after);
    await t.client.close();
  }, 60_000);
});
