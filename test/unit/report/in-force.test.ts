import { describe, expect, it } from "vitest";
import { changeAction } from "../../../src/report/gather.js";
import { laterChangeOf } from "../../../src/report/in-force.js";
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
  laterChangeOf(auto, auto.changes[model]!, [auto, ...others], changeAction);

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
});
