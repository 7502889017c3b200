import { describe, expect, it } from "vitest";
import { MOVE_CUT_OFF_MS } from "../../src/decisions/recover.js";
import { approve, reject } from "../../src/decisions/service.js";
import { claimMove, leaveKey } from "../../src/decisions/transition.js";
import { findHalfApplied } from "../../src/invariants/half-applied.js";
import { silentLogger } from "../../src/logger.js";
import { runOperator } from "../../src/operator/run.js";
import { principalFor } from "../../src/policy/principal.js";
import type { DecisionDoc } from "../../src/storage/decisions-repository.js";
import type { Repositories } from "../../src/storage/repositories.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { NOW, pendingDisableOfGone } from "../helpers/fault-scenarios.js";

/**
 * A decision's move is two writes: the claim of leaving its status (which names the move), then
 * the move. A process that stops between them left the decision in its old status with the
 * claim taken, so nobody could approve, reject or expire it, and nothing reported it. Here the
 * first half runs (the real claim, as `transition` takes it) and the process "stops"; the next
 * operator run, approval or rejection on the same database must finish that move, once.
 */

const LATER = new Date(NOW.getTime() + MOVE_CUT_OFF_MS);
const alice = principalFor("alice", "operator");
const bob = principalFor("bob", "operator");

async function pendingDisable(label: string): Promise<TestDatabase & { d: DecisionDoc }> {
  const t = await openTestDatabase(label);
  return { ...t, d: await pendingDisableOfGone(t.repos) };
}

/** The first half of alice's approval, exactly as `approve` takes it; the process stops there. */
async function approvalCutOff(repos: Repositories, d: DecisionDoc): Promise<void> {
  const fields = { approved_by: alice.name, approved_at: NOW, approval_channel: "cli" };
  expect(await claimMove(repos, d._id, "pending", { to: "approved", fields }, alice.name, NOW)).toBe(true);
  // What the stop leaves: still pending, and its move out of pending taken.
  expect((await repos.decisions.get(d._id))?.status).toBe("pending");
}

const gone = (repos: Repositories) => repos.models.rawGet({ provider: "acme", model_id: "gone" });
const forward = async (repos: Repositories) =>
  (await repos.mutations.createdBetween(new Date(0), { kind: "apply" })).filter((b) => !b.abandoned);

describe("a decision's move claimed and never written", () => {
  it("the next operator run records the approval and executes it once; a second run changes nothing", async () => {
    const { repos, config, d } = await pendingDisable("crash-move-run");
    await approvalCutOff(repos, d);

    const deps = { repos, config, logger: silentLogger, chain: [] };
    const next = await runOperator(deps, { now: LATER });
    expect(next.run.outcome).toBe("ok");
    const stored = await repos.decisions.get(d._id);
    expect(stored).toMatchObject({ status: "executed", approved_by: "alice", approval_channel: "cli" });
    const approval = stored!.history.find((h) => h.status === "approved");
    expect(approval).toMatchObject({ by: "alice" });
    expect(approval?.note).toMatch(/finished by crash recovery/);
    const batches = await forward(repos);
    expect(batches.map((b) => b._id)).toEqual([stored!.batch_id]);
    expect(batches[0]).toMatchObject({ status: "applied", applied_count: 1, decision_ids: [d._id] });
    expect((await gone(repos))?.enabled).toBe(false);
    expect((await repos.models.rawGet({ provider: "acme", model_id: "fine" }))?.enabled).toBe(true);

    await runOperator(deps, { now: new Date(LATER.getTime() + 60_000) });
    expect((await forward(repos)).map((b) => b._id)).toEqual([stored!.batch_id]);
    expect((await repos.decisions.get(d._id))?.history.filter((h) => h.status === "approved")).toHaveLength(
      1,
    );
    const h = await findHalfApplied(repos, LATER, 0);
    expect(h.approvedNotExecuted).toEqual([]);
    expect(h.claimedNotSettled).toEqual([]);
  });

  it("another person's approval finishes the cut-off approval first and executes it once, as the first approver's", async () => {
    const { repos, d } = await pendingDisable("crash-move-approve");
    await approvalCutOff(repos, d);

    const r = await approve(repos, d._id, bob, LATER, "cli", { waitMs: 0 });
    expect(r.decision).toMatchObject({ status: "executed", approved_by: "alice" });
    expect(r.batch?.actor).toBe("alice");
    expect((await forward(repos)).map((b) => b._id)).toEqual([r.decision.batch_id]);
    expect((await gone(repos))?.enabled).toBe(false);
    const again = await approve(repos, d._id, alice, LATER, "cli", { waitMs: 0 });
    expect(again).toMatchObject({ alreadyDone: true, batch: { _id: r.decision.batch_id } });
  });

  it("a cut-off rejection is recorded as the person's before anything else may move the decision", async () => {
    const { repos, d } = await pendingDisable("crash-move-reject");
    const fields = { rejected_by: bob.name, reject_reason: "it answered an hour ago", reject_channel: "cli" };
    const note = "it answered an hour ago";
    expect(await claimMove(repos, d._id, "pending", { to: "rejected", fields, note }, bob.name, NOW)).toBe(
      true,
    );

    await expect(approve(repos, d._id, alice, LATER, "cli", { waitMs: 0 })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/is rejected; only a pending decision can be approved/) as unknown,
    });
    expect(await repos.decisions.get(d._id)).toMatchObject({
      status: "rejected",
      rejected_by: "bob",
      reject_reason: "it answered an hour ago",
    });
    // The person who rejected it is answered with the rejection, not a conflict.
    expect(await reject(repos, d._id, bob, "again", LATER)).toMatchObject({ status: "rejected" });
    expect(await forward(repos)).toEqual([]);
    expect((await gone(repos))?.enabled).toBe(true);
  });

  it("a claim younger than the cut-off is left to its holder, which may still be writing its move", async () => {
    const { repos, d } = await pendingDisable("crash-move-young");
    await approvalCutOff(repos, d);
    const soon = new Date(NOW.getTime() + MOVE_CUT_OFF_MS - 1_000);
    const r = await approve(repos, d._id, bob, soon, "cli", { waitMs: 0 });
    expect(r).toMatchObject({ alreadyDone: true, inProgress: { by: "alice", batchId: null } });
    expect((await repos.decisions.get(d._id))?.status).toBe("pending");
    expect(await forward(repos)).toEqual([]);
  });

  it("a claim that names no move (taken by an earlier version) is given back, and the decision is approvable", async () => {
    const { repos, d } = await pendingDisable("crash-move-legacy");
    expect(await repos.claims.claimOnce(leaveKey(d._id, "pending"), NOW, "alice")).toBe(true);

    const r = await approve(repos, d._id, bob, LATER, "cli", { waitMs: 0 });
    expect(r.decision).toMatchObject({ status: "executed", approved_by: "bob" });
    expect((await forward(repos)).map((b) => b._id)).toEqual([r.decision.batch_id]);
    expect((await gone(repos))?.enabled).toBe(false);
  });
});
