import { describe, expect, it } from "vitest";
import { applyBatch } from "../../../src/mutations/mutate.js";
import { revertBatch } from "../../../src/mutations/revert.js";
import { openTestDatabase } from "../../helpers/database.js";

const NOW = new Date("2026-11-20T12:00:00Z");

describe("reverting a batch that re-executed decisions (issue 16, failure 1, data written before the fix)", () => {
  it("goes back to the before-image of the first batch that executed them, not to its after-image", async () => {
    const { repos } = await openTestDatabase("revert-retried");
    await repos.models.insertMany([
      { provider: "acme", model_id: "a", enabled: true, created_at: NOW },
      { provider: "acme", model_id: "b", enabled: true, created_at: NOW },
    ]);
    const disable = (model_id: string) => ({
      provider: "acme",
      model_id,
      set: { enabled: false, disabled_reason: "gone", disabled_by: "operator-run" },
    });
    const first = await applyBatch(
      repos,
      {
        actor: "operator-run",
        reason: "r",
        decisionIds: ["dec_a", "dec_b"],
        changes: [disable("a"), disable("b")],
      },
      NOW,
    );
    // The old code executed the same two decisions again: its before-image is the disabled state.
    const second = await applyBatch(
      repos,
      {
        actor: "operator-run",
        reason: "r",
        decisionIds: ["dec_a", "dec_b"],
        changes: [disable("a"), disable("b")],
      },
      NOW,
    );
    expect(second.changes[0]!.before).toMatchObject({ enabled: false, mutation_batch_id: first._id });

    const revert = await revertBatch(repos, second._id, "alice", NOW);
    expect(revert).toMatchObject({ status: "applied", applied_count: 2, failed_count: 0 });
    for (const id of ["a", "b"]) {
      const m = await repos.models.rawGet({ provider: "acme", model_id: id });
      expect(m).toMatchObject({ enabled: true });
      for (const f of ["disabled_reason", "disabled_by", "mutation_batch_id"])
        expect(Object.hasOwn(m!, f)).toBe(false);
    }
    // An unrelated earlier batch is not followed: only batches of the same decisions are.
    const other = await applyBatch(repos, { actor: "x", reason: "r", changes: [disable("a")] }, NOW);
    const third = await applyBatch(
      repos,
      {
        actor: "x",
        reason: "r",
        decisionIds: ["dec_c"],
        changes: [{ provider: "acme", model_id: "a", set: { disabled_reason: "still gone" } }],
      },
      NOW,
    );
    await revertBatch(repos, third._id, "alice", NOW);
    expect(await repos.models.rawGet({ provider: "acme", model_id: "a" })).toMatchObject({
      enabled: false,
      disabled_reason: "gone",
      mutation_batch_id: other._id,
    });
  });
});
