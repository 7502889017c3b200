import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { registerSignalsCommands } from "../../src/cli/commands/signals.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { inProcessCli, inProcessCliOutcome } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { addModels, failure } from "../unit/jobs/fixtures.js";

/**
 * A provider written otherwise than the fleet writes it (`OpenAI`) is the fleet's `openai` in every
 * command that names one model, as it already was in `models list --provider` and `situations`;
 * a provider the fleet does not have is refused naming the ones it has. A newcomer's `signals show
 * OpenAI o1-pro` used to answer "No model", and `models disable OpenAI …` "Not in the fleet" while
 * pointing at a command that listed it.
 */
const NOW = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
let t: TestDatabase;
let agent: Client;
const env = () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db });
const cli = (...args: string[]) =>
  inProcessCli(env, [registerModelsCommands, registerSignalsCommands])(...args);
const outcome = (...args: string[]) =>
  inProcessCliOutcome(env, [registerModelsCommands, registerSignalsCommands])(...args);

beforeAll(async () => {
  t = await openTestDatabase("provider_spelling");
  await addModels(t.repos, "openai", ["gpt-4o-mini", "gpt-4-32k"], new Date(NOW.getTime() - 30 * 86_400_000));
  for (const h of [50, 26, 2])
    await failure(
      t.repos,
      "openai",
      "gpt-4-32k",
      new Date(NOW.getTime() - h * 3_600_000),
      "The model `gpt-4-32k` does not exist or you do not have access to it.",
      404,
    );
  agent = await connect(sharedFor(t, NOW), { name: "spelling-bot", role: "agent" });
});

describe("a provider spelled otherwise than the fleet spells it", () => {
  it("`signals show OpenAI` shows openai's model; an unknown provider is named", async () => {
    expect(await cli("signals", "show", "OpenAI", "gpt-4-32k")).toMatch(/^openai:gpt-4-32k {2}enabled/);
    const wrong = await outcome("signals", "show", "opnai", "gpt-4-32k");
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain('The fleet has no provider "opnai". Its providers: openai.');
  });

  it("get_model_signals reads OpenAI as openai, and names an unknown provider", async () => {
    const r = await call(agent, "get_model_signals", { provider: "OpenAI", model_id: "gpt-4-32k" });
    expect(r.isError).toBe(false);
    expect(r.structured).toMatchObject({ provider: "openai", model_id: "gpt-4-32k" });
    const wrong = await call(agent, "get_model_signals", { provider: "opnai", model_id: "gpt-4-32k" });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toContain('The fleet has no provider "opnai"');
  });

  it("`models disable OpenAI` disables openai's model through a decision", async () => {
    const out = await cli("models", "disable", "OpenAI", "gpt-4-32k", "--reason", "gone: 404 for two days");
    expect(out).toMatch(/^disabled 1 of 1 \(batch mb_\w+, decision dec_\w+; undo: /);
    const [m] = await t.repos.models.rawByKeys([{ provider: "openai", model_id: "gpt-4-32k" }]);
    expect(m?.enabled).toBe(false);
    const decisions = await t.repos.decisions.find({ action: "disable" });
    expect(decisions.map((d) => d.targets)).toEqual([[{ provider: "openai", model_id: "gpt-4-32k" }]]);
  });
});
