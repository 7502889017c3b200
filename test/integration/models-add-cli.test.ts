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

    // --json: the decision and the batch, as stored.
    const json = JSON.parse(
      await cli("models", "add", "groq", "qwen/qwen3-32b", "--disabled", "--reason", "to compare", "--json"),
    ) as { decision: { _id: string; status: string; reasoning: string }; batch: { _id: string } };
    const decision = await repos.decisions.get(json.decision._id);
    expect(decision).toMatchObject({ status: "executed", reasoning: "to compare", batch_id: json.batch._id });
    expect(json.decision.status).toBe("executed");
    expect((await repos.models.get({ provider: "groq", model_id: "qwen/qwen3-32b" }))?.enabled).toBe(false);
  });
});
