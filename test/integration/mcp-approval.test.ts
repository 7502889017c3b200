import { beforeAll, describe, expect, it } from "vitest";
import { principalFor } from "../../src/policy/principal.js";
import type { ServerShared } from "../../src/server/create-mcp-server.js";
import { TOOL_CALLS_COLLECTION } from "../../src/storage/tool-calls-repository.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";

/**
 * Human approval: who may approve what, elicitation as the human's confirmation when the
 * server acts under a human's name (stdio), failing closed when the client cannot ask, and the
 * role table and read-only mode in the gate.
 */
let t: TestDatabase;
let shared: ServerShared;

beforeAll(async () => {
  t = await openTestDatabase("mcp-approval");
  await seedSmallFleet(t.repos);
  shared = await sharedFor(t, FLEET_NOW);
});

async function proposeDead(): Promise<string> {
  const agent = await connect(shared, { name: "triage-bot", role: "agent" });
  const r = await call(agent, "propose_disable", {
    targets: [{ provider: "openai", model_id: "gpt-dead" }],
    reason: "404 model_not_found for 72 hours, never succeeded",
  });
  expect(r.isError, r.text).toBe(false);
  return (r.structured as { decision_id: string }).decision_id;
}

const enabled = async (model: string): Promise<boolean | undefined> =>
  (await t.repos.models.get({ provider: "openai", model_id: model }))?.enabled;

describe("approval in a delegated (stdio-style) session", () => {
  const alice = principalFor("alice", "operator");

  it("fails closed when the client cannot ask the human, naming the CLI command", async () => {
    const id = await proposeDead();
    const desktop = await connect(shared, { principal: alice, delegated: true });
    const r = await call(desktop, "approve_decision", { decision_id: id });
    expect(r.isError).toBe(true);
    // Where the person decides comes first, before why this client cannot ask them.
    expect(r.text).toMatch(/^Error \(forbidden\): alice decides this in person\. A human approves it with /);
    expect(r.text).toMatch(/alice must confirm it personally.*cannot ask.*Nothing was changed/);
    expect(r.text).toContain(`bench-operator decisions approve ${id}`);
    expect(await enabled("gpt-dead")).toBe(true);
    expect((await t.repos.decisions.get(id))?.status).toBe("pending");
    const policy = (await call(desktop, "get_policy")).structured as {
      caller: { human_confirmation: string };
    };
    expect(policy.caller.human_confirmation).toBe("unavailable");
  });

  it("a declined confirmation changes nothing", async () => {
    const id = await proposeDead();
    const messages: string[] = [];
    const client = await connect(shared, {
      principal: alice,
      delegated: true,
      elicit: (m) => (messages.push(m), { action: "decline" }),
    });
    const r = await call(client, "approve_decision", { decision_id: id });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/did not confirm/);
    expect(messages[0]).toMatch(
      new RegExp(`Approve decision ${id} as alice\\? It will disable openai:gpt-dead`),
    );
    expect(await enabled("gpt-dead")).toBe(true);
  });

  it("the human's confirmation through elicitation is recorded as the human's approval", async () => {
    const id = await proposeDead();
    const client = await connect(shared, {
      principal: alice,
      delegated: true,
      elicit: () => ({ action: "accept", content: { confirm: true } }),
    });
    const r = await call(client, "approve_decision", { decision_id: id });
    expect(r.isError, r.text).toBe(false);
    expect(r.structured).toMatchObject({
      status: "executed",
      approved_by: "alice",
      approval_channel: "mcp-elicitation",
    });
    expect(await enabled("gpt-dead")).toBe(false);
    const audit = await t.db.collection(TOOL_CALLS_COLLECTION).findOne({
      tool: "approve_decision",
      decision_id: id,
      outcome: "ok",
    });
    expect(audit).toMatchObject({ confirmed_by: "elicitation", principal: { name: "alice" } });

    // Undo it (a revert is confirmed the same way) so the next tests start from the same fleet.
    const batch = (r.structured as { batch: { batch_id: string } }).batch.batch_id;
    const rv = await call(client, "revert_batch", { batch_id: batch });
    expect(rv.isError, rv.text).toBe(false);
    expect(await enabled("gpt-dead")).toBe(true);
  });
});

describe("approval with an operator's own credential (HTTP-style session)", () => {
  const bob = principalFor("bob", "operator");

  it("executes once; approving again returns the same batch; revert restores and repeats idempotently", async () => {
    const id = await proposeDead();
    const op = await connect(shared, { principal: bob, delegated: false });
    const first = await call(op, "approve_decision", { decision_id: id });
    expect(first.isError, first.text).toBe(false);
    const out = first.structured as {
      status: string;
      already_done: boolean;
      batch: { batch_id: string; applied_count: number };
    };
    expect(out).toMatchObject({ status: "executed", already_done: false, batch: { applied_count: 1 } });
    expect(await enabled("gpt-dead")).toBe(false);

    const again = (await call(op, "approve_decision", { decision_id: id })).structured as typeof out;
    expect(again.already_done).toBe(true);
    expect(again.batch.batch_id).toBe(out.batch.batch_id);
    expect(await t.db.collection("mutation_batches").countDocuments({ decision_ids: id })).toBe(1);

    const d = (await call(op, "get_decision", { decision_id: id })).structured as {
      batch: { batch_id: string };
    };
    expect(d.batch.batch_id).toBe(out.batch.batch_id);

    const agent = await connect(shared, { name: "triage-bot", role: "agent" });
    const refused = await call(agent, "revert_batch", { batch_id: out.batch.batch_id });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/only a human principal may do it.*bench-operator batches revert/);

    const rv = (
      await call(op, "revert_batch", { batch_id: out.batch.batch_id, reason: "  it answers again  " })
    ).structured as {
      revert_batch_id: string;
      already_reverted: boolean;
      next_step: string;
    };
    expect(rv.already_reverted).toBe(false);
    expect(rv.next_step).toMatch(/^Reverted\./);
    expect(await enabled("gpt-dead")).toBe(true);
    const batchesBefore = await t.db.collection("mutation_batches").countDocuments();
    const rv2 = (await call(op, "revert_batch", { batch_id: out.batch.batch_id })).structured as typeof rv;
    expect(rv2).toMatchObject({ already_reverted: true, revert_batch_id: rv.revert_batch_id });
    const firstRevert = await t.db
      .collection("mutation_batches")
      .findOne({ _id: rv.revert_batch_id as never });
    // The person's words are kept in the revert's reason, after what it reverts.
    expect(firstRevert!["reason"]).toBe(`revert of ${out.batch.batch_id}: it answers again`);
    expect(rv2.next_step).toBe(
      `Already reverted: ${out.batch.batch_id} was reverted by bob at ${(firstRevert!["created_at"] as Date).toISOString()} ` +
        `in ${rv.revert_batch_id}; nothing was changed now.`,
    );
    expect(rv2.next_step).not.toMatch(/^Reverted/);
    expect(await t.db.collection("mutation_batches").countDocuments()).toBe(batchesBefore);
  });

  it("a real operator run by a human operator records a run", async () => {
    const op = await connect(shared, { principal: bob, delegated: false });
    const r = await call(op, "run_operator", { dry_run: false, provider: "anthropic" });
    expect(r.isError, r.text).toBe(false);
    const run = r.structured as { run_id: string; dry_run: boolean };
    expect(run.dry_run).toBe(false);
    expect(await t.repos.operatorState.getRun(run.run_id)).not.toBeNull();
  });
});

describe("the role table and read-only mode", () => {
  it("a viewer sees read tools only and is refused a write tool called anyway", async () => {
    const viewer = await connect(shared, { name: "victor", role: "viewer" });
    const { tools } = await viewer.listTools();
    expect(tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
    expect(tools.map((tool) => tool.name)).toContain("get_policy");
    const r = await call(viewer, "propose_disable", {
      targets: [{ provider: "openai", model_id: "gpt-dead" }],
      reason: "I think it is dead",
    });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/viewer role may only use read tools/);
    expect(
      await t.db
        .collection(TOOL_CALLS_COLLECTION)
        .findOne({ tool: "propose_disable", "principal.name": "victor" }),
    ).toMatchObject({ outcome: "refused" });
  });

  it("read-only mode removes write tools, refuses them if called, and says so in the instructions", async () => {
    const ro = await connect(shared, {
      principal: principalFor("carol", "operator"),
      readOnly: true,
      delegated: false,
    });
    const { tools } = await ro.listTools();
    expect(tools.map((tool) => tool.name)).not.toContain("approve_decision");
    expect(tools).toHaveLength(10);
    expect(ro.getInstructions()).toMatch(/READ-ONLY/);
    const id = await proposeDead();
    const r = await call(ro, "approve_decision", { decision_id: id });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/read-only/);
    expect((await t.repos.decisions.get(id))?.status).toBe("pending");
  });
});

describe("resources and prompts", () => {
  it("serves the policy, the health summary and each situation", async () => {
    const client = await connect(shared, { name: "triage-bot", role: "agent" });
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(expect.arrayContaining(["fleet://policy", "fleet://health"]));
    const situations = resources.filter((r) => r.uri.startsWith("fleet://situations/"));
    expect(situations.length).toBeGreaterThan(0);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((r) => r.uriTemplate)).toContain("fleet://situations/{id}");
    const read = await client.readResource({ uri: situations[0]!.uri });
    const body = JSON.parse((read.contents[0] as { text: string }).text) as {
      situation_id: string;
      model_ids: string[];
    };
    expect(situations[0]!.uri).toBe(`fleet://situations/${body.situation_id}`);
    const policy = await client.readResource({ uri: "fleet://policy" });
    expect((policy.contents[0] as { text: string }).text).toContain("agent_may_approve_own");
    const health = await client.readResource({ uri: "fleet://health" });
    expect(JSON.parse((health.contents[0] as { text: string }).text)).toHaveProperty("coverage");
    const completion = await client.complete({
      ref: { type: "ref/resource", uri: "fleet://situations/{id}" },
      argument: { name: "id", value: "sit_" },
    });
    expect(completion.completion.values.length).toBe(situations.length);
  });

  it("offers a triage session and a daily review prompt", async () => {
    const client = await connect(shared, { name: "triage-bot", role: "agent" });
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(["daily_review", "triage_session"]);
    const triage = await client.getPrompt({ name: "triage_session", arguments: { provider: "openai" } });
    const text = (triage.messages[0]!.content as { text: string }).text;
    expect(text).toMatch(/list_situations with provider=openai/);
    // The thresholds are the policy's, which a person may change: the prompt names where they are.
    expect(text).toMatch(/get_policy: its auto_execute\.disable .*min_streak_hours.*no_success_days/);
    expect(text).not.toMatch(/48 hours|7 days/);
  });
});
