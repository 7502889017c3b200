import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MOVE_CUT_OFF_MS } from "../../../src/decisions/recover.js";
import { approve } from "../../../src/decisions/service.js";
import { HALF_APPLIED_GRACE_MS } from "../../../src/invariants/checks/nothing-half-applied.js";
import { applyBatch } from "../../../src/mutations/mutate.js";
import { revertBatch } from "../../../src/mutations/revert.js";
import { principalFor } from "../../../src/policy/principal.js";
import { startFaultDb, type FaultDb } from "../../helpers/fault-db.js";
import {
  appliedForward,
  approvalListed,
  crashDuring,
  evaluateHalfApplied,
  expectEveryBatchReverts,
  expectNothingHalfApplied,
  FAILING,
  NOW,
  pendingDisableOfGone,
} from "../../helpers/fault-scenarios.js";
import { addModels, DAY } from "../../unit/jobs/fixtures.js";

const alice = principalFor("alice", "operator");

describe("approval and revert with the database killed midway (issue 16)", () => {
  let fdb: FaultDb;
  beforeAll(async () => {
    fdb = await startFaultDb();
  });
  afterAll(async () => fdb?.stop());

  /** Alice's approval of a pending disable, with the database killed `k` commands into it. */
  async function approvalCrashed(name: string, k: number) {
    const seed = await fdb.open(name);
    const d = await pendingDisableOfGone(seed.repos);
    await seed.close();
    const s = await crashDuring(
      fdb,
      name,
      (c, arm) => {
        arm();
        return approve(c.repos, d._id, alice, NOW, "mcp");
      },
      k,
    );
    return { s, d };
  }

  // From the call: recovery's reads (5), the decision and policy reads, the pending → approved
  // move (claim, update, mirror), then the execution: claim, models read, record, write,
  // status, counts, the approved → executed move, the snapshot. Killed after 7, the move's claim
  // is written and the move is not: the next approval's recovery finishes it from the claim, once
  // the claim is old enough to be taken for cut off (MOVE_CUT_OFF_MS), so it approves a minute later.
  it.each([5, 7, 8, 10, 12, 13, 14, 15, 16, 17, 18, 19])(
    "approve_decision killed after %i commands: approving again executes it once, and it reverts",
    async (k) => {
      const { s, d } = await approvalCrashed(`approve_${k}`, k);
      const later = new Date(NOW.getTime() + MOVE_CUT_OFF_MS);
      const again = await approve(s.repos, d._id, alice, later, "mcp");
      expect(again.decision.status).toBe("executed");
      expect(again.batch?._id).toBe(again.decision.batch_id);
      await expectNothingHalfApplied(s.repos, later);
      const batches = await appliedForward(s.repos);
      expect(batches.map((b) => b._id)).toEqual([again.decision.batch_id]);
      expect((await s.repos.models.rawGet({ provider: "acme", model_id: "gone" }))?.enabled).toBe(false);
      await expectEveryBatchReverts(s.repos, ["gone"]);
      await s.close();
    },
    60_000,
  );

  it("approve_decision killed after its move's claim (7 commands): nothing_half_applied reports the unwritten move until an approval finishes it", async () => {
    const { s, d } = await approvalCrashed("approve_7_invariant", 7);
    const past = new Date(NOW.getTime() + HALF_APPLIED_GRACE_MS + 1_000);
    const found = await evaluateHalfApplied(s.repos, s.config, past);
    expect(found.status).toBe("violation");
    expect(found.summary).toContain("1 decision move(s) claimed but not written");
    expect(found.details?.["decision_moves_not_written"]).toEqual(approvalListed(d));
    expect((await s.repos.decisions.get(d._id))?.status).toBe("pending");

    const again = await approve(s.repos, d._id, alice, past, "mcp");
    expect(again.decision).toMatchObject({ status: "executed", approved_by: "alice" });
    const after = await evaluateHalfApplied(
      s.repos,
      s.config,
      new Date(past.getTime() + HALF_APPLIED_GRACE_MS),
    );
    expect(after.status).toBe("pass");
    await s.close();
  }, 60_000);

  // From the call: the original read, the revert claim's check and the claim, the models read,
  // the revert record, the mark on the original, then two commands per restored model.
  it.each([1, 2, 3, 5, 6, 7, 8, 11, 14, 18])(
    "revert_batch killed after %i commands: reverting again finishes the one revert",
    async (k) => {
      const name = `revert_${k}`;
      const seed = await fdb.open(name);
      await addModels(seed.repos, "acme", FAILING, new Date(NOW.getTime() - 60 * DAY));
      const batch = await applyBatch(
        seed.repos,
        {
          actor: "alice",
          reason: "test",
          changes: FAILING.map((model_id) => ({
            provider: "acme",
            model_id,
            set: { enabled: false, disabled_reason: "gone", disabled_at: NOW, disabled_by: "alice" },
          })),
        },
        NOW,
      );
      await seed.close();

      const s = await crashDuring(
        fdb,
        name,
        (c, arm) => {
          arm();
          return revertBatch(c.repos, batch._id, "alice", NOW);
        },
        k,
      );
      const revert = await revertBatch(s.repos, batch._id, "alice", NOW);
      expect(revert).toMatchObject({ status: "applied", applied_count: FAILING.length, failed_count: 0 });
      expect((await s.repos.mutations.get(batch._id))?.reverted_by).toBe(revert._id);
      await expectNothingHalfApplied(s.repos);
      const reverts = (await s.repos.mutations.createdBetween(new Date(0), { kind: "revert" })).filter(
        (b) => !b.abandoned,
      );
      expect(reverts.map((b) => b._id)).toEqual([revert._id]);
      for (const id of FAILING) {
        const m = await s.repos.models.rawGet({ provider: "acme", model_id: id });
        expect(m).toMatchObject({ enabled: true });
        expect(Object.hasOwn(m!, "disabled_reason")).toBe(false);
      }
      await s.close();
    },
    60_000,
  );
});
