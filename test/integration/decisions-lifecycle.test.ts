import { describe, expect, it } from "vitest";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { proposeRename } from "../../src/decisions/rename.js";
import { principalFor } from "../../src/policy/principal.js";
import type { Repositories } from "../../src/storage/repositories.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * A decision's way from proposal to its end, as a person drives it: a person's rename beside an
 * agent's, a person adding a model that is already there.
 */

const NOW = new Date("2026-11-20T12:00:00Z");
const bot = principalFor("triage-bot", "agent");

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

/** An agent's rename of fireworks:deepseek-v3 to deepseek-v3-0324: pending, as a rename is authority-gated. */
function agentsRename(repos: Repositories) {
  const req = {
    provider: "fireworks",
    from: "deepseek-v3",
    to: "deepseek-v3-0324",
    reason: "the catalog lists it",
  };
  return proposeRename(repos, bot, req, NOW);
}

describe("a person's rename beside an agent's pending rename of the same model", () => {
  it("supersedes the agent's rename to another id, names the person's rename, and renames to the person's id", async () => {
    const { repos, cli } = await setup("lifecycle-rename");
    const agents = await agentsRename(repos);
    expect(agents.decision.status).toBe("pending");

    const out = await cli(
      "models",
      "rename",
      "fireworks",
      "deepseek-v3",
      "deepseek-v3.1",
      "--reason",
      "the provider announced the new id",
    );
    expect(out).toMatch(/renamed fireworks:deepseek-v3 to deepseek-v3\.1 \(batch mb_\w+, decision dec_\w+/);
    expect(out).toContain(`superseded ${agents.decision._id}`);

    const older = await repos.decisions.get(agents.decision._id);
    expect(older?.status).toBe("superseded");
    expect(older?.history.at(-1)?.note).toMatch(
      /superseded by dec_\w+: rename to deepseek-v3\.1 by human alice/,
    );
    const mine = await repos.decisions.get(older!.superseded_by!);
    expect(mine).toMatchObject({
      status: "executed",
      action: "rename",
      evidence: { rename_to: "deepseek-v3.1" },
    });
    expect(mine?.supersedes).toEqual([agents.decision._id]);
    expect(await repos.models.get({ provider: "fireworks", model_id: "deepseek-v3.1" })).toMatchObject({
      renamed_from: "deepseek-v3",
    });
    expect(await repos.models.get({ provider: "fireworks", model_id: "deepseek-v3" })).toBeNull();
  });

  it("still answers with the pending decision when the person asks for the same rename", async () => {
    const { repos, cli } = await setup("lifecycle-rename-same");
    const agents = await agentsRename(repos);
    const out = await cli(
      "models",
      "rename",
      "fireworks",
      "deepseek-v3",
      "deepseek-v3-0324",
      "--reason",
      "yes",
    );
    expect(out).toContain(`approve it with: bench-operator decisions approve ${agents.decision._id}`);
    expect((await repos.decisions.get(agents.decision._id))?.status).toBe("pending");
    expect(await repos.mutations.list({ limit: 10 })).toEqual([]);
  });
});

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
