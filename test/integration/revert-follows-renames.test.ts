import { beforeAll, describe, expect, it } from "vitest";
import { undoModelChange } from "../../src/decisions/revert-model.js";
import { revertAs } from "../../src/decisions/service.js";
import { principalFor, SYSTEM_PRINCIPAL } from "../../src/policy/principal.js";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import { revertCountsText } from "../../src/storage/in-force.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { executedBatch, openaiModel, renamedBatch } from "../helpers/executed-batch.js";

/**
 * A batch's revert and the undo of one of its changes reach a model renamed since: under the id
 * it has now, field by field as always. Before, both looked only under the id the change left the
 * model at: the revert skipped the model and was still recorded (the batch read "reverted" while
 * the model kept its change), and the undo was refused as "did not change" that model.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const at = (minutes: number): Date => new Date(NOW.getTime() + minutes * 60_000);
const BEFORE = { max_tokens_param: "max_completion_tokens" };
const alice = principalFor("alice", "operator");

let t: TestDatabase;
const model = (model_id: string) => t.repos.models.rawGet({ provider: "openai", model_id });
const rename = (from: string, to: string, minutes: number): Promise<MutationBatchDoc> =>
  renamedBatch(t.repos, t.config, alice, from, to, at(minutes));

beforeAll(async () => {
  t = await openTestDatabase("revert-follows-renames");
  await t.repos.models.insertMany(
    ["s-1", "s-2", "s-3", "r-1"].map((id) => openaiModel(id, NOW, { model_metadata: BEFORE })),
  );
});

describe("reverts of a model renamed since", () => {
  it("the batch's revert restores the settings under the model's id now, and the other models as always", async () => {
    const settings = await executedBatch(t.repos, SYSTEM_PRINCIPAL, "set_settings", ["s-1", "s-2"], NOW, {
      settings: { api: "responses" },
    });
    await rename("s-1", "s-1-mid", 1);
    await rename("s-1-mid", "s-1-new", 2);
    const { revert } = await revertAs(t.repos, settings._id, alice, at(3), "it broke the runs");
    expect(revert.status).toBe("applied");
    expect(revert.changes.map((c) => [c.model_id, c.status])).toEqual([
      ["s-1-new", "applied"],
      ["s-2", "applied"],
    ]);
    expect(await model("s-1-new")).toMatchObject({ model_metadata: BEFORE });
    expect(await model("s-1")).toBeNull();
    expect(await model("s-2")).toMatchObject({ model_metadata: BEFORE });
    // The revert is itself revertible: the settings come back on the id the model has.
    const { revert: again } = await revertAs(t.repos, revert._id, alice, at(4));
    expect(again.changes.map((c) => [c.model_id, c.status])).toEqual([
      ["s-1-new", "applied"],
      ["s-2", "applied"],
    ]);
    expect(await model("s-1-new")).toMatchObject({ model_metadata: { ...BEFORE, api: "responses" } });
  });

  it("the undo of one model's change takes the id the model has now", async () => {
    const settings = await executedBatch(t.repos, SYSTEM_PRINCIPAL, "set_settings", ["s-3"], at(10), {
      settings: { api: "responses" },
    });
    await rename("s-3", "s-3-new", 11);
    const { undo } = await undoModelChange(
      t.repos,
      alice,
      { batchId: settings._id, provider: "openai", model_id: "s-3-new", reason: "it broke the runs" },
      at(12),
    );
    expect(undo).toMatchObject({
      status: "applied",
      revert_of: settings._id,
      revert_only: { provider: "openai", model_id: "s-3" },
    });
    expect(undo.changes.map((c) => [c.model_id, c.rename_to, c.status])).toEqual([
      ["s-3-new", undefined, "applied"],
    ]);
    expect(await model("s-3-new")).toMatchObject({ model_metadata: BEFORE, mutation_batch_id: undo._id });
  });

  it("a rename renamed again since keeps the later id: the revert says so, the undo alone is refused", async () => {
    const first = await rename("r-1", "r-2", 20);
    await rename("r-2", "r-3", 21);
    await expect(
      undoModelChange(
        t.repos,
        alice,
        { batchId: first._id, provider: "openai", model_id: "r-3", reason: "wrong successor" },
        at(22),
      ),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(
        /^openai:r-3 was renamed again after batch mb_\S+ \(in mb_\S+\): undo that rename first\. Nothing was changed\.$/,
      ) as unknown,
    });
    expect(await model("r-3")).toMatchObject({ enabled: true });

    const { revert } = await revertAs(t.repos, first._id, alice, at(23));
    expect(await model("r-3")).not.toBeNull();
    expect(await model("r-1")).toBeNull();
    const [change] = revert.changes;
    expect(change).toMatchObject({ model_id: "r-3" });
    expect(change?.rename_to).toBeUndefined();
    expect(change?.not_restored).toContainEqual({ field: "model_id", now: "r-3", expected: "r-2" });
  });

  it("the revert of a rename its model's undo already took back restores nothing and says so", async () => {
    await t.repos.models.insertMany([openaiModel("u-1", NOW)]);
    const moved = await rename("u-1", "u-2", 30);
    await undoModelChange(
      t.repos,
      alice,
      { batchId: moved._id, provider: "openai", model_id: "u-2", reason: "wrong successor" },
      at(31),
    );
    const before = await model("u-1");
    const { revert, alreadyReverted } = await revertAs(t.repos, moved._id, alice, at(32));
    expect(alreadyReverted).toBe(false);
    // It used to write the fields back to what they already were and count the model restored.
    expect(revert).toMatchObject({ applied_count: 0, failed_count: 0 });
    expect(revert.changes.map((c) => [c.model_id, c.status])).toEqual([["u-1", "skipped"]]);
    expect(revert.changes[0]?.not_restored).toContainEqual({
      field: "model_id",
      now: "u-1",
      expected: "u-2",
    });
    expect(revertCountsText(revert)).toBe("0 restored, 1 left as it is (changed since), 0 failed");
    expect(await model("u-1")).toEqual(before);
  });
});
