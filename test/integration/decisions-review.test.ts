import { describe, expect, it } from "vitest";
import { actDirectly } from "../../src/decisions/direct.js";
import {
  approve,
  approveChecked,
  checkApproval,
  propose,
  reject,
  revertAs,
} from "../../src/decisions/service.js";
import { principalFor } from "../../src/policy/principal.js";
import type { Repositories } from "../../src/storage/repositories.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * The approval and revert checks live in the decisions service, so every surface (tool, CLI, a
 * future console) gets them by calling it, and a call checks once against one read.
 */

const NOW = new Date("2026-11-20T12:00:00Z");
const agent = principalFor("triage-bot", "agent");
const viewer = principalFor("victor", "viewer");
const operator = principalFor("alice", "operator");

async function setup(label: string) {
  const t = await openTestDatabase(label);
  await t.repos.models.insertMany([
    { provider: "openai", model_id: "gpt-old", enabled: true, created_at: NOW },
    { provider: "openai", model_id: "gpt-dead", enabled: true, created_at: NOW },
  ]);
  return t;
}

/**
 * The real stores, with the calls of the named ones counted on the way through (every call still
 * reaches the database): how many times a path reads a decision or the policy.
 */
function counted(repos: Repositories, names: (keyof Repositories)[]) {
  const counts = new Map<string, number>();
  const wrapped: Repositories = { ...repos };
  for (const name of names) {
    const store = repos[name] as object;
    const proxy = new Proxy(store, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const key = `${String(name)}.${String(prop)}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    Object.assign(wrapped, { [name]: proxy });
  }
  return { repos: wrapped, counts };
}

const disable = (model_id: string) => ({
  action: "disable" as const,
  targets: [{ provider: "openai", model_id }],
  reason: "404 model_not_found for five days",
});

describe("reverting through the decisions service", () => {
  it("refuses a principal the policy refuses, whoever calls it, and lets an operator revert once", async () => {
    const { repos } = await setup("review-revert");
    const { batch } = await actDirectly(repos, operator, disable("gpt-old"), NOW);
    expect(batch?.status).toBe("applied");
    const model = () => repos.models.get({ provider: "openai", model_id: "gpt-old" });
    expect((await model())?.enabled).toBe(false);

    await expect(revertAs(repos, batch!._id, agent, NOW)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/revert is authority-gated/) as unknown,
    });
    await expect(revertAs(repos, batch!._id, viewer, NOW)).rejects.toMatchObject({ code: "forbidden" });
    expect((await repos.mutations.get(batch!._id))?.reverted_by).toBeUndefined();
    expect((await model())?.enabled).toBe(false);
    expect(await repos.mutations.list({ limit: 10 })).toHaveLength(1);

    const first = await revertAs(repos, batch!._id, operator, NOW);
    expect(first).toMatchObject({ alreadyReverted: false, revert: { kind: "revert", actor: "alice" } });
    expect((await model())?.enabled).toBe(true);
    const again = await revertAs(repos, batch!._id, operator, NOW);
    expect(again.alreadyReverted).toBe(true);
    expect(again.revert._id).toBe(first.revert._id);
    await expect(revertAs(repos, "mb_0000000000000000", operator, NOW)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("approving through the decisions service", () => {
  it("reads the decision and the policy once per approval", async () => {
    const t = await setup("review-approve-once");
    const d = await propose(
      t.repos,
      {
        ...disable("gpt-old"),
        confidence: 0.9,
        reasoning: "404",
        proposer: { kind: "agent", name: agent.name },
      },
      agent,
      { now: NOW },
      NOW,
    );
    expect(d.status).toBe("pending");
    const { repos, counts } = counted(t.repos, ["decisions", "policies"]);
    await expect(approve(repos, d._id, agent, NOW, "mcp")).rejects.toMatchObject({ code: "forbidden" });
    // One read of the decision and of the policy (crash recovery's scan of approved decisions is
    // a find, counted apart).
    expect(counts.get("decisions.get")).toBe(1);
    expect(counts.get("policies.current")).toBe(1);

    counts.clear();
    const result = await approve(repos, d._id, operator, NOW, "cli");
    expect(result).toMatchObject({
      alreadyDone: false,
      decision: { status: "executed", approved_by: "alice" },
    });
    expect(counts.get("decisions.get")).toBe(1);
    expect(counts.get("policies.current")).toBe(1);
    expect((await t.repos.decisions.get(d._id))?.history.map((h) => h.status)).toEqual([
      "pending",
      "approved",
      "executed",
    ]);
  });

  it("approve_decision in a confirming session reads the decision once for the gate, the question and the handler", async () => {
    const t = await setup("review-approve-tool");
    const { repos, counts } = counted(t.repos, ["decisions", "policies"]);
    const shared = await sharedFor({ ...t, repos }, NOW);
    const bot = await connect(shared, { principal: agent });
    const proposed = await call(bot, "propose_disable", {
      targets: [{ provider: "openai", model_id: "gpt-dead" }],
      reason: "404 model_not_found for 72 hours, never succeeded",
    });
    const id = (proposed.structured as { decision_id: string }).decision_id;

    const asked: string[] = [];
    const alice = await connect(shared, {
      principal: operator,
      delegated: true,
      elicit: (m) => (asked.push(m), { action: "accept", content: { confirm: true } }),
    });
    counts.clear();
    const r = await call(alice, "approve_decision", { decision_id: id });
    expect(r.isError, r.text).toBe(false);
    expect(asked).toHaveLength(1);
    expect(r.structured).toMatchObject({ status: "executed", approval_channel: "mcp-elicitation" });
    expect(counts.get("decisions.get")).toBe(1);
    expect(counts.get("policies.current")).toBe(1);
    expect((await t.repos.models.get({ provider: "openai", model_id: "gpt-dead" }))?.enabled).toBe(false);
  });

  it("a decision rejected between the check and the approval (while a human is asked) is not executed", async () => {
    const { repos } = await setup("review-approve-race");
    const d = await propose(
      repos,
      {
        ...disable("gpt-old"),
        confidence: 0.9,
        reasoning: "404",
        proposer: { kind: "agent", name: agent.name },
      },
      agent,
      { now: NOW },
      NOW,
    );
    const check = await checkApproval(repos, d._id, operator);
    await reject(repos, d._id, principalFor("bob", "operator"), "the provider had an outage", NOW);
    await expect(approveChecked(repos, check, NOW, "mcp-elicitation")).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await repos.decisions.get(d._id))?.status).toBe("rejected");
    expect((await repos.models.get({ provider: "openai", model_id: "gpt-old" }))?.enabled).toBe(true);
    await expect(
      approveChecked(repos, { decision: d, principal: operator }, NOW, "cli"),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

/**
 * The real stores, with every call of `decisions.transition` (the write of a status move, after
 * its claim) held for `ms`: the call that won a move is still writing it when the other looks.
 */
function slowMoves(repos: Repositories, ms: number): Repositories {
  const decisions = new Proxy(repos.decisions, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop !== "transition" || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { ...repos, decisions };
}

const bob = principalFor("bob", "admin");

async function proposedByAgent(repos: Repositories, model = "gpt-old") {
  return propose(
    repos,
    {
      ...disable(model),
      confidence: 0.9,
      reasoning: "404",
      proposer: { kind: "agent", name: agent.name },
    },
    agent,
    { now: NOW },
    NOW,
  );
}

describe("two calls deciding one decision at the same moment", () => {
  it("the approval that lost the move answers with the executed decision and its batch, not pending", async () => {
    const t = await setup("review-race-approve");
    const d = await proposedByAgent(t.repos);
    const repos = slowMoves(t.repos, 300);
    const [a, b] = await Promise.all([
      approve(repos, d._id, operator, NOW, "cli"),
      approve(repos, d._id, bob, NOW, "cli"),
    ]);
    const [winner, loser] = a.alreadyDone ? [b, a] : [a, b];
    expect(winner).toMatchObject({ alreadyDone: false, decision: { status: "executed" } });
    expect(loser).toMatchObject({
      alreadyDone: true,
      inProgress: null,
      decision: { status: "executed", approved_by: winner.decision.approved_by },
    });
    expect(loser.batch?._id).toBe(winner.batch?._id);
    expect(loser.batch?._id).toBeTruthy();
  });

  it("when the winner has not finished within the wait, the loser says who is executing it", async () => {
    const t = await setup("review-race-slow");
    const d = await proposedByAgent(t.repos);
    const repos = slowMoves(t.repos, 1_500);
    const [winner, loser] = await Promise.all([
      approve(repos, d._id, operator, NOW, "cli", { waitMs: 0 }),
      // Starts once alice holds the move, and waits less than her write takes.
      new Promise((resolve) => setTimeout(resolve, 200)).then(() =>
        approve(repos, d._id, bob, NOW, "cli", { waitMs: 200 }),
      ),
    ]);
    expect(winner).toMatchObject({ alreadyDone: false, decision: { status: "executed" } });
    expect(loser.alreadyDone).toBe(true);
    // Alice's approval is still writing its move: the claim says whose move, to where, since when.
    expect(loser.inProgress).toMatchObject({
      by: "alice",
      batchId: null,
      move: { decision: d._id, to: "approved", by: "alice", at: NOW },
    });
    expect(loser.batch).toBeNull();
  });

  it("approve_decision from two operator sessions: both report the executed decision and one batch", async () => {
    const t = await setup("review-race-tool");
    const d = await proposedByAgent(t.repos, "gpt-dead");
    const shared = await sharedFor({ ...t, repos: slowMoves(t.repos, 300) }, NOW);
    const [alice, admin] = await Promise.all([
      connect(shared, { principal: operator }),
      connect(shared, { principal: bob }),
    ]);
    const results = await Promise.all([
      call(alice, "approve_decision", { decision_id: d._id }),
      call(admin, "approve_decision", { decision_id: d._id }),
    ]);
    for (const r of results) expect(r.isError, r.text).toBe(false);
    const out = results.map(
      (r) =>
        r.structured as {
          status: string;
          already_done: boolean;
          executing_by: string | null;
          batch: { batch_id: string } | null;
          next_step: string;
        },
    );
    expect(out.map((o) => o.status)).toEqual(["executed", "executed"]);
    expect(out.map((o) => o.already_done).sort()).toEqual([false, true]);
    expect(out.map((o) => o.executing_by)).toEqual([null, null]);
    expect(out[0]!.batch?.batch_id).toBeTruthy();
    expect(out[1]!.batch?.batch_id).toBe(out[0]!.batch?.batch_id);
    const loser = out.find((o) => o.already_done)!;
    expect(loser.next_step).toMatch(/^Already executed in batch mb_/);
  });

  it("the rejection that lost the move to another rejection returns the rejected decision", async () => {
    const t = await setup("review-race-reject");
    const d = await proposedByAgent(t.repos);
    const repos = slowMoves(t.repos, 300);
    const results = await Promise.all([
      reject(repos, d._id, operator, "the provider had an outage", NOW),
      reject(repos, d._id, bob, "the provider had an outage", NOW),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(results[1].rejected_by).toBe(results[0].rejected_by);
  });

  it("a rejection that lost the move to an approval says the decision was executed instead", async () => {
    const t = await setup("review-race-mixed");
    const d = await proposedByAgent(t.repos);
    const repos = slowMoves(t.repos, 300);
    const approval = approve(repos, d._id, operator, NOW, "cli");
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(reject(repos, d._id, bob, "the provider had an outage", NOW)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/was executed by another call \(alice\)/) as unknown,
    });
    expect((await approval).decision.status).toBe("executed");
  });
});

describe("approving or reverting what is already done is for those who may do it", () => {
  it("an agent is refused approving an executed decision and reverting a reverted batch, as when pending", async () => {
    const { repos } = await setup("review-done-agent");
    const d = await proposedByAgent(repos);
    const done = await approve(repos, d._id, operator, NOW, "cli");
    expect(done.decision.status).toBe("executed");
    const other = principalFor("second-bot", "agent");
    await expect(approve(repos, d._id, other, NOW, "mcp")).rejects.toMatchObject({ code: "forbidden" });
    await expect(approve(repos, d._id, viewer, NOW, "mcp")).rejects.toMatchObject({ code: "forbidden" });
    // Who may approve it still gets the same answer, the kill switch notwithstanding.
    await repos.policies.set(
      { ...(await repos.policies.current()).policy, kill_switch: true },
      operator,
      NOW,
    );
    expect(await approve(repos, d._id, bob, NOW, "cli")).toMatchObject({
      alreadyDone: true,
      decision: { status: "executed" },
      batch: { _id: done.batch!._id },
    });
    await repos.policies.set(
      { ...(await repos.policies.current()).policy, kill_switch: false },
      operator,
      NOW,
    );

    const batch = done.batch!._id;
    const first = await revertAs(repos, batch, operator, NOW);
    await expect(revertAs(repos, batch, agent, NOW)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/revert is authority-gated/) as unknown,
    });
    expect(await revertAs(repos, batch, bob, NOW)).toMatchObject({
      alreadyReverted: true,
      revert: { _id: first.revert._id },
    });
  });

  it("over MCP, an agent token gets the same refusal for a done decision and a reverted batch", async () => {
    const t = await setup("review-done-tool");
    const d = await proposedByAgent(t.repos);
    const done = await approve(t.repos, d._id, operator, NOW, "cli");
    const batch = done.batch!._id;
    await revertAs(t.repos, batch, operator, NOW);
    const shared = await sharedFor(t, NOW);
    const bot = await connect(shared, { principal: principalFor("second-bot", "agent") });

    const approval = await call(bot, "approve_decision", { decision_id: d._id });
    expect(approval.isError).toBe(true);
    expect(approval.text).toMatch(/may not approve/);
    const revert = await call(bot, "revert_batch", { batch_id: batch });
    expect(revert.isError).toBe(true);
    expect(revert.text).toMatch(/You may not revert .*authority-gated/);

    const human = await connect(shared, { principal: operator });
    const again = await call(human, "approve_decision", { decision_id: d._id });
    expect(again.isError, again.text).toBe(false);
    expect(again.structured).toMatchObject({ already_done: true, status: "executed" });
    const reverted = await call(human, "revert_batch", { batch_id: batch });
    expect(reverted.isError, reverted.text).toBe(false);
    expect(reverted.structured).toMatchObject({ already_reverted: true });
  });
});
