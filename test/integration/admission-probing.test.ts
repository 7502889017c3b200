import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderCatalogDoc } from "../../src/storage/documents.js";
import { admissionService, runAdmissionPass } from "../../src/admission/service.js";
import { approve } from "../../src/decisions/service.js";
import type { Deps } from "../../src/deps.js";
import { discoverProvider } from "../../src/catalog/discovery/run.js";
import { selectTargets } from "../../src/jobs/recovery-probes.js";
import { silentLogger } from "../../src/logger.js";
import { revertBatch } from "../../src/mutations/revert.js";
import { defaultPolicy } from "../../src/policy/policy.js";
import { principalFor } from "../../src/policy/principal.js";
import { cerebrasCatalogReader } from "../../src/catalog/readers/cerebras.js";
import { groqCatalogReader } from "../../src/catalog/readers/groq.js";
import type { ModelDoc } from "../../src/storage/documents.js";
import type { ErrorKind } from "../../src/taxonomy/kinds.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  FAKE_API_KEY,
  startFakeCatalogServer,
  type FakeCatalogServer,
} from "../helpers/fake-catalog-server.js";

const H = 3_600_000;
const DAY = 24 * H;
const T0 = new Date("2026-06-10T00:00:00Z");
const at = (hours: number): Date => new Date(T0.getTime() + hours * H);
const operator = principalFor("alice", "operator");
const agent = principalFor("triage-bot", "agent");

let t: TestDatabase;
let server: FakeCatalogServer;
beforeAll(async () => {
  t = await openTestDatabase("admission_probing");
  server = await startFakeCatalogServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  for (const c of [
    "models",
    "probe_runs",
    "decisions",
    "mutation_batches",
    "discovery_runs",
    "provider_catalog",
    "openrouter_catalog",
    "policies",
    "claims",
    "admission_passes",
  ])
    await t.db.collection(c).deleteMany({});
});

function deps(now: Date, admission: Partial<Deps["config"]["admission"]> = {}): Deps {
  return {
    config: { ...t.config, admission: { ...t.config.admission, ...admission } },
    logger: silentLogger,
    repos: t.repos,
    clock: () => now,
  };
}

function pass(now: Date, admission: Partial<Deps["config"]["admission"]> = {}) {
  return runAdmissionPass(deps(now, admission), { runId: `run-${now.toISOString()}`, chain: [] });
}

function candidate(model_id: string, startedAt = T0, provider = "openai"): ModelDoc {
  return {
    provider,
    model_id,
    enabled: false,
    status: "probing",
    created_at: startedAt,
    admission_started_at: startedAt,
  };
}

async function probe(model_id: string, hours: number, kind: ErrorKind | null = null, provider = "openai") {
  await t.repos.probeRuns.record({
    provider,
    model_id,
    ts: at(hours),
    purpose: "admission",
    ok: kind === null,
    error_kind: kind,
    message: kind === null ? null : `probe failed: ${kind}`,
    metric: null,
    cost_usd: null,
    runner: "test",
  });
}

const model = (model_id: string, provider = "openai") => t.repos.models.get({ provider, model_id });

describe("admission by probing", () => {
  it("registers new benchmarkable catalog models as probing candidates, capped per pass, in revertible batches", async () => {
    const cerebras = cerebrasCatalogReader({ apiKey: FAKE_API_KEY, baseUrl: server.baseUrl("cerebras") });
    const groq = groqCatalogReader({ apiKey: FAKE_API_KEY, baseUrl: server.baseUrl("groq") });
    await discoverProvider(t.repos, cerebras, { clock: () => at(0) });
    await discoverProvider(t.repos, groq, { clock: () => at(0) });
    await t.repos.models.insertMany([
      { provider: "cerebras", model_id: "llama-3.3-70b", enabled: true },
      // Another spelling of a listed id is the same model: not a candidate.
      { provider: "groq", model_id: "LLAMA-3.1-8B-INSTANT", enabled: true },
    ]);

    const first = await pass(at(1), { maxPerPass: 6 });
    expect(first.newCandidates).toHaveLength(6);
    expect(first.counts["candidates_deferred"]).toBeGreaterThan(0);
    const added = await t.repos.models.find({ status: "probing" });
    expect(added).toHaveLength(6);
    for (const m of added) {
      expect(m).toMatchObject({ enabled: false, status: "probing", source: "provider_catalog" });
      expect(m.admission_started_at?.toISOString()).toBe(at(1).toISOString());
    }
    const batch = await t.repos.mutations.get(first.batches[0]!);
    expect(batch).toMatchObject({ actor: "job:admission", status: "applied", applied_count: 6 });

    // Later passes take the rest; moderation models (guards) never become candidates.
    let all = first.newCandidates.length;
    for (let i = 2; i < 10; i++) {
      const next = await pass(at(i), { maxPerPass: 6 });
      all += next.newCandidates.length;
      if (next.newCandidates.length === 0) break;
    }
    const probing = await t.repos.models.find({ status: "probing" });
    expect(probing).toHaveLength(all);
    expect(probing.map((m) => m.model_id).filter((id) => /guard/.test(id))).toEqual([]);
    expect(probing.map((m) => m.model_id)).not.toContain("llama-3.3-70b");
    expect(probing.some((m) => m.model_id === "llama-3.1-8b-instant")).toBe(false);
    // Every cerebras model not in the fleet is there (8 of 9); groq is capped per provider per pass only.
    expect(probing.filter((m) => m.provider === "cerebras")).toHaveLength(8);

    // Reverting the first batch removes exactly its candidates.
    await revertBatch(t.repos, batch!._id, "alice", at(20));
    expect(await t.repos.models.count({ status: "probing" })).toBe(all - 6);
  });

  it("two successes in the same window do not promote; in separate windows they propose a promotion a human must approve", async () => {
    await t.repos.models.insertMany([candidate("cand-a")]);
    await probe("cand-a", 1);
    await probe("cand-a", 2);
    const same = await pass(at(3));
    expect(same.promotions).toEqual([]);
    expect(same.counts["waiting_for_probes"]).toBe(1);

    await probe("cand-a", 8);
    const sep = await pass(at(9));
    expect(sep.promotions).toEqual([
      expect.objectContaining({ provider: "openai", model_id: "cand-a", status: "pending" }),
    ]);
    const id = sep.promotions[0]!.decision_id!;
    const decision = await t.repos.decisions.get(id);
    expect(decision).toMatchObject({ action: "promote", status: "pending" });
    expect(decision?.policy_verdict.reasons.join(" ")).toMatch(/authority-gated/);
    expect((await model("cand-a"))?.enabled).toBe(false);

    // Not proposed again while it is open.
    const again = await pass(at(10));
    expect(again.promotions).toEqual([]);
    expect(again.counts["awaiting_approval"]).toBe(1);
    expect(await t.repos.decisions.count({ action: "promote" })).toBe(1);

    // An agent cannot approve it; a human operator can.
    await expect(approve(t.repos, id, agent, at(11), "mcp")).rejects.toThrow(/authority-gated/);
    expect((await model("cand-a"))?.enabled).toBe(false);
    const done = await approve(t.repos, id, operator, at(11));
    expect(done.decision.status).toBe("executed");
    const promoted = await model("cand-a");
    expect(promoted).toMatchObject({ enabled: true, status: "probation" });
    expect(promoted?.promoted_at?.toISOString()).toBe(at(11).toISOString());

    // Reverting the promotion puts the candidate back to probing, disabled.
    await revertBatch(t.repos, done.batch!._id, "alice", at(12));
    expect(await model("cand-a")).toMatchObject({ enabled: false, status: "probing" });
  });

  it("the policy can allow automatic promotion within a daily count and a price bound", async () => {
    await t.repos.policies.set(
      { ...defaultPolicy(), auto_promote: { enabled: true, max_per_day: 1, max_output_usd_per_million: 1 } },
      operator,
      T0,
    );
    await t.repos.models.insertMany([
      candidate("cheap-a", T0, "together"),
      candidate("cheap-b", T0, "together"),
      candidate("pricey", T0, "together"),
      candidate("unpriced", T0, "together"),
    ]);
    const row = (id: string, output?: number) => ({
      provider: "together",
      model_id: id,
      name: id,
      first_seen_at: T0,
      last_seen_at: T0,
      raw: { id, type: "chat", ...(output === undefined ? {} : { pricing: { input: 0.1, output } }) },
    });
    await t.db
      .collection<ProviderCatalogDoc>("provider_catalog")
      .insertMany([row("cheap-a", 0.5), row("cheap-b", 0.6), row("pricey", 15), row("unpriced")]);
    for (const id of ["cheap-a", "cheap-b", "pricey", "unpriced"]) {
      await probe(id, 1, null, "together");
      await probe(id, 8, null, "together");
    }
    const r = await pass(at(9));
    const status = Object.fromEntries(r.promotions.map((p) => [p.model_id, p.status]));
    // One automatic promotion per day: the first cheap one runs, the second waits for a human.
    expect(status).toEqual({
      "cheap-a": "executed",
      "cheap-b": "pending",
      pricey: "pending",
      unpriced: "pending",
    });
    expect(await model("cheap-a", "together")).toMatchObject({ enabled: true, status: "probation" });
    expect((await model("pricey", "together"))?.enabled).toBe(false);
    const pricey = await t.repos.decisions.get(
      r.promotions.find((p) => p.model_id === "pricey")!.decision_id!,
    );
    expect(pricey?.policy_verdict.reasons.join(" ")).toMatch(/over the automatic bound/);
  });

  it("two definitive failures or the deadline reject with a recheck date that a later pass acts on", async () => {
    await t.repos.models.insertMany([candidate("gone"), candidate("slow"), candidate("flaky")]);
    await probe("gone", 1, "model_not_found");
    await probe("gone", 2, "auth");
    await probe("slow", 1, "timeout");
    await probe("slow", 30, "rate_limit");
    await probe("flaky", 1, "model_not_found");
    await probe("flaky", 2, "server_error");

    const r = await pass(at(24));
    expect(r.rejections.map((x) => [x.model_id, x.kind])).toEqual([["gone", "definitive"]]);
    const gone = await model("gone");
    expect(gone).toMatchObject({ enabled: false, status: "rejected", disabled_class: "admission_rejected" });
    expect(gone?.recheck_after?.toISOString()).toBe(new Date(at(24).getTime() + 30 * DAY).toISOString());

    // The deadline (72 h) rejects the one that never succeeded; one definitive failure is not two.
    const late = await pass(at(73));
    expect(late.rejections.map((x) => [x.model_id, x.kind]).sort()).toEqual([
      ["flaky", "deadline"],
      ["slow", "deadline"],
    ]);

    // Before the date nothing happens; recovery probes leave admission's candidates alone.
    expect((await pass(at(24 + 29 * 24))).rechecks).toEqual([]);
    const due = at(24 + 30 * 24 + 1);
    expect((await selectTargets(t.repos, due)).map((x) => x.model_id)).toEqual([]);
    const back = await pass(due);
    expect(back.rechecks).toEqual([{ provider: "openai", model_id: "gone" }]);
    const again = await model("gone");
    expect(again).toMatchObject({
      enabled: false,
      status: "probing",
      recheck_after: null,
      disabled_class: null,
    });
    expect(again?.admission_started_at?.toISOString()).toBe(due.toISOString());
    // Its old failures do not count against the new probing.
    expect((await pass(new Date(due.getTime() + H))).rejections).toEqual([]);
  });

  it("a case-variant spelling of an enabled model is rejected as a duplicate without blocking another promotion", async () => {
    await t.repos.models.insertMany([
      { provider: "openai", model_id: "GPT-X", enabled: true },
      candidate("gpt-x"),
      candidate("cand-b"),
    ]);
    for (const id of ["gpt-x", "cand-b"]) {
      await probe(id, 1);
      await probe(id, 8);
    }
    const r = await pass(at(9), { maxPerPass: 1 });
    expect(r.rejections).toEqual([
      expect.objectContaining({ model_id: "gpt-x", kind: "duplicate_spelling" }),
    ]);
    expect(r.promotions.map((p) => [p.model_id, p.status])).toEqual([["cand-b", "pending"]]);
    expect(await model("gpt-x")).toMatchObject({
      status: "rejected",
      disabled_class: "duplicate_spelling",
      recheck_after: null,
    });
  });

  it("a dry run and the kill switch write nothing", async () => {
    await t.repos.models.insertMany([candidate("cand-c")]);
    await probe("cand-c", 1);
    await probe("cand-c", 8);
    const dry = await runAdmissionPass(deps(at(9)), { runId: "dry", chain: [], dryRun: true });
    expect(dry.promotions.map((p) => p.status)).toEqual(["would propose"]);
    await t.repos.policies.set({ ...defaultPolicy(), kill_switch: true }, operator, T0);
    const killed = await pass(at(9));
    expect(killed.killSwitch).toBe(true);
    expect(killed.summary).toMatch(/kill switch/);
    expect(await t.repos.decisions.count({})).toBe(0);
    expect(await t.db.collection("mutation_batches").countDocuments({})).toBe(0);
  });

  it("admissionService runs one pass as the admission-retirement job's runner", async () => {
    await t.repos.models.insertMany([candidate("cand-j")]);
    await probe("cand-j", 1);
    await probe("cand-j", 8);
    let leaseChecks = 0;
    const d = deps(at(9));
    const result = await admissionService(d)(
      {
        runId: "job-run-1",
        tick: at(9),
        instanceId: "test",
        signal: new AbortController().signal,
        assertLease: () => {
          leaseChecks++;
          return Promise.resolve();
        },
        logger: silentLogger,
      },
      [],
    );
    expect(result.counts).toMatchObject({ promotions_proposed: 1, promotions_pending: 1 });
    expect(result.summary).toMatch(/1 promotion\(s\) \(1 pending approval\)/);
    expect(leaseChecks).toBeGreaterThan(0);
  });
});
