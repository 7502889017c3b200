import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimDueWork } from "../../src/benchmark/schedule/claim.js";
import { spendWithinBudget } from "../../src/invariants/checks/spend-within-budget.js";
import { silentLogger } from "../../src/logger.js";
import { runOperator } from "../../src/operator/run.js";
import { defaultPolicy, type Policy } from "../../src/policy/policy.js";
import { principalFor } from "../../src/policy/principal.js";
import { createOperatorLlmChain } from "../../src/providers/llm/index.js";
import type { SpendCategory } from "../../src/storage/spend-repository.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startFakeLlmServer, verdictsFor, type FakeLlmServer } from "../helpers/fake-llm-server.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";

/**
 * Issue 17 item 8: the policy's budgets are the budgets. The environment supplies defaults; a
 * policy that states a budget is what the operator's LLM call (a fake OpenAI server over real
 * HTTP) and benchmark claims are checked against, and what get_policy, get_costs and the spend
 * invariant show.
 */
let t: TestDatabase;
let fake: FakeLlmServer;
type L = Record<string, unknown>;
const admin = principalFor("alice", "admin");

beforeAll(async () => {
  fake = await startFakeLlmServer((req) => ({
    kind: "answer",
    answer: verdictsFor(req.situationIds, "monitor", 0.7),
  }));
  t = await openTestDatabase("policy-budgets", {
    OPENAI_API_KEY: "sk-test-key-000000",
    OPENAI_BASE_URL: fake.openaiBaseUrl,
    OPERATOR_LLM: "openai:gpt-test",
    OPERATOR_LLM_PRICES: JSON.stringify({ "gpt-test": { input: 1, output: 4 } }),
    OPERATOR_DAILY_BUDGET_USD: "2",
    BENCH_DAILY_BUDGET_USD: "3",
    BENCH_UNKNOWN_PRICE_USD: "0.01",
  });
  await seedSmallFleet(t.repos);
}, 60_000);

afterAll(async () => {
  await fake?.close();
});

async function spent(category: SpendCategory, costUsd: number): Promise<void> {
  await t.repos.spend.record({
    at: new Date(FLEET_NOW.getTime() - 3_600_000),
    category,
    purpose: category === "operator" ? "operator_decision" : "benchmark_run",
    runId: `earlier_${category}`,
    backend: "openai",
    model: "gpt-test",
    inputTokens: 1000,
    outputTokens: 100,
    costUsd,
    usageSource: "provider",
    latencyMs: 800,
    ok: true,
  });
}

async function setBudgets(budgets: Policy["budgets"]): Promise<void> {
  const policy = { ...defaultPolicy(), ...(budgets ? { budgets } : {}) };
  await t.repos.policies.set(policy, admin, FLEET_NOW, "test: budgets");
}

async function views(): Promise<{ policy: L; costs: L }> {
  const agent = await connect(sharedFor(t, FLEET_NOW), { name: "viewer-bot", role: "viewer" });
  const policy = (await call(agent, "get_policy", {})).structured as L;
  const costs = (await call(agent, "get_costs", { days: 1 })).structured as L;
  await agent.close();
  return { policy: policy["budgets_in_force"] as L, costs: costs["budgets"] as L };
}

const operator = () => ({
  repos: t.repos,
  config: t.config,
  logger: silentLogger,
  chain: createOperatorLlmChain(t.config),
});

describe("budgets in force", () => {
  it("are the environment's while no policy states them, and every view says so", async () => {
    expect((await t.repos.policies.current()).policy.budgets).toBeUndefined();
    const { policy, costs } = await views();
    const expected = { operator_usd_per_day: 2, benchmark_usd_per_day: 3, alert_fraction: 0.8 };
    const source = { operator: "environment", benchmark: "environment" };
    expect(policy).toEqual({ ...expected, source });
    expect(costs).toEqual({ ...expected, source });
  });

  it("lowering the policy's operator budget below today's spend stops the next LLM call", async () => {
    await spent("operator", 0.5);
    await setBudgets({ operator_usd_per_day: 0.1 });
    const refused = await runOperator(operator(), { now: FLEET_NOW });
    expect(fake.requests).toHaveLength(0);
    expect(refused.run.decided_by).toBe("classifier");
    expect(refused.run.fallback_reason).toMatch(
      /^over_budget: openai:gpt-test: .* \(\$0\.5000 spent of \$0\.1 per day \(the policy's budget\)\), not called$/,
    );
    expect(await t.repos.spend.spentToday("operator", FLEET_NOW)).toBeCloseTo(0.5, 10);
    const { policy, costs } = await views();
    expect(policy).toMatchObject({
      operator_usd_per_day: 0.1,
      source: { operator: "policy", benchmark: "environment" },
    });
    expect(costs).toMatchObject({
      operator_usd_per_day: 0.1,
      source: { operator: "policy", benchmark: "environment" },
    });
    const check = await spendWithinBudget.evaluate({
      deps: { config: t.config, logger: silentLogger, repos: t.repos, clock: () => FLEET_NOW },
      now: FLEET_NOW,
      snapshot: () => Promise.reject(new Error("not needed")),
    });
    expect(check.status).toBe("violation");
    expect(check.summary).toContain("operator $0.5 of $0.1");

    // Raised again (above the environment's $2, which no longer matters): the LLM is asked.
    await setBudgets({ operator_usd_per_day: 5 });
    const asked = await runOperator(operator(), { now: FLEET_NOW });
    expect(fake.requests).toHaveLength(1);
    expect(asked.run.decided_by).toBe("llm");
    expect(await t.repos.spend.spentToday("operator", FLEET_NOW)).toBeGreaterThan(0.5);
  }, 60_000);

  it("the policy's benchmark budget, not the environment's, decides what may be claimed", async () => {
    await spent("benchmark", 1);
    // Four hours on, the same UTC day: anthropic's models are due again.
    const later = new Date(FLEET_NOW.getTime() + 4 * 3_600_000);
    const claim = (holder: string) =>
      claimDueWork(t.repos, t.config, { provider: "anthropic", limit: 1, now: later, holder });
    // The policy's $0.5 is below today's $1: nothing, though the environment's $3 would allow it.
    await setBudgets({ benchmark_usd_per_day: 0.5 });
    expect(await claim("r1")).toEqual([]);
    // A policy that states no budget: the environment's $3 applies again.
    await setBudgets(undefined);
    expect((await claim("r2")).map((i) => i.provider)).toEqual(["anthropic"]);
    const { costs } = await views();
    expect(costs).toMatchObject({ benchmark_usd_per_day: 3, source: { benchmark: "environment" } });
  });
});
