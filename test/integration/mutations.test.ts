import { describe, expect, it } from "vitest";
import { applyBatch } from "../../src/mutations/mutate.js";
import { revertBatch } from "../../src/mutations/revert.js";
import { openTestDatabase } from "../helpers/database.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const LATER = new Date("2026-11-21T12:00:00Z");

async function fleet(label: string) {
  const t = await openTestDatabase(label);
  await t.repos.models.insertMany([
    { provider: "openai", model_id: "a", enabled: true, created_at: NOW },
    { provider: "openai", model_id: "b", enabled: true, created_at: NOW, disabled_reason: "old note" },
    { provider: "groq", model_id: "c", enabled: true, created_at: NOW },
  ]);
  return t;
}

const disable = (model_id: string, provider = "openai") => ({
  provider,
  model_id,
  set: { enabled: false, disabled_reason: "gone", disabled_at: NOW, disabled_by: "test" },
});

describe("the one mutation path", () => {
  it("records before-images of exactly the changed fields, isolates failures and counts honestly", async () => {
    const { repos } = await fleet("mut-apply");
    const batch = await applyBatch(
      repos,
      {
        actor: "alice",
        reason: "cleanup",
        decisionIds: ["dec_1"],
        changes: [disable("a"), disable("missing"), disable("b")],
      },
      NOW,
    );
    expect(batch.status).toBe("partial");
    expect(batch.applied_count).toBe(2);
    expect(batch.failed_count).toBe(1);

    const stored = await repos.mutations.get(batch._id);
    expect(stored?.actor).toBe("alice");
    expect(stored?.decision_ids).toEqual(["dec_1"]);
    const b = stored!.changes.find((c) => c.model_id === "b")!;
    expect(b.before).toEqual({ enabled: true, disabled_reason: "old note" });
    expect(b.absent.sort()).toEqual(["disabled_at", "disabled_by", "mutation_batch_id"]);
    expect(stored!.changes.find((c) => c.model_id === "missing")).toMatchObject({
      status: "failed",
      error: "model not found in the fleet",
    });

    const a = await repos.models.get({ provider: "openai", model_id: "a" });
    expect(a).toMatchObject({ enabled: false, disabled_reason: "gone", mutation_batch_id: batch._id });
    expect((await repos.models.get({ provider: "groq", model_id: "c" }))?.enabled).toBe(true);
  });

  it("reverts with compare-and-swap: a later change is kept and reported", async () => {
    const { repos } = await fleet("mut-revert");
    const batch = await applyBatch(
      repos,
      { actor: "op", reason: "r", changes: [disable("a"), disable("b")] },
      NOW,
    );
    // Someone changes b's reason afterwards through another batch.
    await applyBatch(
      repos,
      {
        actor: "other",
        reason: "edit",
        changes: [{ provider: "openai", model_id: "b", set: { disabled_reason: "edited later" } }],
      },
      LATER,
    );

    const revert = await revertBatch(repos, batch._id, "admin", LATER);
    expect(revert.kind).toBe("revert");
    const a = await repos.models.get({ provider: "openai", model_id: "a" });
    expect(a?.enabled).toBe(true);
    expect(a).not.toHaveProperty("disabled_at");
    expect(a).not.toHaveProperty("mutation_batch_id");

    const b = await repos.models.get({ provider: "openai", model_id: "b" });
    expect(b?.enabled).toBe(true); // still held this batch's value: restored
    expect(b?.disabled_reason).toBe("edited later"); // changed since: not clobbered
    const bChange = revert.changes.find((c) => c.model_id === "b")!;
    expect(bChange.not_restored?.map((n) => n.field).sort()).toEqual([
      "disabled_reason",
      "mutation_batch_id",
    ]);

    // Reverting again returns the same revert.
    expect((await revertBatch(repos, batch._id, "admin", LATER))._id).toBe(revert._id);
  });

  it("a revert of a decision's revert puts the change back", async () => {
    const { repos } = await fleet("mut-revert-revert");
    const batch = await applyBatch(
      repos,
      { actor: "operator-run", reason: "r", decisionIds: ["dec_1"], changes: [disable("a")] },
      NOW,
    );
    const undo = await revertBatch(repos, batch._id, "alice", LATER);
    expect(undo.decision_ids).toEqual(["dec_1"]);
    expect((await repos.models.get({ provider: "openai", model_id: "a" }))?.enabled).toBe(true);
    // The revert carries the decision's id and was written over the batch: its own before-image is
    // what its revert restores, not the batch's.
    const again = await revertBatch(repos, undo._id, "bob", LATER);
    expect(again.changes[0]).toMatchObject({ status: "applied", after: { enabled: false } });
    expect(await repos.models.get({ provider: "openai", model_id: "a" })).toMatchObject({
      enabled: false,
      disabled_reason: "gone",
      mutation_batch_id: batch._id,
    });
  });

  it("two concurrent reverts of one batch write one revert", async () => {
    const { repos, db } = await fleet("mut-revert-twice");
    const batch = await applyBatch(repos, { actor: "op", reason: "r", changes: [disable("a")] }, NOW);
    const results = await Promise.allSettled([
      revertBatch(repos, batch._id, "x", LATER),
      revertBatch(repos, batch._id, "y", LATER),
    ]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    expect(await db.collection("mutation_batches").countDocuments({ revert_of: batch._id })).toBe(1);
    expect((await repos.models.get({ provider: "openai", model_id: "a" }))?.enabled).toBe(true);
  });

  it("leaves a revertible record when the process dies between the audit record and the last write", async () => {
    const { repos } = await fleet("mut-crash");
    await expect(
      applyBatch(repos, { actor: "op", reason: "r", changes: [disable("a"), disable("b")] }, NOW, {
        afterChange: (i) => {
          if (i === 0) throw new Error("simulated crash");
        },
      }),
    ).rejects.toThrow("simulated crash");
    const [batch] = await repos.mutations.list();
    expect(batch?.status).toBe("applying");
    expect(batch?.changes.map((c) => c.status)).toEqual(["applied", "pending"]);
    expect((await repos.models.get({ provider: "openai", model_id: "a" }))?.enabled).toBe(false);

    const revert = await revertBatch(repos, batch!._id, "admin", LATER);
    expect(revert.applied_count).toBe(1);
    expect((await repos.models.get({ provider: "openai", model_id: "a" }))?.enabled).toBe(true);
    expect((await repos.models.get({ provider: "openai", model_id: "b" }))?.disabled_reason).toBe("old note");
  });

  it("never overwrites a model that changed between the record and the write", async () => {
    const { repos, db } = await fleet("mut-race");
    let batchId = "";
    const raced = applyBatch(
      repos,
      { actor: "op", reason: "r", changes: [disable("a"), disable("b")] },
      NOW,
      {
        afterChange: async (i) => {
          if (i !== 0) return;
          // Another writer changes b after the record (and its before-image) was written.
          await db
            .collection("models")
            .updateOne({ provider: "openai", model_id: "b" }, { $set: { disabled_reason: "racing writer" } });
        },
      },
    );
    const batch = await raced;
    batchId = batch._id;
    expect(batch.changes.find((c) => c.model_id === "b")).toMatchObject({ status: "failed" });
    expect((await repos.models.get({ provider: "openai", model_id: "b" }))?.disabled_reason).toBe(
      "racing writer",
    );
    expect((await repos.mutations.get(batchId))?.failed_count).toBe(1);
  });

  it("adds a model, and its revert removes it again", async () => {
    const { repos } = await fleet("mut-create");
    const batch = await applyBatch(
      repos,
      {
        actor: "alice",
        reason: "add",
        changes: [
          { provider: "groq", model_id: "new-model", set: { enabled: true }, create: { created_at: NOW } },
        ],
      },
      NOW,
    );
    expect(batch.status).toBe("applied");
    expect(await repos.models.get({ provider: "groq", model_id: "new-model" })).toMatchObject({
      enabled: true,
      mutation_batch_id: batch._id,
    });
    const dup = await applyBatch(
      repos,
      {
        actor: "alice",
        reason: "again",
        changes: [
          { provider: "groq", model_id: "new-model", set: { enabled: true }, create: { created_at: NOW } },
        ],
      },
      NOW,
    );
    expect(dup.status).toBe("failed");
    await revertBatch(repos, batch._id, "alice", LATER);
    expect(await repos.models.get({ provider: "groq", model_id: "new-model" })).toBeNull();
  });
});
