import { describe, expect, it } from "vitest";
import { keptSince, keptSinceWords, laterChangeOf, renamesAfter } from "../../../src/storage/in-force.js";
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

/**
 * The model is followed through the renames after the batch: a later change under the id the model
 * had then is of the model, a change of an id it did not have then (a new model under its old id)
 * is not, and a rename reverted since moves it back.
 */
const SETTINGS = { model_metadata: { api: "responses" } };
const settings = batch("mb_settings", 1, [change("deepseek-v3", SETTINGS)], { actor: "operator-run" });
const rename = (id: string, h: number, from: string, to: string, extra: Partial<MutationBatchDoc> = {}) =>
  batch(id, h, [change(from, { renamed_from: from }, { rename_to: to })], extra);
const laterOfSettings = (others: MutationBatchDoc[]) =>
  laterChangeOf(settings, settings.changes[0]!, [settings, ...others]);

describe("a change followed through its model's renames", () => {
  it("a later settings change under the id a chain of renames moved it to overrules it; the renames alone do not", () => {
    const first = rename("mb_r1", 2, "deepseek-v3", "deepseek-v3-0324");
    const second = rename("mb_r2", 3, "deepseek-v3-0324", "deepseek-v3-final");
    expect(renamesAfter(settings, settings.changes[0]!, [second, first, settings])).toEqual([
      { batchId: "mb_r1", actor: "alice", at: at(2), from: "deepseek-v3", to: "deepseek-v3-0324" },
      { batchId: "mb_r2", actor: "alice", at: at(3), from: "deepseek-v3-0324", to: "deepseek-v3-final" },
    ]);
    expect(laterOfSettings([first, second])).toBeNull();
    const again = batch("mb_again", 4, [change("deepseek-v3-final", { model_metadata: { api: "chat" } })]);
    expect(laterOfSettings([again, second, first])).toEqual({
      batchId: "mb_again",
      actor: "alice",
      at: at(4),
      what: "settings",
    });
  });

  it("a new model under the old id is another model; a change under the new id before the rename is too", () => {
    const moved = rename("mb_r1", 3, "deepseek-v3", "deepseek-v3-0324");
    const newcomer = batch("mb_newcomer", 4, [change("deepseek-v3", { model_metadata: { api: "chat" } })]);
    const before = batch("mb_before", 2, [change("deepseek-v3-0324", { model_metadata: { api: "chat" } })]);
    expect(laterOfSettings([moved, newcomer, before])).toBeNull();
  });

  it("a rename reverted since moves the model back: a change under the id it had in between still counts", () => {
    const moved = rename("mb_r1", 2, "deepseek-v3", "deepseek-v3-0324", { reverted_by: "mb_back" });
    const during = batch("mb_during", 3, [change("deepseek-v3-0324", { model_metadata: { api: "chat" } })]);
    const back = rename("mb_back", 4, "deepseek-v3-0324", "deepseek-v3", {
      kind: "revert",
      revert_of: "mb_r1",
    });
    expect(renamesAfter(settings, settings.changes[0]!, [back, moved]).map((r) => r.to)).toEqual([
      "deepseek-v3-0324",
      "deepseek-v3",
    ]);
    expect(laterOfSettings([back, during, moved])?.batchId).toBe("mb_during");
    // After the move back, a change under the new id is of another model.
    const after = batch("mb_after", 5, [change("deepseek-v3-0324", { model_metadata: { api: "chat" } })]);
    expect(laterOfSettings([back, after, moved])).toBeNull();
  });

  it("batches of one instant are ordered by the before-image chain, also through a rename", () => {
    const same = batch("mb_same", 1, [change("deepseek-v3", SETTINGS)], { actor: "operator-run" });
    const moved = batch("mb_r1", 1, [
      change(
        "deepseek-v3",
        { renamed_from: "deepseek-v3" },
        { rename_to: "v3-0324", before: { mutation_batch_id: "mb_same" } },
      ),
    ]);
    const again = batch("mb_again", 1, [
      change("v3-0324", { model_metadata: { api: "chat" } }, { before: { mutation_batch_id: "mb_r1" } }),
    ]);
    expect(laterChangeOf(same, same.changes[0]!, [again, moved, same])?.batchId).toBe("mb_again");
    // The same writes before the batch (their chain does not reach it) are not later.
    const earlier = batch("mb_earlier", 1, [
      change("v3-0324", { model_metadata: { api: "chat" } }, { before: { mutation_batch_id: "mb_other" } }),
    ]);
    expect(laterChangeOf(same, same.changes[0]!, [earlier, moved, same])).toBeNull();
  });

  it("renames of one id at one instant are walked in the order their before-images chain", () => {
    const renameOver = (id: string, from: string, to: string, over: string) =>
      batch(id, 2, [
        change(from, { renamed_from: from }, { rename_to: to, before: { mutation_batch_id: over } }),
      ]);
    // deepseek-v3 → v3-a, back, then → v3-b, all in the same millisecond, read in any order.
    const there = renameOver("mb_there", "deepseek-v3", "v3-a", "mb_settings");
    const back = renameOver("mb_back", "v3-a", "deepseek-v3", "mb_there");
    const onward = renameOver("mb_onward", "deepseek-v3", "v3-b", "mb_back");
    for (const others of [
      [onward, back, there],
      [there, back, onward],
      [back, onward, there],
    ]) {
      expect(renamesAfter(settings, settings.changes[0]!, others).map((r) => r.batchId)).toEqual([
        "mb_there",
        "mb_back",
        "mb_onward",
      ]);
    }
  });
});

describe("keptSinceWords", () => {
  const kept = (fields: [string, unknown][], status: BatchChange["status"] = "pending") =>
    change(
      "m",
      {},
      {
        status,
        not_restored: fields.map(([field, now]) => ({ field: field as "enabled", now, expected: "x" })),
      },
    );

  it("tells the later batch, not the bookkeeping field, and the fields a person changed", () => {
    expect(keptSinceWords(kept([]))).toBeNull();
    expect(keptSinceWords(change("m", {}))).toBeNull();
    expect(keptSinceWords(kept([["mutation_batch_id", "mb_b"]]))).toBe(
      "restored; changed since by mb_b, whose changes stay",
    );
    expect(keptSinceWords(kept([["mutation_batch_id", "mb_b"]], "skipped"))).toBe(
      "left as it is (changed since by mb_b)",
    );
    expect(
      keptSinceWords(
        kept([
          ["disabled_reason", "edited"],
          ["mutation_batch_id", "mb_b"],
        ]),
      ),
    ).toBe("kept (changed since by mb_b): disabled_reason");
    expect(keptSinceWords(kept([["enabled", true]]))).toBe("kept (changed since): enabled");
    expect(keptSinceWords(kept([["model_id", "r-3"]]))).toBe(
      "kept (changed since): its id (renamed again, now r-3)",
    );
    expect(
      keptSince(
        kept([
          ["enabled", true],
          ["mutation_batch_id", "mb_b"],
        ]),
      ),
    ).toEqual({
      fields: [{ field: "enabled", now: true, expected: "x" }],
      by: "mb_b",
    });
  });
});
