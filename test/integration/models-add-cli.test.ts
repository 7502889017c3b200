import { describe, expect, it } from "vitest";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase } from "../helpers/database.js";

describe("models add consults the one benchmarkability table", () => {
  it("refuses a model to avoid, stores nothing, and adds a chat model through a batch", async () => {
    const { repos, config } = await openTestDatabase("models-add");
    const cli = inProcessCli(
      () => ({ MONGODB_URI: config.mongodb.uri!, MONGODB_DB: config.mongodb.db }),
      [registerModelsCommands],
    );

    await expect(cli("models", "add", "bedrock", "amazon.nova-canvas-v1:0")).rejects.toThrow(
      /amazon\.nova-canvas-v1:0 is not benchmarkable \(image\)/,
    );
    await expect(cli("models", "add", "groq", "meta-llama/llama-guard-4-12b")).rejects.toThrow(
      /not benchmarkable \(moderation\)/,
    );
    await expect(cli("models", "add", "groq", "groq/compound")).rejects.toThrow(
      /not benchmarkable \(compound\)/,
    );
    expect(await repos.models.find({})).toEqual([]);

    const out = await cli("models", "add", "groq", "llama-3.3-70b-versatile");
    expect(out).toMatch(/added groq:llama-3\.3-70b-versatile in batch/);
    const stored = await repos.models.find({});
    expect(stored.map((m) => [m.provider, m.model_id, m.enabled])).toEqual([
      ["groq", "llama-3.3-70b-versatile", true],
    ]);
  });
});
