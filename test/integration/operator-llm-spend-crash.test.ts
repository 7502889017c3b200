import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { abandonedAfterMs } from "../../src/operator/budgeted-call.js";
import { decideWithLlm } from "../../src/operator/llm-decision.js";
import { createOperatorLlmChain } from "../../src/providers/llm/index.js";
import { OperatorVerdictsRepository } from "../../src/storage/operator-verdicts-repository.js";
import { PolicyRepository } from "../../src/storage/policy-repository.js";
import { ABANDONED_CALL_TEXT, SpendRepository, type SpendDoc } from "../../src/storage/spend-repository.js";
import { openTestDatabase } from "../helpers/database.js";
import { answerEvery, startFakeLlmServer, type FakeLlmServer } from "../helpers/fake-llm-server.js";
import { NOW, realisticSituations } from "../unit/operator-llm/fixtures.js";

/**
 * A process killed while its operator LLM call is in flight (kill -9, an OOM kill, a host gone):
 * the provider may bill the call, so the spend ledger must keep it. The call is written at its
 * estimate before it is made; here a real process makes it against the fake provider, which never
 * answers, and is killed with SIGKILL; the ledger must count the call towards today's budget, and
 * the next budgeted call (another process's) settles it into the day's totals, once.
 */

const { db } = await openTestDatabase("spend_crash");
let fake: FakeLlmServer;
beforeAll(async () => {
  fake = await startFakeLlmServer(() => ({ kind: "hang" }));
});
afterAll(() => fake.close());

const SPEND = "spend_crash";
const PRICES = JSON.stringify({ "gpt-5.2": { input: 1.25, output: 10 } });

function env(timeoutMs: number): Record<string, string> {
  return {
    OPENAI_API_KEY: "sk-test-openai-0000000000",
    OPENAI_BASE_URL: fake.openaiBaseUrl,
    OPERATOR_LLM: "openai:gpt-5.2",
    OPERATOR_LLM_PRICES: PRICES,
    OPERATOR_DAILY_BUDGET_USD: "1",
    OPERATOR_LLM_TIMEOUT_MS: String(timeoutMs),
  };
}

const src = (path: string) => JSON.stringify(new URL(`../../${path}`, import.meta.url).href);

/** A process that asks the operator's LLM about two situations, as an operator run would. */
function askingProcess() {
  const script = [
    `import { loadConfig } from ${src("src/config/config.ts")};`,
    `import { decideWithLlm } from ${src("src/operator/llm-decision.ts")};`,
    `import { createOperatorLlmChain } from ${src("src/providers/llm/index.ts")};`,
    `import { connectMongo } from ${src("src/storage/mongo.ts")};`,
    `import { OperatorVerdictsRepository } from ${src("src/storage/operator-verdicts-repository.ts")};`,
    `import { PolicyRepository } from ${src("src/storage/policy-repository.ts")};`,
    `import { SpendRepository } from ${src("src/storage/spend-repository.ts")};`,
    `import { NOW, realisticSituations } from ${src("test/unit/operator-llm/fixtures.ts")};`,
    `const config = loadConfig(${JSON.stringify(env(120_000))});`,
    `const db = (await connectMongo(${JSON.stringify(inject("mongoUri"))})).db(${JSON.stringify(db.databaseName)});`,
    "await decideWithLlm(realisticSituations(2), {",
    "  config, chain: createOperatorLlmChain(config), policies: new PolicyRepository(db),",
    `  spend: SpendRepository.over(db, ${JSON.stringify(SPEND)}),`,
    "  verdictCache: new OperatorVerdictsRepository(db, 'verdicts_crash'), now: NOW, runId: 'run-killed',",
    "});",
  ].join("\n");
  return spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "inherit", "inherit"],
  });
}

async function until(what: string, done: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!done()) throw new Error(`gave up waiting: ${what}`);
}

describe("an operator LLM call whose process is killed during it", () => {
  it("stays charged at its estimate, counts towards today's budget, and is settled into the day once", async () => {
    const child = askingProcess();
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (_code, signal) => resolve(signal ? 137 : _code)),
    );
    await until("the killed process's request at the fake provider", () => fake.requests.length === 1);
    child.kill("SIGKILL");
    expect(await exited).toBe(137);

    const spend = SpendRepository.over(db, SPEND);
    const ledger = () => db.collection<SpendDoc>(SPEND).find().sort({ at: 1, _id: 1 }).toArray();
    const [killed] = await ledger();
    expect(killed).toMatchObject({ run_id: "run-killed", model: "gpt-5.2", open: true, ok: false });
    expect(killed!.cost_usd).toBeGreaterThan(0);
    // The budget counts it; the day's totals (what `costs` and the console read) do not yet.
    expect(await spend.spentToday("operator", NOW)).toBeCloseTo(killed!.cost_usd, 12);
    expect((await spend.dayTotals("operator", ["2026-03-01"])).get("2026-03-01")).toBeUndefined();

    // Another process's next call, once no process can still wait for the killed one.
    fake.setScript(answerEvery("monitor", 0.6));
    const config = loadConfig(env(2_000));
    const later = new Date(NOW.getTime() + abandonedAfterMs(config) + 1_000);
    const result = await decideWithLlm(realisticSituations(2), {
      config,
      chain: createOperatorLlmChain(config),
      spend,
      policies: new PolicyRepository(db),
      verdictCache: new OperatorVerdictsRepository(db, "verdicts_crash"),
      now: later,
      runId: "run-next",
    });
    expect(result.ok).toBe(true);

    const [settled, next] = await ledger();
    expect(settled).not.toHaveProperty("open");
    expect(settled).toMatchObject({
      run_id: "run-killed",
      cost_usd: killed!.cost_usd,
      error: ABANDONED_CALL_TEXT,
    });
    expect(next).toMatchObject({ run_id: "run-next", ok: true, error: null });
    expect(next).not.toHaveProperty("open");
    const day = (await spend.dayTotals("operator", ["2026-03-01"])).get("2026-03-01");
    expect(day).toMatchObject({ runs: 2, ok: 1 });
    expect(day!.usd).toBeCloseTo(killed!.cost_usd + next!.cost_usd, 12);
    expect(await spend.spentToday("operator", later)).toBeCloseTo(day!.usd, 12);

    // Settling again finds nothing: the killed call is in the day once.
    expect(await spend.settleAbandoned("operator", later, abandonedAfterMs(config))).toBe(0);
    expect((await spend.dayTotals("operator", ["2026-03-01"])).get("2026-03-01")?.runs).toBe(2);
  });
});
