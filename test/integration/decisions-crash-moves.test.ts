import { describe, expect, inject, it } from "vitest";
import { registerDecisionsCommands } from "../../src/cli/commands/decisions.js";
import { MOVE_CUT_OFF_MS } from "../../src/decisions/recover.js";
import { approve, reject } from "../../src/decisions/service.js";
import { claimMove } from "../../src/decisions/transition.js";
import { leaveKey, type Claim } from "../../src/storage/claims.js";
import { HALF_APPLIED_GRACE_MS } from "../../src/invariants/checks/nothing-half-applied.js";
import { findHalfApplied } from "../../src/invariants/half-applied.js";
import { silentLogger } from "../../src/logger.js";
import { runOperator } from "../../src/operator/run.js";
import { principalFor } from "../../src/policy/principal.js";
import type { DecisionDoc } from "../../src/storage/decisions-repository.js";
import type { Repositories } from "../../src/storage/repositories.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { inProcessCli, inProcessCliOutcome } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  approvalListed,
  evaluateHalfApplied,
  NOW,
  pendingDisableOfGone,
} from "../helpers/fault-scenarios.js";

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
async function approvalCutOff(repos: Repositories, d: DecisionDoc, at: Date = NOW): Promise<void> {
  const fields = { approved_by: alice.name, approved_at: at, approval_channel: "cli" };
  expect(await claimMove(repos, d._id, "pending", { to: "approved", fields }, alice.name, at)).toBe(true);
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
      message: expect.stringMatching(
        /is rejected by bob; only a pending decision can be approved/,
      ) as unknown,
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

describe("the invariant nothing_half_applied and a move claimed and never written", () => {
  it("reports the move once past its grace, with whose claim and where to, and passes once recovery finished it", async () => {
    const { repos, config, d } = await pendingDisable("crash-move-invariant");
    await approvalCutOff(repos, d);

    // Within the grace the claim's call may still be writing: not reported.
    const young = await evaluateHalfApplied(
      repos,
      config,
      new Date(NOW.getTime() + HALF_APPLIED_GRACE_MS - 1_000),
    );
    expect(young).toMatchObject({ status: "pass", summary: "nothing half applied" });

    const past = new Date(NOW.getTime() + HALF_APPLIED_GRACE_MS + 1_000);
    const found = await evaluateHalfApplied(repos, config, past);
    expect(found.status).toBe("violation");
    expect(found.summary).toMatch(/^1 half-applied item\(s\): /);
    expect(found.summary).toContain("1 decision move(s) claimed but not written");
    expect(found.summary).toContain("0 decision(s) approved but not executed");
    expect(found.details?.["decision_moves_not_written"]).toEqual(approvalListed(d));
    // The check's row is stored as it was answered.
    expect((await repos.checkRuns.latestEvaluation())[0]).toMatchObject({
      check: "nothing_half_applied",
      status: "violation",
      summary: found.summary,
    });

    // The next operator run finishes the move (and executes the approval it records).
    await runOperator({ repos, config, logger: silentLogger, chain: [] }, { now: past });
    expect(await repos.decisions.get(d._id)).toMatchObject({ status: "executed", approved_by: "alice" });
    // Judged a whole grace later, so nothing recovery left behind could hide inside the grace.
    const after = await evaluateHalfApplied(repos, config, new Date(past.getTime() + HALF_APPLIED_GRACE_MS));
    expect(after).toMatchObject({ status: "pass", summary: "nothing half applied" });
    expect(after.details?.["decision_moves_not_written"]).toEqual({ count: 0, items: [], truncated: false });
  });

  it("lists a claim that names no move with `to` null, until recovery gives it back", async () => {
    const { repos, config, d } = await pendingDisable("crash-move-invariant-legacy");
    expect(await repos.claims.claimOnce(leaveKey(d._id, "pending"), NOW, "alice")).toBe(true);
    const past = new Date(NOW.getTime() + HALF_APPLIED_GRACE_MS + 1_000);
    const found = await evaluateHalfApplied(repos, config, past);
    expect(found.details?.["decision_moves_not_written"]).toMatchObject({
      count: 1,
      items: [{ decision: d._id, from: "pending", to: null, claimed_by: "alice" }],
    });
    await runOperator({ repos, config, logger: silentLogger, chain: [] }, { now: past });
    expect((await repos.claims.find([leaveKey(d._id, "pending")])).size).toBe(0);
    expect((await evaluateHalfApplied(repos, config, past)).status).toBe("pass");
  });
});

/**
 * A person retries within the minute after a crash cut off alice's approval: the claim is taken,
 * its holder gone, the decision pending. Every surface says whose move was claimed when, from when
 * recovery finishes it, and that the call changed nothing; checked against the stored claim.
 */
describe("a retry within the minute of a move claimed and never written", () => {
  /** The claim as stored, and the decision still exactly as proposed. */
  async function storedClaim(repos: Repositories, d: DecisionDoc): Promise<Claim> {
    const claim = (await repos.claims.find([leaveKey(d._id, "pending")])).get(leaveKey(d._id, "pending"));
    expect(claim).toBeDefined();
    return claim!;
  }

  function expectToldOfTheClaim(text: string, d: DecisionDoc, claim: Claim, to = "approved"): void {
    const recoverable = new Date(claim.at.getTime() + MOVE_CUT_OFF_MS).toISOString();
    expect(text).toContain(
      `A move of decision ${d._id} to ${to} was claimed at ${claim.at.toISOString()} by ${claim.holder} and not finished.`,
    );
    expect(text).toContain(`Crash recovery finishes it from ${recoverable}`);
    expect(text).toContain("retrying after that time finishes it");
    expect(text).toContain("Nothing was changed by this call.");
    expect(text).not.toMatch(/in progress|right now|few seconds/);
  }

  async function expectUnchanged(repos: Repositories, d: DecisionDoc): Promise<void> {
    const now = await repos.decisions.get(d._id);
    expect(now).toMatchObject({ status: "pending", history: d.history });
    expect(now?.approved_by).toBeUndefined();
    expect(await forward(repos)).toEqual([]);
    expect((await gone(repos))?.enabled).toBe(true);
  }

  it("approve and reject (the service) answer at once with the claim, and change nothing", async () => {
    const { repos, d } = await pendingDisable("crash-move-retry");
    await approvalCutOff(repos, d);
    const claim = await storedClaim(repos, d);
    const retry = new Date(NOW.getTime() + 20_000);

    const r = await approve(repos, d._id, bob, retry, "cli");
    expect(r).toMatchObject({
      alreadyDone: true,
      batch: null,
      decision: { status: "pending" },
      inProgress: {
        by: "alice",
        batchId: null,
        move: {
          decision: d._id,
          from: "pending",
          to: "approved",
          by: "alice",
          at: claim.at,
          recoverableFrom: new Date(claim.at.getTime() + MOVE_CUT_OFF_MS),
        },
      },
    });
    const refused = await reject(repos, d._id, bob, "it answered an hour ago", retry).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(refused?.code).toBe("conflict");
    expectToldOfTheClaim(refused!.message, d, claim);
    await expectUnchanged(repos, d);

    // From the time the answer gave, the retry finishes alice's approval.
    const later = await approve(repos, d._id, bob, new Date(claim.at.getTime() + MOVE_CUT_OFF_MS), "cli");
    expect(later.decision).toMatchObject({ status: "executed", approved_by: "alice" });
  });

  it("the CLI's decisions approve and reject print it", async () => {
    const t = await openTestDatabase("crash-move-cli");
    // The CLI reads the real clock: alice's approval was cut off 20 seconds ago.
    const real = new Date();
    const d = await pendingDisableOfGone(t.repos);
    await approvalCutOff(t.repos, d, new Date(real.getTime() - 20_000));
    const claim = await storedClaim(t.repos, d);
    const env = () => ({
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: t.config.mongodb.db,
      BENCH_OPERATOR_PRINCIPAL: "bob:operator",
    });
    const cli = inProcessCli(env, [registerDecisionsCommands]);
    const run = inProcessCliOutcome(env, [registerDecisionsCommands]);

    // Not done: the exit code is a refusal's, as reject's below, not a success's.
    const approved = await run("decisions", "approve", d._id);
    expect(approved.exitCode).toBe(2);
    expect(approved.stderr).toBe("");
    const out = approved.stdout;
    expect(out).toMatch(/^not done: A move of decision /);
    expectToldOfTheClaim(out, d, claim);
    expect(out).toContain(`See it: bench-operator decisions show ${d._id}`);
    const asJson = await run("decisions", "approve", d._id, "--json");
    expect(asJson.exitCode).toBe(2);
    const json = JSON.parse(asJson.stdout) as {
      inProgress: { move: { to: string; by: string; at: string; recoverableFrom: string } };
    };
    expect(json.inProgress.move).toEqual({
      decision: d._id,
      from: "pending",
      to: "approved",
      by: "alice",
      at: claim.at.toISOString(),
      recoverableFrom: new Date(claim.at.getTime() + MOVE_CUT_OFF_MS).toISOString(),
    });
    // What a person reads of the decision says the move is under way, not only "pending".
    const shown = await cli("decisions", "show", d._id);
    expect(shown).toContain(
      `unfinished: A move of decision ${d._id} to approved was claimed at ${claim.at.toISOString()} by alice`,
    );
    expect(shown).not.toContain("Nothing was changed by this call");
    const rejected = await run("decisions", "reject", d._id, "--reason", "it answered");
    expect(rejected.exitCode).toBe(2);
    expect(rejected.stderr).toMatch(/^error \(conflict\): A move of decision /);
    expect(rejected.stderr).toContain(`to approved was claimed at ${claim.at.toISOString()} by alice`);
    await expectUnchanged(t.repos, d);
  });

  it("approve_decision's and reject_decision's errors over MCP carry it", async () => {
    const t = await openTestDatabase("crash-move-mcp");
    const d = await pendingDisableOfGone(t.repos);
    await approvalCutOff(t.repos, d);
    const claim = await storedClaim(t.repos, d);
    const session = await connect(sharedFor(t, new Date(NOW.getTime() + 20_000)), { principal: bob });

    // Nothing was done: an error, not a result an agent could read as an approval.
    const approved = await call(session, "approve_decision", { decision_id: d._id });
    expect(approved.isError, approved.text).toBe(true);
    expect(approved.structured).toBeUndefined();
    expectToldOfTheClaim(approved.text, d, claim);
    expect(approved.text).toContain(`get_decision {"decision_id": "${d._id}"}`);

    const rejected = await call(session, "reject_decision", { decision_id: d._id, reason: "it answered" });
    expect(rejected.isError).toBe(true);
    expectToldOfTheClaim(rejected.text, d, claim);
    await expectUnchanged(t.repos, d);
    await session.close();
  });
});
