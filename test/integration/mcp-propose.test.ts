import { beforeAll, describe, expect, it } from "vitest";
import type { ConsoleLinker } from "../../src/console/links.js";
import { reject } from "../../src/decisions/service.js";
import { principalFor } from "../../src/policy/principal.js";
import type { ServerShared } from "../../src/server/create-mcp-server.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";

/**
 * What propose_disable and propose_enable accept and promise: a situation id is checked against
 * the current situations, each tool declares its own inputs, and the next step a session is
 * told is what approve_decision will do in that session.
 */
let t: TestDatabase;
let shared: ServerShared;

type L = Record<string, unknown>;

beforeAll(async () => {
  t = await openTestDatabase("mcp-propose");
  await seedSmallFleet(t.repos);
  shared = await sharedFor(t, FLEET_NOW);
});

const alice = principalFor("alice", "operator");

/** Rejects a test's proposal, so the next test's same proposal is a new decision. */
async function clear(id: string): Promise<void> {
  await reject(t.repos, id, alice, "only a test's proposal", FLEET_NOW);
}
const dead = [{ provider: "openai", model_id: "gpt-dead" }];
const REASON = "404 model_not_found for 72 hours, no success ever, openai otherwise healthy";

async function situationOf(provider: string): Promise<string> {
  const agent = await connect(shared, { name: "triage-bot", role: "agent" });
  const r = (await call(agent, "list_situations", { provider })).structured as L;
  return (r["situations"] as L[])[0]?.["situation_id"] as string;
}

describe("a proposal's situation is checked against the current situations", () => {
  it("refuses an unknown situation id and stores nothing", async () => {
    const agent = await connect(shared, { name: "triage-bot", role: "agent" });
    const before = await t.repos.decisions.count({});
    const r = await call(agent, "propose_disable", {
      targets: dead,
      reason: REASON,
      situation_id: "sit_000000000000",
    });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(
      /not_found.*No current situation sit_000000000000; nothing was proposed.*list_situations/,
    );
    expect(await t.repos.decisions.count({})).toBe(before);
  });

  it("refuses a situation whose models do not include the targets, and accepts the targets' own", async () => {
    const agent = await connect(shared, { name: "triage-bot", role: "agent" });
    const openai = await situationOf("openai");
    const together = await situationOf("together");
    expect(openai).not.toBe(together);
    const before = await t.repos.decisions.count({});
    const wrong = await call(agent, "propose_disable", {
      targets: [{ provider: "together", model_id: "mixtral-inj" }],
      reason: "404 for two days at together, the model is gone",
      situation_id: openai,
    });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(
      new RegExp(
        `invalid_input.*Situation ${openai} \\(openai, model_not_found\\) does not include together:mixtral-inj.*Its models: openai:gpt-dead`,
      ),
    );
    // One target outside the situation is enough to refuse the whole proposal.
    const mixed = await call(agent, "propose_disable", {
      targets: [...dead, { provider: "openai", model_id: "gpt-ok" }],
      reason: REASON,
      situation_id: openai,
    });
    expect(mixed.isError).toBe(true);
    expect(mixed.text).toMatch(/does not include openai:gpt-ok/);
    expect(await t.repos.decisions.count({})).toBe(before);

    const right = await call(agent, "propose_disable", {
      targets: dead,
      reason: REASON,
      situation_id: openai,
    });
    expect(right.isError, right.text).toBe(false);
    const id = (right.structured as L)["decision_id"] as string;
    expect(await t.repos.decisions.get(id)).toMatchObject({ situation_id: openai, status: "pending" });
    await clear(id);
  });

  it("propose_enable takes no situation: a disabled model is in none", async () => {
    const agent = await connect(shared, { name: "triage-bot", role: "agent" });
    const before = await t.repos.decisions.count({});
    const r = await call(agent, "propose_enable", {
      targets: [{ provider: "groq", model_id: "llama-old" }],
      reason: "groq lists it again since today",
      situation_id: await situationOf("openai"),
    });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/invalid_input.*situation_id/);
    expect(await t.repos.decisions.count({})).toBe(before);
  });
});

describe("each propose tool declares its own inputs", () => {
  it("propose_enable has no override or situation; both declare the evidence bound in their schema", async () => {
    const agent = await connect(shared, { name: "triage-bot", role: "agent" });
    const { tools } = await agent.listTools();
    const schema = (name: string) =>
      tools.find((x) => x.name === name)!.inputSchema as { properties: Record<string, L> };
    const enable = schema("propose_enable");
    const disable = schema("propose_disable");
    expect(Object.keys(enable.properties).sort()).toEqual(["confidence", "evidence", "reason", "targets"]);
    expect(JSON.stringify(enable)).not.toMatch(/disable/);
    expect(enable.properties["reason"]?.["description"]).toMatch(/measured again/);
    expect(Object.keys(disable.properties)).toEqual(expect.arrayContaining(["override", "situation_id"]));
    expect(disable.properties["situation_id"]?.["description"]).toMatch(
      /every target must be one of its models/,
    );
    for (const s of [enable, disable]) expect(s.properties["evidence"]).toMatchObject({ maxProperties: 20 });

    const evidence = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`fact_${i}`, i]));
    const r = await call(agent, "propose_disable", { targets: dead, reason: REASON, evidence });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/at most 20 evidence entries/);
  });

  it("propose_disable's evidence names the keys the server records itself, and its example uses none of them", async () => {
    const agent = await connect(shared, { name: "triage-bot", role: "agent" });
    const { tools } = await agent.listTools();
    const described = (tools.find((x) => x.name === "propose_disable")!.inputSchema as { properties: L })
      .properties["evidence"] as { description: string };
    const [example, own] = described.description.split(" The server records");
    for (const key of ["kind", "class", "failing_for_hours"]) {
      expect(own, key).toContain(key);
      expect(example, key).not.toContain(`"${key}"`);
    }
    const r = await call(agent, "propose_disable", {
      targets: dead,
      reason: REASON,
      evidence: { failing_for_hours: 1, catalog_checked: "not listed" },
    });
    expect(r.isError, r.text).toBe(false);
    const id = (r.structured as { decision_id: string }).decision_id;
    const stored = (await t.repos.decisions.get(id))!.evidence;
    expect(stored["catalog_checked"]).toBe("not listed");
    expect(stored["failing_for_hours"]).not.toBe(1);
    await clear(id);
  });
});

describe("the next step a propose tool gives is what approve_decision does in this session", () => {
  const fakeConsole: ConsoleLinker = {
    offer: () =>
      Promise.resolve({
        url: "http://127.0.0.1:1/console/link/x",
        opened: true,
        expiresAt: FLEET_NOW,
        servedHere: true,
      }),
  };

  async function proposeAs(opts: Parameters<typeof connect>[1], on: ServerShared = shared) {
    const session = await connect(on, opts);
    const p = await call(session, "propose_disable", { targets: dead, reason: REASON });
    expect(p.isError, p.text).toBe(false);
    const out = p.structured as { decision_id: string; next_step: string; you_may_approve: boolean };
    const d = (await call(session, "get_decision", { decision_id: out.decision_id })).structured as {
      next_step: string;
      caller: { may_approve: boolean; how_a_human_approves: string | null };
    };
    const policy = (await call(session, "get_policy")).structured as {
      caller: { human_confirmation: string };
    };
    // Where it cannot change anything, what approve_decision answers (else the next test's is a duplicate).
    const approve = opts?.delegated
      ? await call(session, "approve_decision", { decision_id: out.decision_id })
      : null;
    await clear(out.decision_id);
    return {
      out,
      caller: d.caller,
      next: d.next_step,
      confirmation: policy.caller.human_confirmation,
      approve,
    };
  }

  it("without elicitation or a console: no promise of a confirmation, the CLI instead", async () => {
    const r = await proposeAs({ principal: alice, delegated: true });
    expect(r.confirmation).toBe("unavailable");
    expect(r.out.next_step).not.toMatch(/asked to confirm/);
    expect(r.out.next_step).toMatch(
      /cannot ask alice to confirm.*changes nothing.*bench-operator decisions approve dec_/,
    );
    expect(r.caller.how_a_human_approves).toBe(r.out.next_step.replace(/^Pending\. /, ""));
    expect(r.approve?.isError).toBe(true);
    expect(r.next).toMatch(/approve_decision \{"decision_id": "dec_\w+"\} changes nothing from this session/);
  });

  it("without elicitation but with the console (Claude Desktop): the console link", async () => {
    const desktop = { ...shared, services: { ...shared.services, console: fakeConsole } };
    const r = await proposeAs({ principal: alice, delegated: true }, desktop);
    expect(r.confirmation).toBe("by_console_link");
    expect(r.out.next_step).not.toMatch(/asked to confirm/);
    expect(r.out.next_step).toMatch(
      /alice approves it in the console.*opens the decision's page in alice's browser/,
    );
    expect(r.caller).toMatchObject({ may_approve: true });
    expect(r.caller.how_a_human_approves).toMatch(/one-time link/);
    // Not a refusal: the page is in front of alice, and the answer says nothing was approved.
    expect(r.approve?.isError).toBe(false);
    expect(r.approve?.structured).toMatchObject({ handed_to_person: true, status: "pending", batch: null });
    expect((r.approve?.structured as { next_step: string }).next_step).toMatch(
      /^alice decides this in person\. The server opened the page of decision .*Nothing was changed by this call/s,
    );
    // get_decision's next step says the same: approve_decision opens the page, it does not execute.
    expect(r.next).toMatch(
      /^Pending: approve_decision \{"decision_id": "dec_\w+"\} opens its console page in alice's browser/,
    );
  });

  it("with elicitation: the human is asked; with an operator's own credential: nothing to add", async () => {
    const asked = await proposeAs({
      principal: alice,
      delegated: true,
      elicit: () => ({ action: "decline" }),
    });
    expect(asked.confirmation).toBe("by_elicitation");
    expect(asked.out.next_step).toMatch(
      /approve_decision \{"decision_id": "dec_\w+"\} asks alice to confirm in this client/,
    );
    expect(asked.caller.how_a_human_approves).toMatch(/asks alice to confirm/);

    const direct = await proposeAs({ principal: alice, delegated: false });
    expect(direct.confirmation).toBe("not_needed");
    expect(direct.out.next_step).toMatch(/^Pending\. You may approve it: approve_decision/);
    expect(direct.caller.how_a_human_approves).toBeNull();
    expect(direct.next).toMatch(/^Pending: approve_decision \{"decision_id": "dec_\w+"\} executes it;/);
    expect(asked.next).toMatch(/asks alice to confirm, then executes it;/);
  });
});

describe("run_operator with ask_llm in a session that cannot confirm", () => {
  it("says it spends on the operator LLM, not that it changes the fleet, and names the dry-run command", async () => {
    const desktop = await connect(shared, { principal: alice, delegated: true });
    const r = await call(desktop, "run_operator", { ask_llm: true, provider: "openai" });
    expect(r.isError).toBe(true);
    expect(r.text).not.toMatch(/changes the fleet/);
    expect(r.text).toMatch(
      /run_operator spends on the operator LLM .* in the name of alice, so alice must confirm it personally/,
    );
    expect(r.text).toContain("`bench-operator operator run --dry-run --ask-llm --provider openai`");
    expect(r.text).toMatch(/Nothing was done/);

    const agent = await connect(shared, { name: "triage-bot", role: "agent" });
    const refused = await call(agent, "run_operator", { ask_llm: true });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain("`bench-operator operator run --dry-run --ask-llm`");
  });
});
