import { beforeAll, describe, expect, it } from "vitest";
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

beforeAll(async () => {
  t = await openTestDatabase("mcp-propose");
  await seedSmallFleet(t.repos);
  shared = await sharedFor(t, FLEET_NOW);
});

const alice = principalFor("alice", "operator");

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
