import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { registerDecisionsCommands } from "../../src/cli/commands/decisions.js";
import { actDirectly } from "../../src/decisions/direct.js";
import { revertAs } from "../../src/decisions/service.js";
import { principalFor } from "../../src/policy/principal.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";

/**
 * A decision whose batch was reverted is no longer in force, and every list of decisions says so:
 * list_decisions (served from the rows kept in memory, so also after a revert that changed no
 * decision) and the CLI's decisions list.
 */
let t: TestDatabase;
let agent: Client;
const operator = principalFor("alice", "operator");
type L = Record<string, unknown>;

beforeAll(async () => {
  t = await openTestDatabase("decisions-reverted");
  await seedSmallFleet(t.repos);
  agent = await connect(await sharedFor(t, FLEET_NOW), { name: "triage-bot", role: "agent" });
});

const disable = (model_id: string) => ({
  action: "disable" as const,
  targets: [{ provider: "openai", model_id }],
  reason: "404 model_not_found for three days",
});

describe("a reverted decision in the lists", () => {
  it("list_decisions marks it reverted (by whom, when, which batch), also when the list was read before the revert", async () => {
    const kept = await actDirectly(t.repos, operator, disable("gpt-dead"), FLEET_NOW);
    const undone = await actDirectly(t.repos, operator, disable("gpt-ok2"), FLEET_NOW);
    const executed = async (args: L = {}): Promise<L[]> =>
      (
        (await call(agent, "list_decisions", { status: "executed", ...args })).structured as {
          decisions: L[];
        }
      ).decisions;
    // Read (and kept in memory) before the revert, which writes batches only.
    expect((await executed()).map((d) => d["reverted"])).toEqual([null, null]);

    const { revert } = await revertAs(t.repos, undone.batch!._id, operator, FLEET_NOW);
    const rows = await executed();
    const byId = new Map(rows.map((d) => [d["decision_id"], d]));
    expect(byId.get(undone.decision._id)).toMatchObject({
      status: "executed",
      batch_id: undone.batch!._id,
      reverted: { revert_batch_id: revert._id, by: "alice", at: revert.created_at.toISOString() },
    });
    expect(byId.get(kept.decision._id)?.["reverted"]).toBeNull();
    expect((await executed({ reverted: false })).map((d) => d["decision_id"])).toEqual([kept.decision._id]);
    expect((await executed({ reverted: true })).map((d) => d["decision_id"])).toEqual([undone.decision._id]);

    const one = (await call(agent, "get_decision", { decision_id: undone.decision._id })).structured as {
      decision: L;
    };
    expect(one.decision["reverted"]).toMatchObject({ revert_batch_id: revert._id, by: "alice" });
  });

  it("the CLI's decisions list says so too", async () => {
    const cli = inProcessCli(
      () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.db.databaseName }),
      [registerDecisionsCommands],
    );
    const json = JSON.parse(await cli("decisions", "list", "--status", "executed", "--json")) as L[];
    expect(json.filter((d) => d["reverted"]).map((d) => (d["reverted"] as L)["by"])).toEqual(["alice"]);
    const text = await cli("decisions", "list", "--status", "executed");
    expect(text).toContain("executed, reverted");
  });
});
