import { describe, expect, inject, it } from "vitest";
import { registerBenchmarkCommands } from "../../src/cli/commands/benchmark.js";
import { defaultPolicy } from "../../src/policy/policy.js";
import { principalFor } from "../../src/policy/principal.js";
import type { SpendEntry } from "../../src/storage/spend-repository.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * `costs` answers a person's "what has the operator's LLM cost today?" as get_costs answers an agent:
 * after `operator run --dry-run --ask-llm` or a report's assessment, the CLI showed benchmark spend only.
 */
describe("costs: the operator's LLM spend today", () => {
  it("counts today's closed and in-flight calls against the policy's operator budget, not yesterday's", async () => {
    const t = await openTestDatabase("costs-operator-today");
    // The CLI reads "today" on its own clock: not within a minute of UTC midnight, where the two could differ.
    const toMidnight = 86_400_000 - (Date.now() % 86_400_000);
    if (toMidnight < 60_000) await new Promise((r) => setTimeout(r, toMidnight + 1_000));
    const now = new Date();
    const call = (at: Date, costUsd: number, runId: string): SpendEntry => ({
      at,
      category: "operator",
      purpose: "operator_decision",
      runId,
      backend: "openai",
      model: "gpt-5-mini",
      inputTokens: 2000,
      outputTokens: 400,
      costUsd,
      usageSource: "provider",
      latencyMs: 900,
      ok: true,
    });
    await t.repos.policies.set(
      {
        ...defaultPolicy(),
        budgets: { operator_usd_per_day: 2, benchmark_usd_per_day: 10, alert_fraction: 0.8 },
      },
      principalFor("alice", "admin"),
      now,
      "test: budgets",
    );
    await t.repos.spend.record(call(now, 0.25, "run_a"));
    await t.repos.spend.record(call(now, 0.5, "run_b"));
    await t.repos.spend.open(call(now, 0.125, "run_c"));
    await t.repos.spend.record(call(new Date(now.getTime() - 2 * 86_400_000), 1.5, "run_old"));
    const cli = inProcessCli(
      () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
      [registerBenchmarkCommands],
    );

    const text = await cli("costs");
    expect(text).toContain(
      "operator LLM today: 0.8750 (incl. 0.1250 for 1 call in flight) of 2 USD spent in 3 calls (the policy's budget), 1.1250 left",
    );
    expect(text).toMatch(
      /^benchmark today: 0\.0000 of 10 USD spent \(the policy's budget\), 10\.0000 left$/m,
    );

    const json = JSON.parse(await cli("costs", "--json")) as Record<string, unknown>;
    expect(json["operator_today"]).toEqual({
      limit_usd_per_day: 2,
      spent_usd: 0.875,
      calls: 3,
      in_flight_usd: 0.125,
      in_flight_calls: 1,
      left_usd: 1.125,
      source: "policy",
    });
  }, 90_000);
});
