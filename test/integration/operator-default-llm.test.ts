import { beforeAll, afterAll, describe, expect, inject, it } from "vitest";
import { registerOperatorCommands } from "../../src/cli/commands/operator.js";
import { loadConfig } from "../../src/config/config.js";
import { seedDemoFleet } from "../../src/demo/seed.js";
import { silentLogger } from "../../src/logger.js";
import { runOperator } from "../../src/operator/run.js";
import { createOperatorLlmChain } from "../../src/providers/llm/index.js";
import { principalFor } from "../../src/policy/principal.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  fakeBedrockCredentials,
  startFakeLlmServer,
  verdictsFor,
  type FakeLlmServer,
} from "../helpers/fake-llm-server.js";

/**
 * Issue 17 item 9: an OpenAI key alone (pointed at the fake server) gives LLM decisions, charged
 * at the built-in price into the spend ledger and within the daily budget; a model without any
 * price falls back to the classifier and says why; a dry run may ask the LLM once, and that call
 * is charged and recorded while nothing else is written.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const USAGE = { inputTokens: 4_000, outputTokens: 600 };
/** gpt-5-mini's built-in price: $0.25 in, $2 out per million tokens. */
const CALL_COST = (USAGE.inputTokens * 0.25 + USAGE.outputTokens * 2) / 1e6;
/** Claude Haiku 4.5 on a `us.` profile: $1 and $5 plus the 10% geographic premium. */
const BEDROCK_COST = (USAGE.inputTokens * 1.1 + USAGE.outputTokens * 5.5) / 1e6;

let t: TestDatabase;
let fake: FakeLlmServer;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeLlmServer((req) => ({
    kind: "answer",
    usage: USAGE,
    answer: verdictsFor(req.situationIds, "monitor", 0.7, "watch it for another day"),
  }));
  env = { OPENAI_API_KEY: "sk-test-key-000000", OPENAI_BASE_URL: fake.openaiBaseUrl };
  t = await openTestDatabase("operator-default-llm", env);
  await seedDemoFleet(t.repos, { seed: 11, now: NOW, models: 60, days: 5, cadenceHours: 3 });
}, 180_000);

afterAll(async () => {
  await fake.close();
});

const deps = (config = t.config) => ({
  repos: t.repos,
  config,
  logger: silentLogger,
  chain: createOperatorLlmChain(config),
});

describe("LLM decisions with only an API key", () => {
  it("chooses the default model, which has a built-in price", () => {
    expect(t.config.operator.llm).toEqual([{ backend: "openai", model: "gpt-5-mini" }]);
    expect(t.config.operator.llmChosenBy).toMatch(/OPERATOR_LLM is empty and OPENAI_API_KEY is set/);
    expect(t.config.operator.prices).toEqual({});
  });

  it("a dry run that asks the LLM shows its verdicts, records the call's spend and writes nothing else", async () => {
    const result = await runOperator(deps(), { dryRun: true, askLlm: true, now: NOW });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.model).toBe("gpt-5-mini");
    expect(result.run.decided_by).toBe("llm");
    expect(result.verdicts.size).toBe(fake.requests[0]!.situationIds.length);
    expect([...result.verdicts.values()].map((v) => v.verdict.action)).toContain("monitor");
    const spend = await t.repos.spend.forRun(result.run._id);
    expect(spend).toEqual([
      expect.objectContaining({ purpose: "operator_decision", model: "gpt-5-mini", ok: true }),
    ]);
    expect(spend[0]!.costUsd).toBeCloseTo(CALL_COST, 12);
    // Nothing but the spend: no decision, no run record, no remembered verdict.
    expect(await t.repos.decisions.find({})).toEqual([]);
    expect(await t.repos.operatorState.unfinishedRuns()).toEqual([]);
    expect(await t.repos.verdicts.lookup(result.situations)).toEqual([]);
  });

  it("a model with no price anywhere is not called: the classifier decides and the run says why", async () => {
    const config = loadConfig({
      ...env,
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: t.config.mongodb.db,
      OPERATOR_LLM: "openai:gpt-unpriced-9",
    });
    const before = fake.requests.length;
    const result = await runOperator(deps(config), { dryRun: true, askLlm: true, now: NOW });
    expect(fake.requests.length).toBe(before);
    expect(result.run.decided_by).toBe("classifier");
    expect(result.run.fallback_reason).toMatch(
      /^no_price: openai:gpt-unpriced-9: no price \(not in the built-in table.*nor in OPERATOR_LLM_PRICES\), not called$/,
    );
  });

  it("Bedrock credentials alone choose a Claude Haiku profile, charged at its built-in price with the profile's premium", async () => {
    const config = loadConfig({
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: t.config.mongodb.db,
      AWS_ACCESS_KEY_ID: fakeBedrockCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: fakeBedrockCredentials.secretAccessKey,
      BEDROCK_ENDPOINT_URL: fake.bedrockUrl,
    });
    expect(config.operator.llmChosenBy).toBe(
      "default: OPERATOR_LLM is empty and Bedrock credentials (AWS_ACCESS_KEY_ID)",
    );
    const bedrockDeps = {
      ...deps(config),
      chain: createOperatorLlmChain(config, { bedrock: { credentials: fakeBedrockCredentials } }),
    };
    const before = fake.requests.length;
    const result = await runOperator(bedrockDeps, { dryRun: true, askLlm: true, now: NOW });
    expect(fake.requests.length - before).toBe(1);
    expect(fake.requests.at(-1)).toMatchObject({
      api: "bedrock",
      model: "us.anthropic.claude-haiku-4-5-20251001-v1:0",
    });
    const [entry] = await t.repos.spend.forRun(result.run._id);
    expect(entry).toMatchObject({ backend: "bedrock", ok: true });
    expect(entry!.costUsd).toBeCloseTo(BEDROCK_COST, 12);
  });

  it("a real run decides by LLM, charged at the built-in price and within the daily budget", async () => {
    const before = fake.requests.length;
    const result = await runOperator(deps(), { now: NOW });
    expect(fake.requests.length - before).toBe(1);
    expect(result.run).toMatchObject({ decided_by: "llm", outcome: "ok" });
    expect(result.run.llm.cost_usd).toBeCloseTo(CALL_COST, 12);
    const spent = await t.repos.spend.spentToday("operator", NOW);
    // The dry runs' calls count against the same day's budget.
    expect(spent).toBeCloseTo(2 * CALL_COST + BEDROCK_COST, 12);
    expect(spent).toBeLessThanOrEqual(t.config.operator.dailyBudgetUsd);
    const decisions = await t.repos.decisions.find({});
    expect(decisions.length).toBeGreaterThan(0);
  });

  it("`operator run --dry-run --ask-llm` prints the chain and the LLM's verdicts", async () => {
    const cli = inProcessCli(
      () => ({ ...env, MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
      [registerOperatorCommands],
    );
    const before = fake.requests.length;
    const out = await cli("operator", "run", "--dry-run", "--ask-llm");
    expect(out).toMatch(
      /LLM chain: openai:gpt-5-mini \(default: OPERATOR_LLM is empty and OPENAI_API_KEY is set\)/,
    );
    expect(out).toMatch(/\(dry run: nothing written\)/);
    // At most the one call (the CLI runs on today's clock: its situations may be cached or new).
    expect(fake.requests.length - before).toBeLessThanOrEqual(1);
    expect(out).toMatch(/LLM openai:gpt-5-mini on \S+: monitor \(0\.7\) watch it for another day/);
    await expect(cli("operator", "run", "--ask-llm")).rejects.toThrow(/--ask-llm needs --dry-run/);

    // A dry run without --ask-llm leaves the LLM out on purpose: not a degraded run, and it says
    // how to ask it. Nothing is called.
    const asked = fake.requests.length;
    const plain = await cli("operator", "run", "--dry-run");
    expect(plain).toMatch(
      /: ok, decided by (classifier|cache) \(dry run: the LLM is not called; --ask-llm asks it once, charged to the operator's daily budget\)/,
    );
    expect(fake.requests.length).toBe(asked);
  });
});

describe("run_operator with ask_llm over MCP", () => {
  // A fleet of its own, so that no earlier run's cached verdicts answer instead of the LLM.
  let fresh: TestDatabase;
  beforeAll(async () => {
    fresh = await openTestDatabase("operator-ask-llm-mcp", env);
    await seedDemoFleet(fresh.repos, { seed: 12, now: NOW, models: 50, days: 5, cadenceHours: 3 });
  }, 180_000);

  it("a human operator's confirmed dry run asks the LLM once, charged, and writes no decision", async () => {
    const t = fresh;
    const shared = sharedFor(t, NOW);
    const alice = principalFor("alice", "operator");
    const prompts: string[] = [];
    const client = await connect(shared, {
      principal: alice,
      delegated: true,
      elicit: (m) => (prompts.push(m), { action: "accept", content: { confirm: true } }),
    });
    const decisionsBefore = (await t.repos.decisions.find({})).length;
    const spentBefore = await t.repos.spend.spentToday("operator", NOW);
    const callsBefore = fake.requests.length;
    const r = await call(client, "run_operator", { dry_run: true, ask_llm: true });
    expect(r.isError, r.text).toBe(false);
    expect(prompts[0]).toMatch(/Ask the operator LLM what it would decide\? One call, charged/);
    const out = r.structured as {
      dry_run: boolean;
      decided_by: string;
      llm: { calls: number; cost_usd: number };
    };
    expect(out.dry_run).toBe(true);
    expect(out.decided_by).toBe("llm");
    expect(out.llm.calls).toBe(1);
    expect(fake.requests.length - callsBefore).toBe(1);
    const spentAfter = await t.repos.spend.spentToday("operator", NOW);
    expect(spentAfter - spentBefore).toBeCloseTo(out.llm.cost_usd, 12);
    expect((await t.repos.decisions.find({})).length).toBe(decisionsBefore);
  });

  it("refuses an agent (spend is a human's call) and ask_llm on a real run, spending nothing", async () => {
    const agent = await connect(sharedFor(t, NOW), { name: "triage-bot", role: "agent" });
    const callsBefore = fake.requests.length;
    const denied = await call(agent, "run_operator", { dry_run: true, ask_llm: true });
    expect(denied.isError).toBe(true);
    expect(denied.text).toMatch(/Only a human operator or admin spends on the operator LLM/);
    const plain = await call(agent, "run_operator", { dry_run: true });
    expect(plain.isError, plain.text).toBe(false);
    const human = await connect(sharedFor(t, NOW), { principal: principalFor("alice", "operator") });
    const wrong = await call(human, "run_operator", { dry_run: false, ask_llm: true });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/ask_llm is for a dry run/);
    expect(fake.requests.length).toBe(callsBefore);
  });
});
