import { beforeAll, describe, expect, inject, it } from "vitest";
import { registerBenchmarkCommands } from "../../src/cli/commands/benchmark.js";
import { registerCatalogCommands } from "../../src/cli/commands/catalog.js";
import { registerDiscoveryCommands } from "../../src/cli/commands/discovery.js";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { registerOperatorCommands } from "../../src/cli/commands/operator.js";
import { registerPolicyCommands } from "../../src/cli/commands/policy.js";
import { registerReportCommands } from "../../src/cli/commands/report.js";
import { seedDemoCatalog } from "../../src/demo/seed-catalog.js";
import { seedDemoFleet } from "../../src/demo/seed.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * README's "A walk through the demo fleet": each command the table names, run through the CLI on
 * the 523-model demo as `npm run demo` seeds it (up to the current hour), prints what the table
 * says it shows. Issue 17's acceptance asks for these commands; this keeps them working.
 */
let t: TestDatabase;
const GROUPS = [
  registerOperatorCommands,
  registerModelsCommands,
  registerCatalogCommands,
  registerDiscoveryCommands,
  registerBenchmarkCommands,
  registerPolicyCommands,
  registerReportCommands,
];

function cli(env: Record<string, string> = {}): (...args: string[]) => Promise<string> {
  return inProcessCli(
    () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db, ...env }),
    GROUPS,
  );
}

beforeAll(async () => {
  const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  t = await openTestDatabase("demo_walk");
  await seedDemoFleet(t.repos, { seed: 42, now, models: 523, days: 7, cadenceHours: 6 });
  await seedDemoCatalog(t.repos, now);
}, 240_000);

describe("the demo walk-through's commands", () => {
  it("operator run --dry-run names both renames and the three settings changes, writing nothing", async () => {
    const out = await cli()("operator", "run", "--dry-run");
    expect(out).toContain(
      "would rename openrouter:deepseek/deepseek-chat-v3 -> deepseek/deepseek-chat-v3-0324",
    );
    expect(out).toContain(
      "would rename openrouter:mistralai/mistral-large-2411 -> mistralai/mistral-large-2512",
    );
    expect(out).toContain('would set settings of openai:o1-pro: {"api":"responses","reasoning":true}');
    expect(out).toMatch(/would_rename=2 would_set_settings=3/);
    // The situations table says what each situation's models get where it is not the situation's action.
    expect(out).toMatch(
      /^sit_\w+ +openrouter +model_not_found +4 +disable +classifier +2 disable, 2 rename$/m,
    );
    expect(out).toMatch(/^sit_\w+ +openai +bad_request +3 +monitor +classifier +3 set_settings$/m);
    expect(out).toMatch(/^sit_\w+ +fireworks +auth +12 +monitor +classifier *$/m);
    expect(await t.repos.decisions.count()).toBe(0);
  });

  it("catalog stats and discovery report show Vertex; catalog search finds its Gemini models", async () => {
    const stats = await cli()("catalog", "stats");
    // 22 rows: Google's, Anthropic's, Meta's and Mistral AI's (the demo's Vertex Mistral models).
    expect(stats).toMatch(/^vertex\s+22\s+17\s/m);
    const report = await cli()("discovery", "report");
    // One page per publisher read (nine), every one of them complete.
    expect(report).toMatch(/^vertex\s+\S+\s+yes\s+9\s+22\s+22\s/m);
    // The demo ships no listing of Together's or Fireworks': the report says what "never" means.
    expect(report).toMatch(/^together\s+never\s*$/m);
    expect(report).toContain(
      "never: no read of together, fireworks is recorded; `bench-operator discovery fetch` reads every provider with a key",
    );
    const search = await cli()("catalog", "search", "gemini", "--provider", "vertex");
    expect(search).toMatch(/^vertex:gemini-2\.5-flash\s.*measured vertex:gemini-2\.5-flash$/m);
  });

  it("costs says why the demo's runs are not among its charged runs", async () => {
    const costs = await cli()("costs");
    expect(costs).toMatch(/^total\s+0\s+0\s+0\s+0\.0000/m);
    expect(costs).toContain(
      "No run was charged in this window. Runs recorded without a charge (a seeded demo fleet, runs from before the spend ledger) are not counted here",
    );
  });

  it("models add refuses a guard model and an image model, adding nothing", async () => {
    // Models the demo fleet does not hold (it holds llama-guard-4-12b, as a legacy fleet might).
    for (const [provider, model_id] of [
      ["groq", "meta-llama/llama-prompt-guard-2-86m"],
      ["bedrock", "amazon.nova-canvas-v1:0"],
    ] as const)
      expect(await t.repos.models.get({ provider, model_id })).toBeNull();
    const before = await t.repos.models.count();
    const decisionsBefore = await t.repos.decisions.count();
    await expect(cli()("models", "add", "groq", "meta-llama/llama-prompt-guard-2-86m")).rejects.toThrow(
      /not benchmarkable \(moderation\)/,
    );
    await expect(cli()("models", "add", "bedrock", "amazon.nova-canvas-v1:0")).rejects.toThrow(
      /not benchmarkable \(image\)/,
    );
    expect(await t.repos.models.count()).toBe(before);
    expect(await t.repos.decisions.count()).toBe(decisionsBefore);
  });

  it("a remote-only Bedrock is not run here; without the setting its due models are", async () => {
    const remote = await cli({ BEDROCK_ENABLED: "true", REMOTE_ONLY_PROVIDERS: "bedrock" })(
      "benchmark",
      "run",
      "--dry-run",
      "--provider",
      "bedrock",
    );
    expect(remote).toMatch(/^0 due, 0 would run/m);
    expect(remote).toContain("not_configured: remote only: measured by remote runners");
    const local = await cli({ BEDROCK_ENABLED: "true" })(
      "benchmark",
      "run",
      "--dry-run",
      "--provider",
      "bedrock",
    );
    expect(local).not.toContain("remote only");
  });

  it("policy show states each budget and its source; report health says the assessment is unavailable", async () => {
    const policy = await cli()("policy", "show");
    expect(policy).toMatch(
      /^budgets +operator: \$1\.00 per UTC day \(the default of OPERATOR_DAILY_BUDGET_USD, which is not set\)$/m,
    );
    expect(policy).toMatch(
      /^policy +v0, the built-in default \(policy\/default-policy\.json\); no version is stored yet/m,
    );
    const json = await cli()("policy", "show", "--json");
    expect(json).toMatch(/"usd_per_day": 1,\s*"source": "default",\s*"setting": "OPERATOR_DAILY_BUDGET_USD"/);
    const report = (await cli()("report", "health", "--dry-run")).replace(/\s+/g, " ");
    expect(report).toContain(
      "Assessment unavailable: no LLM is configured (OPERATOR_LLM is empty and no OpenAI key or Bedrock credentials are set). What follows is the deterministic report alone.",
    );
  }, 60_000);
});
