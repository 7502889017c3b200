import { describe, expect, it } from "vitest";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * A decision's way from proposal to its end, as a person drives it: a person adding a model that
 * is already there.
 */

const NOW = new Date("2026-11-20T12:00:00Z");

async function setup(label: string): Promise<TestDatabase & { cli: (...args: string[]) => Promise<string> }> {
  const t = await openTestDatabase(label);
  await t.repos.models.insertMany([
    { provider: "openai", model_id: "gpt-busy", enabled: true, created_at: NOW },
    { provider: "fireworks", model_id: "deepseek-v3", enabled: true, created_at: NOW },
    { provider: "groq", model_id: "llama-3.3-70b-versatile", enabled: false, created_at: NOW },
  ]);
  const cli = inProcessCli(
    () => ({
      MONGODB_URI: t.config.mongodb.uri!,
      MONGODB_DB: t.config.mongodb.db,
      BENCH_OPERATOR_PRINCIPAL: "alice:operator",
    }),
    [registerModelsCommands],
  );
  return { ...t, cli };
}

describe("models add of a model already in the fleet", () => {
  it("is refused before anything is recorded, with or without --force, and says how to enable it", async () => {
    const { repos, cli } = await setup("lifecycle-add-existing");
    for (const force of [[], ["--force"]])
      await expect(cli("models", "add", "groq", "llama-3.3-70b-versatile", ...force)).rejects.toThrow(
        /groq:llama-3\.3-70b-versatile is already in the fleet \(disabled\).*bench-operator models enable groq llama-3\.3-70b-versatile --reason/,
      );
    await expect(cli("models", "add", "openai", "gpt-busy", "--force")).rejects.toThrow(
      /openai:gpt-busy is already in the fleet and enabled; nothing was recorded/,
    );
    expect(await repos.decisions.find({})).toEqual([]);
    expect(await repos.mutations.list({ limit: 10 })).toEqual([]);
    expect((await repos.models.get({ provider: "groq", model_id: "llama-3.3-70b-versatile" }))?.enabled).toBe(
      false,
    );
  });
});
