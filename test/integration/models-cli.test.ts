import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { registerBatchesCommands } from "../../src/cli/commands/batches.js";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { inProcessCli } from "../helpers/cli.js";

/** `models add` is a decision and a batch; `batches revert` checks the policy in the service. */

const base = {
  MONGODB_URI: inject("mongoUri"),
  MONGODB_DB: `t_models_cli_${randomBytes(3).toString("hex")}`,
};
const asOperator = inProcessCli(() => base, [registerModelsCommands, registerBatchesCommands]);
const asViewer = inProcessCli(
  () => ({ ...base, BENCH_OPERATOR_PRINCIPAL: "victor:viewer" }),
  [registerModelsCommands, registerBatchesCommands],
);

afterAll(async () => {
  const client = await connectMongo(base.MONGODB_URI);
  await client.db(base.MONGODB_DB).dropDatabase();
  await client.close();
});

type Row = { provider: string; model_id: string; enabled: boolean };

describe("bench-operator models add and batches revert", () => {
  it("adds a model through a decision, refuses a viewer, and reverts only for a principal the policy allows", async () => {
    await expect(asViewer("models", "add", "openai", "gpt-4o-mini")).rejects.toThrow(/viewer/);
    expect(JSON.parse(await asOperator("models", "list", "--json"))).toEqual([]);

    const added = await asOperator("models", "add", "openai", "gpt-4o-mini", "--reason", "asked for it");
    const [, batchId, decisionId] = /in batch (mb_\w+), decision (dec_\w+)/.exec(added) ?? [];
    expect(batchId, added).toBeDefined();
    expect(decisionId).toBeDefined();
    const rows = JSON.parse(await asOperator("models", "list", "--json")) as Row[];
    expect(rows.map((r) => [r.model_id, r.enabled])).toEqual([["gpt-4o-mini", true]]);

    await expect(asViewer("batches", "revert", batchId!)).rejects.toThrow(/viewer/);
    expect(JSON.parse(await asOperator("models", "list", "--json"))).toHaveLength(1);
    const reverted = JSON.parse(await asOperator("batches", "revert", batchId!, "--json")) as {
      kind: string;
      applied_count: number;
    };
    expect(reverted).toMatchObject({ kind: "revert", applied_count: 1 });
    expect(JSON.parse(await asOperator("models", "list", "--json"))).toEqual([]);
  });
});
