import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { registerBatchesCommands } from "../../src/cli/commands/batches.js";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { registerSignalsCommands } from "../../src/cli/commands/signals.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { inProcessCli } from "../helpers/cli.js";

/** `models rename` is a decision and a batch that moves the row; `batches revert` moves it back. */

const base = {
  MONGODB_URI: inject("mongoUri"),
  MONGODB_DB: `t_models_rename_cli_${randomBytes(3).toString("hex")}`,
};
const cli = inProcessCli(
  () => base,
  [registerModelsCommands, registerBatchesCommands, registerSignalsCommands],
);

afterAll(async () => {
  const client = await connectMongo(base.MONGODB_URI);
  await client.db(base.MONGODB_DB).dropDatabase();
  await client.close();
});

type Row = { model_id: string; enabled: boolean; renamed_from?: string };

describe("bench-operator models rename", () => {
  it("renames through a decision, refuses an id already in the fleet, and reverts", async () => {
    await cli("models", "add", "fireworks", "deepseek-v3", "--reason", "measured");
    await cli("models", "add", "fireworks", "deepseek-r1", "--reason", "measured");
    await expect(
      cli("models", "rename", "fireworks", "deepseek-v3", "deepseek-r1", "--reason", "renamed"),
    ).rejects.toThrow(/fireworks:deepseek-r1 is already in the fleet/);

    const out = await cli(
      "models",
      "rename",
      "fireworks",
      "deepseek-v3",
      "deepseek-v3-0324",
      "--reason",
      "renamed",
    );
    const [, batchId] = /batch (mb_\w+), decision dec_\w+/.exec(out) ?? [];
    expect(batchId, out).toBeDefined();
    const rows = JSON.parse(await cli("models", "list", "--json")) as Row[];
    expect(rows.map((r) => [r.model_id, r.renamed_from ?? null])).toEqual([
      ["deepseek-r1", null],
      ["deepseek-v3-0324", "deepseek-v3"],
    ]);
    const table = await cli("models", "list");
    expect(table).toContain("renamed from deepseek-v3");
    // The new id has no errors yet: the section says so rather than ending on an empty heading.
    expect(await cli("signals", "show", "fireworks", "deepseek-v3-0324")).toContain(
      "\nrecent distinct errors (provider text): none\n",
    );

    await cli("batches", "revert", batchId!);
    // Gone from the fleet again: the refusal names the fleet, not "the catalog" (`catalog search` is another thing).
    await expect(cli("signals", "show", "fireworks", "deepseek-v3-0324")).rejects.toThrow(
      "No model fireworks:deepseek-v3-0324 in the fleet or its signals",
    );
    const back = JSON.parse(await cli("models", "list", "--json")) as Row[];
    expect(back.map((r) => [r.model_id, r.renamed_from ?? null])).toEqual([
      ["deepseek-r1", null],
      ["deepseek-v3", null],
    ]);
  });
});
