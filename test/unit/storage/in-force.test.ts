import { describe, expect, it } from "vitest";
import { laterChangeOf } from "../../../src/storage/in-force.js";
import type { BatchChange, MutationBatchDoc } from "../../../src/storage/mutation-batches-repository.js";

const at = (h: number): Date => new Date(Date.UTC(2026, 11, 5, h));

function change(
  model_id: string,
  after: BatchChange["after"],
  extra: Partial<BatchChange> = {},
): BatchChange {
  return { provider: "groq", model_id, before: {}, absent: [], after, status: "applied", ...extra };
}

function batch(
  id: string,
  h: number,
  changes: BatchChange[],
  extra: Partial<MutationBatchDoc> = {},
): MutationBatchDoc {
  return {
    _id: id,
    kind: "apply",
    actor: "alice",
    reason: "r",
    decision_ids: [],
    status: "applied",
    created_at: at(h),
    changes,
    applied_count: changes.length,
    failed_count: 0,
    ...extra,
  };
}

const DISABLE = { enabled: false, disabled_class: "hard", recheck_after: at(48) };
const auto = batch("mb_auto", 1, [change("allam-2-7b", DISABLE), change("llama", DISABLE)], {
  actor: "operator-run",
});
const later = (others: MutationBatchDoc[], model = 0) =>
  laterChangeOf(auto, auto.changes[model]!, [auto, ...others]);

describe("whether an automatic change is still in force", () => {
  it("a later enable of the model ends its disable; the batch's other model stays in force", () => {
    const enable = batch("mb_enable", 2, [change("allam-2-7b", { enabled: true })]);
    expect(later([enable])).toEqual({ batchId: "mb_enable", actor: "alice", at: at(2), what: "enable" });
    expect(later([enable], 1)).toBeNull();
  });

  it("a later write of another field (a recheck date) leaves the disable in force", () => {
    expect(later([batch("mb_recheck", 2, [change("allam-2-7b", { recheck_after: at(72) })])])).toBeNull();
  });

  it("a later enable that was itself reverted ends nothing; a revert of another batch is no undo", () => {
    const enable = batch("mb_enable", 2, [change("allam-2-7b", { enabled: true })], {
      reverted_by: "mb_back",
    });
    const back = batch("mb_back", 3, [change("allam-2-7b", { enabled: false })], {
      kind: "revert",
      revert_of: "mb_enable",
    });
    expect(later([enable, back])).toBeNull();
  });

  it("an undo of this model's change alone ends it, named so; a change before the batch does not", () => {
    const undo = batch("mb_undo", 2, [change("allam-2-7b", { enabled: true })], {
      kind: "revert",
      revert_of: "mb_auto",
      revert_only: { provider: "groq", model_id: "allam-2-7b" },
    });
    const earlier = batch("mb_old", 0, [change("allam-2-7b", { enabled: true })]);
    expect(later([undo, earlier])?.what).toBe("undone alone");
    expect(later([earlier])).toBeNull();
  });

  it("an undo put back by its own revert ends nothing", () => {
    const undo = batch("mb_undo", 2, [change("allam-2-7b", { enabled: true })], {
      kind: "revert",
      revert_of: "mb_auto",
      revert_only: { provider: "groq", model_id: "allam-2-7b" },
      reverted_by: "mb_redo",
    });
    const redo = batch("mb_redo", 3, [change("allam-2-7b", { enabled: false })], {
      kind: "revert",
      revert_of: "mb_undo",
    });
    expect(later([undo, redo])).toBeNull();
  });

  it("of two batches of the same instant, the one whose before-image names the other is the later", () => {
    const sameTime = (id: string, after: BatchChange["after"], before: string) =>
      batch(id, 1, [change("allam-2-7b", after, { before: { mutation_batch_id: before } })]);
    const enable = sameTime("mb_enable", { enabled: true }, "mb_auto");
    expect(later([enable])?.batchId).toBe("mb_enable");
    // An enable the disable came after (the disable's before-image names it) did not end it.
    const first = sameTime("mb_first", { enabled: true }, "mb_none");
    const disable = batch("mb_auto2", 1, [
      change("allam-2-7b", DISABLE, { before: { mutation_batch_id: "mb_first" } }),
    ]);
    expect(laterChangeOf(disable, disable.changes[0]!, [disable, first])).toBeNull();
  });
});
