import { beforeAll, describe, expect, it } from "vitest";
import { proposeRename } from "../../src/decisions/rename.js";
import { revertAs } from "../../src/decisions/revert.js";
import { undoModelChange } from "../../src/decisions/revert-model.js";
import { recoverBatches } from "../../src/mutations/recover.js";
import { changeKey, personWords } from "../../src/operator/person-word.js";
import type { PolicyAction } from "../../src/policy/evaluate.js";
import { principalFor, SYSTEM_PRINCIPAL, type Principal } from "../../src/policy/principal.js";
import type { ModelDoc } from "../../src/storage/documents.js";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { executedBatch, openaiModel } from "../helpers/executed-batch.js";

/**
 * A person's undo of what one batch did to one model, the rest of the batch left in force
 * (src/decisions/revert-model.ts over src/mutations/revert-model.ts): for a deprecate, a rename and
 * a settings change, what is stored (the model, the undo's batch with the person and their reason,
 * the batch undone left unreverted), that the undo is itself reverted by `revertAs`, and the
 * refusals that change nothing.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const LATER = new Date("2026-11-20T13:00:00Z");
const AFTER = new Date("2026-11-20T14:00:00Z");
const alice = principalFor("alice", "operator");
const vera = principalFor("vera", "viewer");
const SETTINGS_BEFORE = { max_tokens_param: "max_completion_tokens" };

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase("model-undo");
  const model = (model_id: string, extra: Partial<ModelDoc> = {}) => openaiModel(model_id, NOW, extra);
  await t.repos.models.insertMany([
    model("dep-a"),
    model("dep-b"),
    model("set-a", { model_metadata: SETTINGS_BEFORE }),
    model("set-b"),
    model("dis-a"),
    model("dep-c"),
    model("crash-a"),
    model("crash-b"),
    {
      provider: "fireworks",
      model_id: "old-id",
      enabled: false,
      created_at: NOW,
      disabled_reason: "404 for days",
      disabled_by: "operator-run",
      disabled_class: "hard",
    },
  ]);
});

/** Decisions of `action` on these models executed together in one batch. */
const executed = (
  action: PolicyAction,
  models: string[],
  evidence: Record<string, unknown> = {},
  by: Principal = alice,
): Promise<MutationBatchDoc> => executedBatch(t.repos, by, action, models, NOW, evidence);
const openai = (model_id: string) => ({ provider: "openai", model_id });
const raw = (provider: string, model_id: string) =>
  t.db.collection("models").findOne({ provider, model_id }, { projection: { _id: 0 } });

describe("undoing one model's change of a batch", () => {
  it("a deprecate: the model as it was, the batch's other model still deprecated, audited and revertible", async () => {
    const before = await raw("openai", "dep-a");
    const batch = await executed("deprecate", ["dep-a", "dep-b"]);
    expect(await t.repos.models.get(openai("dep-a"))).toMatchObject({ deprecated: true, enabled: false });

    const reason = "The provider still serves it; the listing was wrong.";
    const { undo } = await undoModelChange(
      t.repos,
      alice,
      { batchId: batch._id, ...openai("dep-a"), reason },
      LATER,
    );
    const depA = batch.changes.find((c) => c.model_id === "dep-a")!;
    const stored = await t.repos.mutations.get(undo._id);
    expect(stored).toMatchObject({
      kind: "revert",
      actor: "alice",
      reason: `undo of the deprecate of openai:dep-a in ${batch._id}, this model only: ${reason}`,
      revert_of: batch._id,
      revert_only: openai("dep-a"),
      decision_ids: (await t.repos.decisions.find({ action: ["deprecate"], model_id: "dep-a" })).map(
        (d) => d._id,
      ),
      status: "applied",
      applied_count: 1,
      failed_count: 0,
    });
    expect(stored!.changes).toHaveLength(1);
    expect(stored!.changes[0]).toMatchObject({ ...openai("dep-a"), status: "applied", before: depA.after });
    // The model: every field the deprecate wrote as it was before it, and the undo its last batch.
    expect(await raw("openai", "dep-a")).toEqual({ ...before, mutation_batch_id: undo._id });
    // The batch undone is not reverted, and its other change stays in force.
    expect((await t.repos.mutations.get(batch._id))?.reverted_by).toBeUndefined();
    expect(await t.repos.models.get(openai("dep-b"))).toMatchObject({ deprecated: true, enabled: false });

    // The person's word holds the operator back from deprecating this model, not the other one.
    const words = await personWords(t.repos, LATER);
    expect(words.get(changeKey("deprecate", "openai", "dep-a"))).toMatchObject({
      how: "reverted",
      by: "alice",
    });
    expect(words.has(changeKey("deprecate", "openai", "dep-b"))).toBe(false);

    // The undo is a batch like any other: reverting it deprecates the model again. That puts the
    // change back: no word of bob's against it.
    const bob = principalFor("bob", "admin");
    const { revert } = await revertAs(t.repos, undo._id, bob, AFTER);
    expect(revert).toMatchObject({ status: "applied", revert_of: undo._id, actor: "bob" });
    expect(await raw("openai", "dep-a")).toMatchObject({ ...depA.after, mutation_batch_id: batch._id });
    expect((await personWords(t.repos, AFTER)).get(changeKey("deprecate", "openai", "dep-a"))).toMatchObject({
      by: "alice",
    });
  });

  it("a rename: back to the old id with its fields and without the link, and revertible", async () => {
    const before = await t.db.collection("models").findOne({ provider: "fireworks", model_id: "old-id" });
    const { batch } = await proposeRename(
      t.repos,
      alice,
      { provider: "fireworks", from: "old-id", to: "new-id", reason: "served under a new id" },
      NOW,
    );
    expect(await t.repos.models.get({ provider: "fireworks", model_id: "new-id" })).toMatchObject({
      enabled: true,
      renamed_from: "old-id",
    });

    const { undo } = await undoModelChange(
      t.repos,
      alice,
      {
        batchId: batch!._id,
        provider: "fireworks",
        model_id: "new-id",
        reason: "the new id is a different model",
      },
      LATER,
    );
    expect(undo).toMatchObject({
      actor: "alice",
      revert_of: batch!._id,
      revert_only: { provider: "fireworks", model_id: "old-id" },
      decision_ids: batch!.decision_ids,
      status: "applied",
    });
    expect(undo.changes[0]).toMatchObject({ model_id: "new-id", rename_to: "old-id", status: "applied" });
    expect(await t.repos.models.get({ provider: "fireworks", model_id: "new-id" })).toBeNull();
    const back = await t.db.collection("models").findOne({ provider: "fireworks", model_id: "old-id" });
    // The same row (`_id`), every field as before the rename, `renamed_from` and `renamed_at` gone.
    expect(back).toEqual({ ...before, mutation_batch_id: undo._id });

    await revertAs(t.repos, undo._id, alice, LATER);
    expect(await t.repos.models.get({ provider: "fireworks", model_id: "old-id" })).toBeNull();
    expect(await t.repos.models.get({ provider: "fireworks", model_id: "new-id" })).toMatchObject({
      renamed_from: "old-id",
      enabled: true,
      mutation_batch_id: batch!._id,
    });
  });

  it("a settings change: the settings the batch found, or none; a model changed since is refused", async () => {
    const settings = { api: "responses" };
    const batch = await executed("set_settings", ["set-a", "set-b"], { settings }, SYSTEM_PRINCIPAL);
    expect(await t.repos.models.get(openai("set-a"))).toMatchObject({
      model_metadata: { ...SETTINGS_BEFORE, ...settings },
    });

    const { undo } = await undoModelChange(
      t.repos,
      alice,
      { batchId: batch._id, ...openai("set-a"), reason: "Responses breaks our streaming" },
      LATER,
    );
    expect(undo).toMatchObject({ actor: "alice", revert_only: openai("set-a"), status: "applied" });
    const setA = await raw("openai", "set-a");
    expect(setA?.["model_metadata"]).toEqual(SETTINGS_BEFORE);
    expect(setA).not.toHaveProperty("settings_changed_at");
    expect(await t.repos.models.get(openai("set-b"))).toMatchObject({ model_metadata: settings });

    // set-b changes again in a later batch: undoing the first batch there would overwrite it.
    const later = await executed(
      "set_settings",
      ["set-b"],
      { settings: { omit_temperature: true } },
      SYSTEM_PRINCIPAL,
    );
    const count = (await t.repos.mutations.list({ limit: 100 })).length;
    await expect(
      undoModelChange(t.repos, alice, { batchId: batch._id, ...openai("set-b"), reason: "undo" }, LATER),
    ).rejects.toThrow(
      `openai:set-b changed after batch ${batch._id} by batch ${later._id} (operator-run, ${NOW.toISOString()}): model_metadata no longer hold what that batch wrote`,
    );
    // Undoing the same change twice returns the first undo: already undone, nothing recorded now.
    const bob = principalFor("bob", "operator");
    const again = await undoModelChange(
      t.repos,
      bob,
      { batchId: batch._id, ...openai("set-a"), reason: "again" },
      LATER,
    );
    expect(again).toMatchObject({ alreadyUndone: true, undo: { _id: undo._id, actor: "alice" } });
    expect((await t.repos.mutations.list({ limit: 100 })).length).toBe(count);
    expect(await t.repos.models.get(openai("set-b"))).toMatchObject({
      model_metadata: { api: "responses", omit_temperature: true },
      mutation_batch_id: later._id,
    });

    // The batch's own revert later restores what is left of it and leaves the undone model alone.
    const { revert } = await revertAs(t.repos, batch._id, alice, LATER);
    const setAChange = revert.changes.find((c) => c.model_id === "set-a");
    expect(setAChange).toMatchObject({ status: "skipped" });
    expect((await raw("openai", "set-a"))?.["model_metadata"]).toEqual(SETTINGS_BEFORE);
  });

  it("refuses, changing nothing: a reverted batch, a disable, a model the batch did not change, a viewer, no reason", async () => {
    const dep = await executed("deprecate", ["dep-c"]);
    await revertAs(t.repos, dep._id, alice, NOW);
    const dis = await executed("disable", ["dis-a"]);
    const count = (await t.repos.mutations.list({ limit: 100 })).length;
    const models = await t.db.collection("models").find({}).toArray();

    const undo = (batchId: string, model_id: string, who = alice, reason = "because") =>
      undoModelChange(t.repos, who, { batchId, ...openai(model_id), reason }, LATER);
    // Read before the undo starts: a rejection that settles while an argument is still awaited is unhandled.
    const revertedIn = (await t.repos.mutations.get(dep._id))!.reverted_by;
    await expect(undo(dep._id, "dep-c")).rejects.toThrow(
      `Batch ${dep._id} was already reverted (in ${revertedIn}): there is nothing of it left to undo on openai:dep-c. Nothing was changed.`,
    );
    await expect(undo(dis._id, "dis-a")).rejects.toThrow(
      `Batch ${dis._id}'s change of openai:dis-a cannot be undone for this model alone: only a deprecate, a rename or a settings change can (a disable by enabling the model)`,
    );
    await expect(undo(dis._id, "dep-b")).rejects.toThrow(`Batch ${dis._id} did not change openai:dep-b.`);
    await expect(undo("mb_0000000000000000", "dis-a")).rejects.toThrow(
      "No mutation batch mb_0000000000000000.",
    );
    await expect(undo(dis._id, "dis-a", vera)).rejects.toThrow("the viewer role can only read");
    await expect(undo(dis._id, "dis-a", alice, "  ")).rejects.toThrow("A reason is required");
    const reverted = (await t.repos.mutations.get(dep._id))!.reverted_by!;
    await expect(undo(reverted, "dep-c")).rejects.toThrow(
      `Batch ${reverted} is a revert: undo it by reverting it on its page.`,
    );

    expect((await t.repos.mutations.list({ limit: 100 })).length).toBe(count);
    expect(await t.db.collection("models").find({}).toArray()).toEqual(models);
  });

  it("crash recovery finishes an interrupted undo without marking the whole batch reverted", async () => {
    const batch = await executed("deprecate", ["crash-a", "crash-b"]);
    const change = batch.changes.find((c) => c.model_id === "crash-a")!;
    // An undo recorded and then interrupted before its write (the record comes first).
    const undo: MutationBatchDoc = {
      _id: "mb_00000000000000aa",
      kind: "revert",
      actor: "alice",
      reason: "undo, interrupted",
      decision_ids: batch.decision_ids,
      revert_of: batch._id,
      revert_only: openai("crash-a"),
      status: "applying",
      created_at: LATER,
      changes: [
        {
          ...openai("crash-a"),
          before: { ...change.after },
          absent: [],
          // The deprecate's before-image, the fields it added removed again.
          after: {
            ...Object.fromEntries(Object.keys(change.after).map((f) => [f, null])),
            ...change.before,
            mutation_batch_id: "mb_00000000000000aa",
          },
          unset: change.absent.filter((f) => f !== "mutation_batch_id"),
          status: "pending",
        },
      ],
      applied_count: 0,
      failed_count: 0,
    };
    await t.repos.mutations.record(undo);
    const { finished } = await recoverBatches(t.repos, LATER);
    expect(finished.map((b) => [b._id, b.status])).toEqual([[undo._id, "applied"]]);
    expect((await t.repos.mutations.get(batch._id))?.reverted_by).toBeUndefined();
    expect(await t.repos.models.get(openai("crash-a"))).toMatchObject({ enabled: true });
    expect(await t.repos.models.get(openai("crash-b"))).toMatchObject({ enabled: false, deprecated: true });
    // So the batch's revert is still there for its other change, and leaves the undone model as it is.
    const { revert } = await revertAs(t.repos, batch._id, alice, LATER);
    expect(revert.changes.find((c) => c.model_id === "crash-b")).toMatchObject({ status: "applied" });
    expect(await t.repos.models.get(openai("crash-b"))).toMatchObject({ enabled: true });
    expect(await raw("openai", "crash-a")).toMatchObject({ enabled: true, mutation_batch_id: undo._id });
    expect(await raw("openai", "crash-a")).not.toHaveProperty("deprecated");
  });
});
