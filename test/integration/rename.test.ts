import { describe, expect, it } from "vitest";
import { planDueWork } from "../../src/benchmark/schedule/due.js";
import { approve, proposeRename, revertAs } from "../../src/decisions/service.js";
import { applyBatch } from "../../src/mutations/mutate.js";
import { recoverBatches } from "../../src/mutations/recover.js";
import { silentLogger } from "../../src/logger.js";
import type { ModelProposal } from "../../src/operator/expand.js";
import { withRenames } from "../../src/operator/renames.js";
import { runOperator } from "../../src/operator/run.js";
import type { Situation } from "../../src/operator/types.js";
import { principalFor } from "../../src/policy/principal.js";
import { getModelSignals } from "../../src/signals/read.js";
import { recordError, recordSuccess } from "../../src/signals/record.js";
import type { MetricDoc } from "../../src/storage/documents.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * Issue 17 item 1: a model whose id is gone and whose provider's complete catalog read lists one
 * clear successor gets a rename proposal; executing it moves the row (same `_id`, new id, the old
 * one's history linked), the batch records it, and its revert puts the old id back exactly.
 */
const H = 3_600_000;
const NOW = new Date("2026-11-20T12:00:00Z");
const at = (hoursAgo: number): Date => new Date(NOW.getTime() - hoursAgo * H);
const OLD = "accounts/fireworks/models/deepseek-v3";
const NEW = "accounts/fireworks/models/deepseek-v3-0324";
const OTHER = "accounts/fireworks/models/deepseek-r1";
const alice = principalFor("alice", "operator");

function metric(model: string, ts: Date): MetricDoc {
  return {
    provider: "fireworks",
    model_name: model,
    run_ts: ts,
    gen_ts: ts,
    requested_tokens: 64,
    output_tokens: 64,
    generate_time: 0.8,
    tokens_per_second: 80,
    time_to_first_token: 0.4,
    times_between_tokens: [0.01],
  };
}

/** OLD succeeded 100 h ago and has failed with 404 model_not_found every 6 h since; OTHER is fine. */
async function setup(label: string, listed: string[] | null): Promise<TestDatabase> {
  const t = await openTestDatabase(label, { FIREWORKS_API_KEY: "fw-test-key-000000" });
  await t.repos.models.insertMany([
    {
      provider: "fireworks",
      model_id: OLD,
      enabled: true,
      created_at: at(2_000),
      display_name: "DeepSeek V3",
    },
    { provider: "fireworks", model_id: OTHER, enabled: true, created_at: at(2_000) },
  ]);
  await recordSuccess(t.repos, metric(OLD, at(100)), at(100));
  for (let h = 96; h >= 0; h -= 6) {
    const message = `Error code: 404 - {'error': {'object': 'error', 'type': 'invalid_request_error', 'message': 'The model \`${OLD}\` does not exist.'}}`;
    await recordError(
      t.repos,
      { provider: "fireworks", model_name: OLD, ts: at(h), stage: "generate", message, http_status: 404 },
      at(h),
    );
  }
  await recordSuccess(t.repos, metric(OTHER, at(1)), at(1));
  if (listed)
    await t.repos.discoveryRuns.insert({
      provider: "fireworks",
      started_at: at(2),
      finished_at: at(2),
      complete: true,
      pages: 1,
      raw_count: listed.length,
      accepted_count: listed.length,
      new_count: 0,
      error: null,
      model_ids: listed,
      prices: [],
    });
  return t;
}

const operatorRun = (t: TestDatabase) =>
  runOperator({ repos: t.repos, config: t.config, logger: silentLogger, chain: [] }, { now: NOW });

describe("rename as one decision", () => {
  it("proposes the clear successor, executes it as a move, and the revert restores the old id exactly", async () => {
    const t = await setup("rename-flow", [NEW, OTHER, "accounts/fireworks/models/llama-v3p1-8b-instruct"]);
    const before = await t.db.collection("models").findOne({ provider: "fireworks", model_id: OLD });

    await operatorRun(t);
    const [d, ...others] = await t.repos.decisions.find({ action: ["rename", "disable", "deprecate"] });
    expect(others).toEqual([]);
    expect(d).toMatchObject({
      action: "rename",
      status: "pending", // authority-gated: the system proposes, a human approves
      targets: [{ provider: "fireworks", model_id: OLD }],
      evidence: {
        kind: "model_not_found",
        rename_to: NEW,
        successor: { from: OLD, to: NEW, rule: "suffix_added", listing: { model_count: 3 } },
      },
      policy_verdict: { outcome: "needs_approval" },
    });
    expect(d!.reasoning).toContain(`lists ${NEW}`);

    const done = await approve(t.repos, d!._id, alice, NOW, "cli");
    expect(done.decision.status).toBe("executed");
    const batch = done.batch!;
    expect(batch).toMatchObject({ status: "applied", decision_ids: [d!._id] });
    expect(batch.changes).toEqual([
      expect.objectContaining({
        model_id: OLD,
        rename_to: NEW,
        status: "applied",
        after: expect.objectContaining({ renamed_from: OLD, enabled: true, mutation_batch_id: batch._id }),
      }),
    ]);
    const moved = await t.db.collection("models").findOne({ provider: "fireworks", model_id: NEW });
    expect(moved).toMatchObject({ _id: before!["_id"], renamed_from: OLD, display_name: "DeepSeek V3" });
    expect(await t.repos.models.get({ provider: "fireworks", model_id: OLD })).toBeNull();

    // The next sweep measures the new id and not the old one.
    const plan = await planDueWork(t.repos, t.config, { provider: "fireworks", now: NOW });
    const planned = [...plan.candidates, ...plan.skipped].map((c) => c.model_id);
    expect(plan.candidates.map((c) => c.model_id)).toContain(NEW);
    expect(planned).not.toContain(OLD);

    // The new id's signals point at the old id's history.
    const signals = await getModelSignals(t.repos, "fireworks", NEW, NOW);
    expect(signals?.renamedFrom).toMatchObject({
      model_id: OLD,
      successes_total: 1,
      last_error_kind: "model_not_found",
    });

    const old = await getModelSignals(t.repos, "fireworks", OLD, NOW);
    expect(old).toMatchObject({ catalog: { inCatalog: false }, renamedTo: { model_id: NEW } });

    const { revert } = await revertAs(t.repos, batch._id, alice, NOW);
    expect(revert).toMatchObject({ status: "applied", revert_of: batch._id });
    expect(revert.changes[0]).toMatchObject({ model_id: NEW, rename_to: OLD, status: "applied" });
    expect(await t.repos.models.get({ provider: "fireworks", model_id: NEW })).toBeNull();
    const restored = await t.db.collection("models").findOne({ provider: "fireworks", model_id: OLD });
    expect(restored).toEqual(before);
  });

  it("without a successor, or with two, proposes the disable as before and says why", async () => {
    for (const [label, listed, outcome] of [
      ["rename-none", [OTHER], "none"],
      ["rename-ambiguous", [OTHER, NEW, "accounts/fireworks/models/deepseek-v3-1226"], "ambiguous"],
      ["rename-still-listed", [OTHER, OLD, NEW], "none"],
    ] as const) {
      const t = await setup(label, [...listed]);
      await operatorRun(t);
      const decisions = await t.repos.decisions.find({ action: ["rename", "disable", "deprecate"] });
      expect(
        decisions.map((d) => d.action),
        label,
      ).toEqual(["disable"]);
      expect(decisions[0]!.evidence["successor"], label).toMatchObject({ outcome });
      expect(await t.repos.models.get({ provider: "fireworks", model_id: NEW })).toBeNull();
    }
    // No complete read at all: no evidence of absence, no rename.
    const t = await setup("rename-no-read", null);
    await operatorRun(t);
    const decisions = await t.repos.decisions.find({ action: ["rename", "disable", "deprecate"] });
    expect(decisions.map((d) => [d.action, (d.evidence["successor"] as { reason: string }).reason])).toEqual([
      ["disable", "no complete catalog read of fireworks"],
    ]);
  });

  it("refuses a rename to an id already in the fleet, at proposal and at execution", async () => {
    const t = await setup("rename-taken", [NEW, OTHER]);
    const req = { provider: "fireworks", from: OLD, to: OTHER, reason: "the provider renamed it" };
    await expect(proposeRename(t.repos, alice, req, NOW)).rejects.toThrow(
      `fireworks:${OTHER} is already in the fleet: a rename cannot merge two models`,
    );
    await expect(proposeRename(t.repos, alice, { ...req, from: "nope" }, NOW)).rejects.toThrow(
      /not in the fleet/,
    );
    expect(await t.repos.decisions.find({})).toEqual([]);

    // Proposed while free, taken before approval: the execution fails cleanly, nothing moves.
    const agent = principalFor("triage-bot", "agent");
    const { decision } = await proposeRename(t.repos, agent, { ...req, to: NEW }, NOW);
    expect(decision).toMatchObject({
      status: "pending",
      evidence: { rename_to: NEW, successor: { to: NEW, agrees: true } },
    });
    await t.repos.models.insertMany([{ provider: "fireworks", model_id: NEW, enabled: false }]);
    const done = await approve(t.repos, decision._id, alice, NOW, "cli");
    expect(done.decision.status).toBe("failed");
    expect(done.batch?.changes[0]?.error).toBe(`fireworks:${NEW} is already in the fleet`);
    expect(await t.repos.models.get({ provider: "fireworks", model_id: OLD })).toMatchObject({
      enabled: true,
    });
  });

  it("a human's rename executes at once and is one audited batch", async () => {
    const t = await setup("rename-human", [NEW, OTHER]);
    const out = await proposeRename(
      t.repos,
      alice,
      { provider: "fireworks", from: OLD, to: NEW, reason: "Fireworks serves it as deepseek-v3-0324" },
      NOW,
    );
    expect(out.decision).toMatchObject({ action: "rename", status: "executed", approved_by: "alice" });
    expect(out.batch).toMatchObject({ actor: "alice", status: "applied" });
    expect(await t.repos.models.get({ provider: "fireworks", model_id: NEW })).toMatchObject({
      enabled: true,
      renamed_from: OLD,
    });
  });

  it("a crash after the move lands is recognised by recovery (applied, not redone) and still reverts", async () => {
    const t = await setup("rename-crash", [NEW, OTHER]);
    const before = await t.db.collection("models").findOne({ provider: "fireworks", model_id: OLD });
    const req = {
      actor: "alice",
      reason: "rename",
      changes: [{ provider: "fireworks", model_id: OLD, renameTo: NEW, set: { renamed_from: OLD } }],
    };
    await expect(
      applyBatch(t.repos, req, NOW, {
        afterChange: () => {
          throw new Error("simulated crash");
        },
      }),
    ).rejects.toThrow("simulated crash");
    const [left] = await t.repos.mutations.list();
    expect(left?.status).toBe("applying");
    // The change's status was written before the crash hook; recovery must not re-run the move.
    await t.db
      .collection("mutation_batches")
      .updateOne({ _id: left!._id as never }, { $set: { "changes.0.status": "pending" } });
    const { finished } = await recoverBatches(t.repos, NOW);
    expect(finished.map((b) => [b._id, b.status, b.changes[0]?.status])).toEqual([
      [left!._id, "applied", "applied"],
    ]);
    expect(await t.repos.models.get({ provider: "fireworks", model_id: NEW })).toMatchObject({
      renamed_from: OLD,
    });

    await revertAs(t.repos, left!._id, alice, NOW);
    expect(await t.db.collection("models").findOne({ provider: "fireworks", model_id: OLD })).toEqual(before);
  });

  it("the LLM's rename is only a suggestion: the catalog evidence decides, else it is a disable", async () => {
    const t = await setup("rename-llm", [NEW, "accounts/fireworks/models/deepseek-v3-1226", OTHER]);
    const situation = (kind: Situation["kind"]): Situation => ({
      id: `sit_${kind}`,
      provider: "fireworks",
      kind,
      fingerprint: "fp",
      classified: null,
      modelIds: [OLD],
      modelCount: 1,
      startedAt: at(96),
      lastSeenAt: NOW,
      sampleMessages: [],
      providerHasHealthyModels: true,
      suggestion: { situationId: `sit_${kind}`, action: "disable", confidence: 0.9, reasoning: "gone" },
      evidenceDigest: "d",
    });
    const llm = (kind: Situation["kind"]): ModelProposal => ({
      provider: "fireworks",
      model_id: OLD,
      situation: situation(kind),
      action: "rename",
      confidence: 0.9,
      reasoning: "the provider renamed it",
      source: "llm",
    });
    // Two candidates in the listing: ambiguous, so the LLM's rename becomes the disable.
    const [ambiguous] = await withRenames(t.repos, [llm("model_not_found")]);
    expect(ambiguous).toMatchObject({ action: "disable", noSuccessor: { outcome: "ambiguous" } });
    expect(ambiguous!.successor).toBeUndefined();
    // Terms or access (the id still exists) is no rename, whatever the LLM says.
    const [unavailable] = await withRenames(t.repos, [llm("model_unavailable")]);
    expect(unavailable).toMatchObject({ action: "disable" });
  });
});
