import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/auth/tokens.js";
import { silentLogger } from "../../src/logger.js";
import { principalFor } from "../../src/policy/principal.js";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { httpClient } from "../e2e/support/http-client.js";
import { call } from "../e2e/support/in-memory.js";

/**
 * A scripted triage session on a small seeded fleet, as an agent would run it over HTTP:
 * list situations, inspect a model, propose a disable, fail to approve it as the agent, have an
 * operator approve it, look at the batch, revert it.
 */
let t: TestDatabase;
let server: RunningHttpServer;
let agentToken: string;
let operatorToken: string;

beforeAll(async () => {
  t = await openTestDatabase("mcp-agent-session");
  await seedSmallFleet(t.repos);
  const repo = t.repos.apiTokens;
  const admin = principalFor("root", "admin");
  agentToken = (await createToken(repo, "night-triage", "agent", admin, FLEET_NOW)).token;
  operatorToken = (await createToken(repo, "dana", "operator", admin, FLEET_NOW)).token;
  server = await startHttpServer(
    { config: t.config, logger: silentLogger, repos: t.repos, clock: () => FLEET_NOW },
    { host: "127.0.0.1", port: 0, readOnly: false },
  );
});

afterAll(async () => {
  await server?.close();
});

describe("a scripted agent session", () => {
  it("triages, proposes, is refused approval, an operator approves, the batch is seen and reverted", async () => {
    const agent = await httpClient(server.url, agentToken, "scripted-agent");

    const health = (await call(agent, "get_fleet_health")).structured as {
      pending_decisions: { count: number };
    };
    expect(health.pending_decisions.count).toBe(0);

    const sits = (await call(agent, "list_situations")).structured as {
      situations: {
        situation_id: string;
        provider: string;
        kind: string;
        error_class: string;
        model_ids: string[];
        suggestion: { action: string };
      }[];
    };
    const hard = sits.situations.filter((s) => s.error_class === "hard");
    const transient = sits.situations.find((s) => s.kind === "rate_limit");
    expect(transient?.suggestion.action).toBe("monitor");
    const target = hard.find((s) => s.provider === "openai")!;
    expect(target.model_ids).toEqual(["gpt-dead"]);

    const signals = (await call(agent, "get_model_signals", { provider: "openai", model_id: "gpt-dead" }))
      .structured as {
      failing_for_hours: number;
      last_success_at: string | null;
      situation_id: string;
    };
    expect(signals.failing_for_hours).toBeGreaterThan(48);
    expect(signals.last_success_at).toBeNull();
    expect(signals.situation_id).toBe(target.situation_id);

    const proposal = (
      await call(agent, "propose_disable", {
        targets: [{ provider: "openai", model_id: "gpt-dead" }],
        reason: `model_not_found for ${signals.failing_for_hours} h, never succeeded; openai otherwise healthy`,
        situation_id: target.situation_id,
      })
    ).structured as { decision_id: string; status: string; next_step: string };
    expect(proposal.status).toBe("pending");

    const refused = await call(agent, "approve_decision", { decision_id: proposal.decision_id });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/may not approve/);
    expect((await t.repos.models.get({ provider: "openai", model_id: "gpt-dead" }))?.enabled).toBe(true);

    const operator = await httpClient(server.url, operatorToken, "operator-console");
    const pending = (await call(operator, "list_decisions", { status: "pending" })).structured as {
      decisions: { decision_id: string }[];
    };
    expect(pending.decisions.map((d) => d.decision_id)).toContain(proposal.decision_id);
    const approved = (await call(operator, "approve_decision", { decision_id: proposal.decision_id }))
      .structured as {
      status: string;
      batch: { batch_id: string };
    };
    expect(approved.status).toBe("executed");

    const seen = (await call(agent, "get_decision", { decision_id: proposal.decision_id })).structured as {
      decision: { status: string; approved_by: string };
      batch: { batch_id: string; changes: { model_id: string; status: string; fields: string[] }[] };
    };
    expect(seen.decision).toMatchObject({ status: "executed", approved_by: "dana" });
    expect(seen.batch.batch_id).toBe(approved.batch.batch_id);
    expect(seen.batch.changes[0]).toMatchObject({ model_id: "gpt-dead", status: "applied" });
    expect(seen.batch.changes[0]!.fields).toContain("enabled");
    expect((await t.repos.models.get({ provider: "openai", model_id: "gpt-dead" }))?.enabled).toBe(false);

    const agentRevert = await call(agent, "revert_batch", { batch_id: approved.batch.batch_id });
    expect(agentRevert.isError).toBe(true);
    const reverted = (await call(operator, "revert_batch", { batch_id: approved.batch.batch_id }))
      .structured as { status: string; restored: number };
    expect(reverted).toMatchObject({ status: "applied", restored: 1 });
    expect((await t.repos.models.get({ provider: "openai", model_id: "gpt-dead" }))?.enabled).toBe(true);

    const calls = await t.db.collection("tool_calls").find({ "principal.name": "night-triage" }).toArray();
    expect(calls.map((c) => String(c["tool"]))).toEqual(
      expect.arrayContaining([
        "list_situations",
        "get_model_signals",
        "propose_disable",
        "approve_decision",
        "revert_batch",
      ]),
    );
    await agent.close();
    await operator.close();
  });
});
