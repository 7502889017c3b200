import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { registerBatchesCommands } from "../../src/cli/commands/batches.js";
import { registerDecisionsCommands } from "../../src/cli/commands/decisions.js";
import { propose } from "../../src/decisions/propose.js";
import { SYSTEM_PRINCIPAL } from "../../src/policy/principal.js";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { executedBatch, openaiModel } from "../helpers/executed-batch.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";

/**
 * What `decisions show`, `decisions approve`, `batches revert`, get_decision and approve_decision
 * say about a decision after its batch executed: a batch of several decisions names its other
 * changes and offers the one model's undo (`batches revert <batch> --model`); a model undone
 * alone, and then the batch's revert, are shown with who, when and which batch, and the revert is
 * not offered again; reverting twice says nothing changed; a monitor the policy executed at once
 * says so.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const BEFORE = { max_tokens_param: "max_completion_tokens" };
const SETTINGS = { api: "responses" };

let t: TestDatabase;
let cli: (...args: string[]) => Promise<string>;
let operator: Client;
let batch: MutationBatchDoc;
/** The decisions of the batch's three settings changes, by model. */
const dec: Record<string, string> = {};
type L = Record<string, unknown>;

const model = (model_id: string) =>
  t.db.collection("models").findOne({ provider: "openai", model_id }, { projection: { _id: 0 } });
const revertsOf = (id: string) =>
  t.db.collection<MutationBatchDoc>("mutation_batches").find({ revert_of: id }).toArray();
const structured = async (tool: string, args: L): Promise<L> =>
  (await call(operator, tool, args)).structured as L;

beforeAll(async () => {
  t = await openTestDatabase("decisions-undone");
  await t.repos.models.insertMany(
    ["set-a", "set-b", "set-c"].map((id) => openaiModel(id, NOW, { model_metadata: BEFORE })),
  );
  batch = await executedBatch(t.repos, SYSTEM_PRINCIPAL, "set_settings", ["set-a", "set-b", "set-c"], NOW, {
    settings: SETTINGS,
  });
  for (const d of await t.repos.decisions.getMany(batch.decision_ids)) dec[d.targets[0]!.model_id] = d._id;
  cli = inProcessCli(
    () => ({
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: t.db.databaseName,
      BENCH_OPERATOR_PRINCIPAL: "carol:operator",
    }),
    [registerDecisionsCommands, registerBatchesCommands],
  );
  operator = await connect(await sharedFor(t, NOW), { name: "olivia", role: "operator" });
});

describe("one change of a batch of many", () => {
  it("decisions show names the batch's other changes and offers this model's undo alone", async () => {
    const text = await cli("decisions", "show", dec["set-a"]!);
    expect(text).toContain(
      `batch       ${batch._id} (applied: 3 applied, 0 failed); it also holds 2 other changes (2 set_settings)`,
    );
    expect(text).toContain(
      `undo        openai:set-a only: bench-operator batches revert ${batch._id} --model openai:set-a --reason "<why>"`,
    );
    expect(text).toContain(
      `  or        the whole batch, its 2 other changes (2 set_settings) too: bench-operator batches revert ${batch._id}\n`,
    );
    const got = await structured("get_decision", { decision_id: dec["set-a"] });
    expect(got["next_step"]).toContain(`revert_batch {"batch_id": "${batch._id}"}`);
    // What revert_batch does from Claude Desktop, which cannot ask its human.
    expect(got["next_step"]).toContain(
      "from a client that cannot ask its human, it opens the batch's console page for them to revert there",
    );
    expect(got["next_step"]).toContain("it also reverts the batch's 2 other changes (2 set_settings)");
    expect(got["next_step"]).toContain(`bench-operator batches revert ${batch._id} --model openai:set-a`);
  });

  it("batches revert --model refuses without a reason, with a malformed model, and records nothing", async () => {
    await expect(cli("batches", "revert", batch._id, "--model", "openai:set-a")).rejects.toThrow(
      /--model needs --reason/,
    );
    await expect(cli("batches", "revert", batch._id, "--model", "set-a", "--reason", "x")).rejects.toThrow(
      /--model must be <provider>:<model_id>/,
    );
    await expect(
      cli("batches", "revert", batch._id, "--model", "openai:nope", "--reason", "x"),
    ).rejects.toThrow(/did not change openai:nope/);
    expect(await revertsOf(batch._id)).toEqual([]);
  });

  it("batches revert --model undoes that model alone, and decisions show, get_decision and the approve say so", async () => {
    const out = await cli(
      "batches",
      "revert",
      batch._id,
      "--model",
      "openai:set-a",
      "--reason",
      "broke its runs",
    );
    const [undo] = await revertsOf(batch._id);
    expect(undo).toMatchObject({ actor: "carol", revert_only: { provider: "openai", model_id: "set-a" } });
    expect(out).toBe(
      `undone: openai:set-a's change in ${batch._id}, this model only, in batch ${undo!._id} by carol; ` +
        `the batch's 2 other change(s) stay in force. To put it back: bench-operator batches revert ${undo!._id}\n`,
    );
    expect((await model("set-a"))?.["model_metadata"]).toEqual(BEFORE);
    expect((await model("set-b"))?.["model_metadata"]).toEqual({ ...BEFORE, ...SETTINGS });
    const at = undo!.created_at;

    // The same undo again says it was already undone, by whom, when, in which batch, and records nothing.
    const setA = await model("set-a");
    const again = await cli("batches", "revert", batch._id, "--model", "openai:set-a", "--reason", "twice");
    expect(again).toBe(
      `already undone: openai:set-a's change in ${batch._id} was undone by carol at ${at.toISOString()} ` +
        `in ${undo!._id}; nothing was changed now. To put it back: bench-operator batches revert ${undo!._id}\n`,
    );
    expect(await revertsOf(batch._id)).toHaveLength(1);
    expect(await model("set-a")).toEqual(setA);

    // The lists say the batch was undone for one model: it is not reverted, nor wholly in force.
    const batches = await cli("batches", "list");
    expect(batches.split("\n").find((l) => l.startsWith(batch._id))).toMatch(
      new RegExp(`^${batch._id} +apply +applied, partly undone \\(1 of 3 models\\) +`),
    );
    const decisions = (await cli("decisions", "list")).split("\n");
    expect(decisions.find((l) => l.startsWith(dec["set-a"]!))).toMatch(
      / executed, undone alone \(1 of 1 model\) /,
    );
    expect(decisions.find((l) => l.startsWith(dec["set-b"]!))).toMatch(/ executed +set_settings /);
    const listed = (await structured("list_decisions", { action: "set_settings" }))["decisions"] as L[];
    const undoneOf = (id: string) => listed.find((d) => d["decision_id"] === id)?.["undone_alone"];
    expect(undoneOf(dec["set-a"]!)).toBe("undone alone (1 of 1 model)");
    expect(undoneOf(dec["set-b"]!)).toBeNull();

    const text = await cli("decisions", "show", dec["set-a"]!);
    expect(text).toContain(`set_settings 1 model(s), executed, 1 of 1 model(s) undone`);
    expect(text).toContain(
      `undone      openai:set-a alone, reverted by carol at ${at.toISOString()} in ${undo!._id} (the rest of ${batch._id} stays)`,
    );
    expect(text).toMatch(
      new RegExp(`undone +carol: openai:set-a alone, its change in ${batch._id} reverted in ${undo!._id}`),
    );
    expect(text).not.toContain("--model openai:set-a");
    expect(text).not.toMatch(/^undo /m);
    // The other models' decisions still offer their own undo.
    expect(await cli("decisions", "show", dec["set-b"]!)).toContain("--model openai:set-b");

    const got = await structured("get_decision", { decision_id: dec["set-a"] });
    expect(got["model_undos"]).toEqual([
      {
        provider: "openai",
        model_id: "set-a",
        revert_batch_id: undo!._id,
        by: "carol",
        at: at.toISOString(),
        put_back: null,
      },
    ]);
    expect(got["next_step"]).toBe(
      `openai:set-a was undone alone by carol at ${at.toISOString()} in batch ${undo!._id}. Nothing of this decision is left in force to undo.`,
    );
    const approved = await structured("approve_decision", { decision_id: dec["set-a"] });
    expect(approved["model_undos"]).toEqual(got["model_undos"]);
    expect(approved["next_step"]).not.toContain("revert_batch");
  });

  it("after the batch's revert, show, approve, get_decision and approve_decision say it was reverted and offer no revert", async () => {
    const reverted = await cli("batches", "revert", batch._id);
    const revert = (await revertsOf(batch._id)).find((b) => !b["revert_only"])!;
    // names the batch undone, then the revert batch that undid it (not the revert's id alone)
    expect(reverted.split("\n")[0]).toBe(
      `reverted ${batch._id} in ${revert._id}: 2 restored, 1 left as it is (changed since), 0 failed`,
    );
    const at = revert.created_at.toISOString();
    const by = `by carol at ${at} in ${revert._id}`;

    const text = await cli("decisions", "show", dec["set-b"]!);
    expect(text).toContain(`set_settings 1 model(s), executed, reverted\n`);
    expect(text).toContain(
      `reverted    ${by}: this decision's change is undone, and the batch's other changes; there is nothing left to revert`,
    );
    expect(text).toMatch(new RegExp(`reverted +carol: batch ${batch._id} reverted in ${revert._id}`));
    expect(text).not.toContain(`batches revert ${batch._id}`);

    const approved = await cli("decisions", "approve", dec["set-b"]!);
    expect(approved).toBe(
      `already done: ${dec["set-b"]} is executed; batch ${batch._id} applied 3, failed 0; since reverted ${by}: its change is undone, there is nothing left to revert\n`,
    );

    const got = await structured("get_decision", { decision_id: dec["set-b"] });
    expect(got["batch_revert"]).toEqual({ revert_batch_id: revert._id, by: "carol", at, put_back: null });
    expect(got["next_step"]).toBe(
      `Reverted by carol at ${at} in batch ${revert._id}: its change is undone, with the batch's 2 other changes (2 set_settings); there is nothing left to revert.`,
    );
    const mcpApproved = await structured("approve_decision", { decision_id: dec["set-b"] });
    expect(mcpApproved).toMatchObject({ already_done: true, batch_revert: got["batch_revert"] });
    expect(mcpApproved["next_step"]).toContain(`Reverted by carol at ${at} in batch ${revert._id}`);
    expect(mcpApproved["next_step"]).not.toContain("To undo");
  });

  it("a second batches revert says it was already reverted, by whom, when, and that nothing changed", async () => {
    const before = await revertsOf(batch._id);
    const revert = before.find((b) => !b["revert_only"])!;
    const out = await cli("batches", "revert", batch._id);
    expect(out).toBe(
      `already reverted: ${batch._id} was reverted by carol at ${revert.created_at.toISOString()} in ${revert._id} ` +
        "(2 restored, 1 left as it is (changed since), 0 failed); nothing was changed now.\n",
    );
    const json = JSON.parse(await cli("batches", "revert", batch._id, "--json")) as L;
    expect(json).toMatchObject({ _id: revert._id, already_reverted: true });
    expect(await revertsOf(batch._id)).toHaveLength(before.length);
  });
});

describe("a monitor the policy executed at once", () => {
  it("approving it says the policy executed it at once (auto), on the CLI and over MCP", async () => {
    const d = await propose(
      t.repos,
      {
        action: "monitor",
        targets: [{ provider: "openai", model_id: "set-c" }],
        evidence: {},
        confidence: 1,
        reasoning: "transient timeouts",
        proposer: { kind: "classifier", name: "deterministic-classifier" },
      },
      SYSTEM_PRINCIPAL,
      { now: NOW },
      NOW,
    );
    expect(d).toMatchObject({ status: "executed" });
    expect(d.approved_by).toBeUndefined();
    expect(await cli("decisions", "approve", d._id)).toBe(
      `already done: ${d._id} is executed; executed by the policy at once (auto, policy v${d.policy_version}) when it was proposed: ` +
        "a monitor changes nothing in the fleet: no batch was written, so there is nothing to revert\n",
    );
    const got = await structured("approve_decision", { decision_id: d._id });
    expect(got).toMatchObject({ already_done: true, approved_by: null, batch: null });
    expect(got["next_step"]).toBe(
      `Already done: executed by the policy at once (auto, policy v${d.policy_version}) when it was proposed; ` +
        "a monitor changes nothing in the fleet: no batch was written, so there is nothing to revert.",
    );
    expect((await t.repos.decisions.get(d._id))?.approved_by).toBeUndefined();
  });
});
