import { describe, expect, it } from "vitest";
import type { AnyClaimDoc } from "../../src/storage/benchmark-claims-repository.js";
import {
  claimDueWork,
  recordRunResult,
  recordRunResultDetailed,
  type WorkItem,
} from "../../src/benchmark/schedule/index.js";
import { applyBatch } from "../../src/mutations/mutate.js";
import type { MetricDoc } from "../../src/storage/documents.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * Claims: derived at claim time, one insert per claim, shared by instances. Real database
 * (FerretDB in the suite, where conditional updates are not atomic: the claims must not use them).
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);

function metricFor(item: WorkItem, when: Date): MetricDoc {
  return {
    provider: item.provider,
    model_name: item.model_id,
    run_ts: when,
    gen_ts: when,
    requested_tokens: 64,
    output_tokens: 64,
    input_tokens: 40,
    generate_time: 1,
    tokens_per_second: 64,
    time_to_first_token: 0.2,
    times_between_tokens: [],
    sample_role: item.role,
  };
}

async function fleet(label: string, n: number, provider = "groq") {
  const t = await openTestDatabase(label);
  await t.repos.models.insertMany(
    Array.from({ length: n }, (_, i) => ({
      provider,
      model_id: `m${String(i).padStart(3, "0")}`,
      enabled: true,
      created_at: NOW,
    })),
  );
  return t;
}

describe("benchmark claims", () => {
  it("two concurrent claimers never claim the same model", async () => {
    const { repos, config, db } = await fleet("claims-race", 12);
    const claimers = ["a", "b", "c", "d"].map((holder) =>
      claimDueWork(repos, config, { limit: 12, now: NOW, holder }),
    );
    const results = await Promise.all(claimers);
    const all = results.flat();
    const models = all.map((w) => w.model_id);
    expect(new Set(models).size).toBe(models.length);
    expect(models.length).toBe(12);
    // Every claim is stored once, under its own key.
    const docs = await db.collection<AnyClaimDoc>("benchmark_claims").find({ kind: "claim" }).toArray();
    expect(docs.length).toBe(12);
    // A second round sees them all claimed.
    expect(await claimDueWork(repos, config, { limit: 12, now: at(1000), holder: "e" })).toEqual([]);
  });

  it("a crashed claim expires and is taken over under a fresh key; the late result is refused", async () => {
    const { repos, config, db } = await fleet("claims-expiry", 1);
    const [first] = await claimDueWork(repos, config, {
      limit: 5,
      now: NOW,
      holder: "crashed",
      leaseMs: 60_000,
    });
    expect(first).toBeDefined();
    expect(await claimDueWork(repos, config, { limit: 5, now: at(30_000), holder: "b" })).toEqual([]);
    const [second] = await claimDueWork(repos, config, { limit: 5, now: at(61_000), holder: "b" });
    expect(second?.model_id).toBe(first!.model_id);
    expect(second!.claim_id).not.toBe(first!.claim_id);

    // The crashed holder comes back late: its claim was taken over, nothing it sends is stored.
    const late = await recordRunResult(
      repos,
      config,
      first!,
      { ok: true, metric: metricFor(first!, at(62_000)) },
      at(62_000),
    );
    expect(late).toEqual({ refused: "claim_expired" });
    // Not stored, but the crashed holder may have made the call: taking the model over charged it
    // at its estimate (what the budget had reserved for it), once; the late result adds nothing.
    const charged = await repos.spend.forRun(first!.claim_id);
    expect(charged).toMatchObject([
      { model: first!.model_id, ok: false, costUsd: config.benchmark.unknownPriceUsd, priceKnown: false },
    ]);
    expect(charged[0]!.error).toMatch(
      /^no result: crashed held this claim from 2026-[\d-]+T[\d:.]+Z until it expired at .* without delivering one \(the process stopped mid-run\); charged at its estimate/,
    );
    const ok = await recordRunResult(
      repos,
      config,
      second!,
      { ok: true, metric: metricFor(second!, at(63_000)) },
      at(63_000),
    );
    expect(ok).toEqual({ stored: "metric", cost_usd: null });
    // Posting the same result twice stores it once.
    const again = await recordRunResult(
      repos,
      config,
      second!,
      { ok: true, metric: metricFor(second!, at(63_000)) },
      at(63_500),
    );
    expect(again).toEqual({ refused: "unknown_claim" });
    expect(await repos.metrics.count({ model_name: first!.model_id })).toBe(1);

    // The next session deletes the taken-over epoch and its done marker; the newest stays.
    await claimDueWork(repos, config, { limit: 5, now: at(64_000), holder: "c" });
    const left = await db.collection<AnyClaimDoc>("benchmark_claims").find({}).toArray();
    expect(left.map((d) => d._id).sort()).toEqual([second!.claim_id, `${second!.claim_id}/done`]);
  });

  it("a late result whose taken-over claim was pruned is charged once, however often it arrives", async () => {
    const { repos, config, db } = await fleet("claims-pruned", 1);
    const [first] = await claimDueWork(repos, config, {
      limit: 1,
      now: NOW,
      holder: "killed",
      leaseMs: 60_000,
    });
    const [second] = await claimDueWork(repos, config, { limit: 1, now: at(61_000), holder: "b" });
    await recordRunResult(
      repos,
      config,
      second!,
      { ok: true, metric: metricFor(second!, at(62_000)) },
      at(62_000),
    );
    // A later claim session deletes the taken-over epoch: the late holder's claim is gone.
    await claimDueWork(repos, config, { limit: 1, now: at(64_000), holder: "c" });
    expect(await repos.benchmarkClaims.get(first!.claim_id)).toBeNull();

    const late = { ok: true as const, metric: metricFor(first!, at(30_000)) };
    // Taking the model over charged the abandoned claim at its estimate; a ledger that has no such
    // charge (a takeover by an older version) is charged by the late result instead, once.
    const taken = await repos.spend.forRun(first!.claim_id);
    expect(taken).toMatchObject([{ ok: false, costUsd: config.benchmark.unknownPriceUsd }]);
    expect(await recordRunResultDetailed(repos, config, first!, late, at(65_000))).toEqual({
      outcome: { refused: "claim_expired" },
      ledgerUsd: 0,
    });
    await db.collection("operator_spend").deleteMany({ run_id: first!.claim_id });
    const once = await recordRunResultDetailed(repos, config, first!, late, at(65_500));
    expect(once).toEqual({
      outcome: { refused: "claim_expired" },
      ledgerUsd: config.benchmark.unknownPriceUsd,
    });
    // Delivered again (its answer was lost): refused again, charged nothing more.
    const again = await recordRunResultDetailed(repos, config, first!, late, at(66_000));
    expect(again).toEqual({ outcome: { refused: "claim_expired" }, ledgerUsd: 0 });
    expect(await repos.spend.forRun(first!.claim_id)).toMatchObject([
      { model: first!.model_id, ok: true, costUsd: config.benchmark.unknownPriceUsd },
    ]);
    // A claim id no claim of the model had (past the newest epoch) charges nothing.
    const made = { ...first!, claim_id: `${first!.provider}:${first!.model_id}@99` };
    await recordRunResultDetailed(repos, config, made, late, at(67_000));
    expect(await repos.spend.forRun(made.claim_id)).toEqual([]);
    expect(await repos.metrics.count({ model_name: first!.model_id })).toBe(1);
  });

  it("an expired claim's result is stored when nobody took the model over, and only once", async () => {
    const { repos, config } = await fleet("claims-expired", 1);
    const [item] = await claimDueWork(repos, config, { limit: 1, now: NOW, holder: "slow", leaseMs: 1000 });
    // A remote runner delivering from its spool long after its lease: nobody claimed the model since.
    const out = await recordRunResult(
      repos,
      config,
      item!,
      { ok: true, metric: metricFor(item!, at(5000)) },
      at(3_600_000),
    );
    expect(out).toEqual({ stored: "metric", cost_usd: null });
    expect(await repos.metrics.count({})).toBe(1);
    const again = await recordRunResult(
      repos,
      config,
      item!,
      { ok: true, metric: metricFor(item!, at(5000)) },
      at(3_600_500),
    );
    expect(again).toEqual({ refused: "unknown_claim" });
    expect(await repos.metrics.count({})).toBe(1);
    // The late result took the next epoch and finished it: the model is claimable again.
    const [next] = await claimDueWork(repos, config, {
      limit: 1,
      now: at(3_600_000 + 7 * 86_400_000),
      holder: "b",
    });
    expect(next?.model_id).toBe(item!.model_id);
    expect(next?.claim_id).not.toBe(item!.claim_id);
  });

  it("a disabled model is never claimed and a re-enabled one resumes with no other step", async () => {
    const { repos, config } = await fleet("claims-disable", 2);
    await applyBatch(
      repos,
      {
        actor: "test",
        reason: "t",
        changes: [{ provider: "groq", model_id: "m000", set: { enabled: false } }],
      },
      NOW,
    );
    const items = await claimDueWork(repos, config, { limit: 10, now: NOW, holder: "a" });
    expect(items.map((i) => i.model_id)).toEqual(["m001"]);
    await applyBatch(
      repos,
      {
        actor: "test",
        reason: "t",
        changes: [{ provider: "groq", model_id: "m000", set: { enabled: true } }],
      },
      at(1000),
    );
    const resumed = await claimDueWork(repos, config, { limit: 10, now: at(2000), holder: "a" });
    expect(resumed.map((i) => i.model_id)).toEqual(["m000"]);
  });

  it("a result for a model disabled after its claim is refused and nothing is published", async () => {
    const { repos, config } = await fleet("claims-refuse", 1);
    const [item] = await claimDueWork(repos, config, { limit: 1, now: NOW, holder: "a" });
    await applyBatch(
      repos,
      {
        actor: "test",
        reason: "t",
        changes: [{ provider: "groq", model_id: "m000", set: { enabled: false } }],
      },
      at(10),
    );
    const out = await recordRunResult(
      repos,
      config,
      item!,
      { ok: true, metric: metricFor(item!, at(20)) },
      at(20),
    );
    expect(out).toEqual({ refused: "model_disabled" });
    expect(await repos.metrics.count({})).toBe(0);
    expect(await repos.signals.statuses()).toEqual([]);
  });

  it("the kill switch stops every claim", async () => {
    const { repos, config } = await fleet("claims-kill", 3);
    const { policy } = await repos.policies.current();
    await repos.policies.set(
      { ...policy, kill_switch: true },
      { kind: "human", name: "t", role: "admin" },
      NOW,
    );
    expect(await claimDueWork(repos, config, { limit: 10, now: NOW, holder: "a" })).toEqual([]);
  });
});
