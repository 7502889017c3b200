import type { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { changeSlotKey } from "../../src/decisions/pending-slot.js";
import { expirePending, proposeMany, proposeOnce, reject } from "../../src/decisions/service.js";
import { principalFor, SYSTEM_PRINCIPAL } from "../../src/policy/principal.js";
import type { ServerShared } from "../../src/server/create-mcp-server.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { createRepositories, type Repositories } from "../../src/storage/repositories.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";

/**
 * Two sessions proposing the same change at the same moment make one pending decision: each
 * proposer holds its own connection to the database (as separate server processes would), and
 * every one but the first gets the pending decision back, as a proposer after it would.
 */
const N = 6;
let t: TestDatabase;
/** One database connection per concurrent proposer. */
const sessions: { client: MongoClient; repos: Repositories; shared: ServerShared }[] = [];

beforeAll(async () => {
  t = await openTestDatabase("propose-once");
  await seedSmallFleet(t.repos);
  for (let i = 0; i < N; i++) {
    const client = await connectMongo(inject("mongoUri"));
    const repos = createRepositories(client.db(t.db.databaseName), t.config.collections);
    sessions.push({ client, repos, shared: await sharedFor({ ...t, client, repos }, FLEET_NOW) });
  }
});

afterAll(async () => {
  for (const s of sessions) await s.client.close();
});

const alice = principalFor("alice", "operator");
const dead = [{ provider: "openai", model_id: "gpt-dead" }];
const REASON = "404 model_not_found for 72 hours, no success ever, openai otherwise healthy";

type L = Record<string, unknown>;

/** The fast pass's proposal to deprecate one openai model. */
function deprecation(model_id: string) {
  return {
    action: "deprecate" as const,
    targets: [{ provider: "openai", model_id }],
    confidence: 0.9,
    reasoning: "the provider flags this model deprecated",
    proposer: { kind: "fast_pass" as const, name: "fast-pass" },
  };
}

async function stored(action: string): Promise<{ _id: string; status: string }[]> {
  const all = await t.repos.decisions.find({ provider: "openai", model_id: "gpt-dead" });
  return all.filter((d) => d.action === action).map((d) => ({ _id: d._id, status: d.status }));
}

/** Every session proposes the disable at once through its own MCP session and connection. */
async function proposeAtOnce(): Promise<L[]> {
  const agents = await Promise.all(
    sessions.map((s, i) => connect(s.shared, { name: `triage-bot-${i}`, role: "agent" })),
  );
  const results = await Promise.all(
    agents.map((a) => call(a, "propose_disable", { targets: dead, reason: REASON })),
  );
  for (const r of results) expect(r.isError, r.text).toBe(false);
  return results.map((r) => r.structured!);
}

describe("concurrent proposals of the same change", () => {
  let first = "";

  it("store one pending decision, and every other proposer is handed it as already pending", async () => {
    const results = await proposeAtOnce();
    const decisions = await stored("disable");
    // One decision, pending; none stored and then superseded by the burst.
    expect(decisions).toEqual([{ _id: expect.any(String), status: "pending" }]);
    first = decisions[0]!._id;
    expect(results.map((r) => r["decision_id"])).toEqual(Array(N).fill(first));
    expect(results.filter((r) => r["already_pending"] === false)).toHaveLength(1);
    for (const r of results.filter((r) => r["already_pending"] === true)) {
      expect(r["status"]).toBe("pending");
      expect(r["next_step"]).toMatch(
        /^Already pending since 2026-11-20T12:00:00.000Z; no new decision was made/,
      );
    }
  });

  it("a decision leaving pending frees the change: the next burst proposes it again, once", async () => {
    await reject(t.repos, first, alice, "a test clears its proposal", FLEET_NOW);
    await proposeAtOnce();
    const after = await stored("disable");
    expect(after.filter((d) => d.status === "pending")).toHaveLength(1);
    const second = after.find((d) => d.status === "pending")!._id;
    expect(second).not.toBe(first);
    expect(after.find((d) => d._id === first)?.status).toBe("rejected");

    // Expiry frees it too.
    expect(await expirePending(t.repos, new Date(FLEET_NOW.getTime() + 30 * 24 * 3_600_000))).toBe(1);
    await proposeAtOnce();
    const third = await stored("disable");
    expect(third.filter((d) => d.status === "pending")).toHaveLength(1);
    expect(third.find((d) => d._id === second)?.status).toBe("expired");
  });

  it("the operator run's proposals at the same moment record one pending decision", async () => {
    const before = (await stored("deprecate")).length;
    const proposal = {
      action: "deprecate" as const,
      targets: dead,
      confidence: 0.9,
      reasoning: "the provider flags this model deprecated",
      proposer: { kind: "fast_pass" as const, name: "fast-pass" },
    };
    const runs = await Promise.all(
      sessions.map((s) => proposeMany(s.repos, [proposal], SYSTEM_PRINCIPAL, { now: FLEET_NOW }, FLEET_NOW)),
    );
    const decisions = (await stored("deprecate")).slice(before);
    expect(decisions).toEqual([{ _id: expect.any(String), status: "pending" }]);
    expect(runs.map((r) => r[0]!._id)).toEqual(Array(N).fill(decisions[0]!._id));
  });

  it("a change whose proposer stopped after claiming it, or whose decision left pending without giving it back, is proposed", async () => {
    const deprecate = deprecation("gpt-ok2");
    const key = changeSlotKey({ ...deprecate, evidence: {} });
    const propose = () => proposeOnce(t.repos, deprecate, SYSTEM_PRINCIPAL, { now: FLEET_NOW }, FLEET_NOW);
    // A proposer that claimed the change two minutes ago (by the database's clock, on which a
    // slot's age is measured) and never stored its decision.
    const stopped = new Date((await t.repos.database.now()).getTime() - 120_000);
    expect(await t.repos.claims.claimOnce(key, stopped, "dec_never_stored")).toBe(true);
    const first = await propose();
    expect(first).toMatchObject({ duplicate: false, decision: { status: "pending" } });
    expect((await t.repos.claims.find([key])).get(key)?.holder).toBe(first.decision._id);
    expect(await propose()).toMatchObject({ duplicate: true, decision: { _id: first.decision._id } });

    // The slot of a decision that left pending, still held (a crash between the move and the
    // give-back): the next proposal takes it over.
    await reject(t.repos, first.decision._id, alice, "a test clears its proposal", FLEET_NOW);
    expect(await t.repos.claims.claimOnce(key, FLEET_NOW, first.decision._id)).toBe(true);
    const again = await propose();
    expect(again).toMatchObject({ duplicate: false, decision: { status: "pending" } });
    expect(again.decision._id).not.toBe(first.decision._id);
  });

  it("a live proposer's slot holds against a proposer whose clock runs two minutes ahead: nothing is proposed twice", async () => {
    const deprecate = deprecation("gpt-ok");
    const key = changeSlotKey({ ...deprecate, evidence: {} });
    // A proposer on another host has just claimed the change and is about to store its decision.
    const claimedAt = await t.repos.database.now();
    const intent = { proposed_by: "triage-bot-east" };
    expect(await t.repos.claims.claimOnce(key, claimedAt, "dec_being_stored", intent)).toBe(true);
    // This host's clock runs two minutes ahead of the database's: by its own clock the slot is
    // past the one-minute cut-off for a holder that stopped, though the holder is live.
    const ahead = new Date(claimedAt.getTime() + 120_000);
    const refused = proposeOnce(t.repos, deprecate, SYSTEM_PRINCIPAL, { now: ahead }, ahead);
    await expect(refused).rejects.toMatchObject({
      code: "unavailable",
      message: expect.stringContaining("is being proposed by triage-bot-east"),
    });
    const decisions = await t.repos.decisions.find({ provider: "openai", model_id: "gpt-ok" });
    expect(decisions.filter((d) => d.action === "deprecate")).toEqual([]);
    expect((await t.repos.claims.find([key])).get(key)?.holder).toBe("dec_being_stored");
  });
});
