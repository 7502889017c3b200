import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerBatchesCommands } from "../../src/cli/commands/batches.js";
import { registerDecisionsCommands } from "../../src/cli/commands/decisions.js";
import { executeApproved } from "../../src/decisions/execute.js";
import { propose } from "../../src/decisions/propose.js";
import { revertAs } from "../../src/decisions/service.js";
import { principalFor, SYSTEM_PRINCIPAL } from "../../src/policy/principal.js";
import { gatherHealthReport } from "../../src/report/gather.js";
import { batchFate } from "../../src/storage/decision-rows.js";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import { httpSignIn, startConsole, type ConsoleFixture } from "../browser/support.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { executedBatch, openaiModel, renamedBatch } from "../helpers/executed-batch.js";
import { depsFor } from "../unit/jobs/fixtures.js";

/**
 * Changes followed through their models' renames since, by every reader of src/storage/in-force.ts:
 * batchFate, `decisions show`, get_decision, the daily report's gathered rows and the console's
 * model page. The operator's settings batch changes three models: old-a is then renamed twice (its
 * settings stay in force, every text names the id it has now, and the offered undo, run as shown,
 * gives the settings back); old-b is renamed and its new id's settings changed again (that later
 * change overrules the batch's); old-c is renamed and the rename reverted (it counts for nothing).
 * A disable of old-d is overruled by its rename, which enables the model under its new id.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const at = (minutes: number): Date => new Date(NOW.getTime() + minutes * 60_000);
const BEFORE = { max_tokens_param: "max_completion_tokens" };
const SETTINGS = { api: "responses" };
const alice = principalFor("alice", "operator");

let t: TestDatabase;
let f: ConsoleFixture;
let cookie: string;
let agent: Client;
/** The operator's settings batch, of old-a, old-b and old-c. */
let settings: MutationBatchDoc;
let disable: MutationBatchDoc;
/** old-a's renames, to mid-a then new-a. */
let renamesA: MutationBatchDoc[];
let renameB: MutationBatchDoc;
let renameD: MutationBatchDoc;
/** The later settings change of new-b. */
let laterB: MutationBatchDoc;
/** The decision of each model's change, by its first id. */
const dec: Record<string, string> = {};

const cli = (...args: string[]): Promise<string> =>
  inProcessCli(
    () => ({
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: t.db.databaseName,
      BENCH_OPERATOR_PRINCIPAL: "carol:operator",
    }),
    [registerDecisionsCommands, registerBatchesCommands],
  )(...args);

const fate = async (model: string) => {
  const d = (await t.repos.decisions.get(dec[model]!))!;
  const stores = { decisions: t.repos.decisions, mutations: t.repos.mutations, models: t.repos.models };
  return (await batchFate(stores, d))!;
};
const nextStep = async (model: string): Promise<string> =>
  ((await call(agent, "get_decision", { decision_id: dec[model] })).structured as { next_step: string })
    .next_step;
const autoRow = async (batch: MutationBatchDoc) =>
  (
    await gatherHealthReport(
      depsFor(t, () => at(30)),
      { now: at(30), invariants: null },
    )
  ).autoActions.find((a) => a.batchId === batch._id)!;
const text = (html: string): string =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
const page = async (model_id: string): Promise<string> => {
  f.shared.services.invalidate();
  const res = await fetch(`${f.origin}/console/models/openai/${model_id}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return text(await res.text());
};
/** What `laterChangeOf` says of the batch that took a change out of force. */
const laterBy = (b: MutationBatchDoc, what: string) => ({
  batchId: b._id,
  actor: b.actor,
  at: b.created_at,
  what,
});
const model = (model_id: string) => t.repos.models.get({ provider: "openai", model_id });
const rename = (from: string, to: string, minutes: number): Promise<MutationBatchDoc> =>
  renamedBatch(t.repos, t.config, alice, from, to, at(minutes));

beforeAll(async () => {
  t = await openTestDatabase("rename-fate");
  await t.repos.models.insertMany(
    ["old-a", "old-b", "old-c", "old-d"].map((id) => openaiModel(id, NOW, { model_metadata: BEFORE })),
  );
  settings = await executedBatch(
    t.repos,
    SYSTEM_PRINCIPAL,
    "set_settings",
    ["old-a", "old-b", "old-c"],
    NOW,
    {
      settings: SETTINGS,
    },
  );
  // Proposed by a person (the policy lets them act at once), executed as the operator's run.
  const proposed = await propose(
    t.repos,
    {
      action: "disable",
      targets: [{ provider: "openai", model_id: "old-d" }],
      evidence: {},
      confidence: 1,
      reasoning: "old-d answers 404",
      proposer: { kind: "human", name: "alice" },
    },
    alice,
    { now: NOW },
    NOW,
  );
  disable = (await executeApproved(t.repos, [proposed], SYSTEM_PRINCIPAL.name, NOW)).batches[0]!;
  for (const d of await t.repos.decisions.getMany([...settings.decision_ids, ...disable.decision_ids]))
    dec[d.targets[0]!.model_id] = d._id;

  renamesA = [await rename("old-a", "mid-a", 1), await rename("mid-a", "new-a", 2)];
  renameB = await rename("old-b", "new-b", 3);
  laterB = await executedBatch(t.repos, SYSTEM_PRINCIPAL, "set_settings", ["new-b"], at(4), {
    settings: { api: "chat" },
  });
  const renameC = await rename("old-c", "new-c", 5);
  await revertAs(t.repos, renameC._id, alice, at(6));
  expect(await model("old-c")).toMatchObject({ model_metadata: { ...BEFORE, ...SETTINGS } });
  renameD = await rename("old-d", "new-d", 7);
  expect(await model("new-d")).toMatchObject({ enabled: true });

  agent = await connect(await sharedFor(t, at(30)), { name: "triage-bot", role: "agent" });
  f = await startConsole(t, at(30));
  cookie = await httpSignIn(f.origin, f.tokens.operator);
}, 120_000);

afterAll(async () => {
  await f?.http.close();
});

describe("a change of a model renamed since", () => {
  it("batchFate follows each model to its id now, and finds what overruled the change there", async () => {
    const a = await fate("old-a");
    expect(a.live.map((c) => c.model_id)).toEqual(["old-a"]);
    expect(a.overruled).toEqual([]);
    const renamesOfA = [
      { batchId: renamesA[0]!._id, actor: "alice", at: at(1), from: "old-a", to: "mid-a" },
      { batchId: renamesA[1]!._id, actor: "alice", at: at(2), from: "mid-a", to: "new-a" },
    ];
    expect(a.renamed).toEqual([
      { provider: "openai", model_id: "old-a", now: "new-a", by: renamesOfA[1], renames: renamesOfA },
    ]);

    const b = await fate("old-b");
    expect(b.live).toEqual([]);
    expect(b.overruled).toEqual([{ provider: "openai", model_id: "old-b", by: laterBy(laterB, "settings") }]);
    expect(b.renamed.map((r) => [r.model_id, r.now, r.by.batchId])).toEqual([
      ["old-b", "new-b", renameB._id],
    ]);

    // A rename reverted since counts for nothing.
    const c = await fate("old-c");
    expect(c.live.map((ch) => ch.model_id)).toEqual(["old-c"]);
    expect(c.renamed).toEqual([]);

    // A rename enables the model under its new id: the disable of the old id is no longer in force.
    const d = await fate("old-d");
    expect(d.live).toEqual([]);
    expect(d.overruled).toEqual([{ provider: "openai", model_id: "old-d", by: laterBy(renameD, "rename") }]);
    expect(d.renamed.map((r) => r.now)).toEqual(["new-d"]);
  });

  it("decisions show and get_decision name the id now and offer an undo that reaches it", async () => {
    const shown = await cli("decisions", "show", dec["old-a"]!);
    expect(shown).toMatch(/^decision +\S+: set_settings 1 model\(s\), executed\n/m);
    expect(shown).toContain(
      `renamed     openai:old-a is now openai:new-a: renamed by alice at 2026-11-20T12:02:00Z in ${renamesA[1]!._id}\n`,
    );
    // The undo of this one change and the batch's revert both find the model under its id now.
    expect(shown).toContain(
      `undo        openai:new-a only: bench-operator batches revert ${settings._id} --model openai:new-a --reason "<why>"\n` +
        `  or        the whole batch, its 2 other changes (2 set_settings) too: bench-operator batches revert ${settings._id}\n`,
    );

    const step = await nextStep("old-a");
    expect(step).toContain(
      `openai:old-a is now openai:new-a (renamed by alice at 2026-11-20T12:02:00.000Z in batch ${renamesA[1]!._id}).`,
    );
    expect(step).toContain(`revert_batch {"batch_id": "${settings._id}"}`);
    expect(step).toContain(
      `openai:new-a alone: its page in the console, or \`bench-operator batches revert ${settings._id} --model openai:new-a --reason "..."\``,
    );

    const b = await cli("decisions", "show", dec["old-b"]!);
    expect(b).toMatch(
      /^decision +\S+: set_settings 1 model\(s\), executed, 1 of 1 model\(s\) changed back later\n/m,
    );
    expect(b).toContain(
      `no longer   openai:old-b: a later settings by operator-run at 2026-11-20T12:04:00Z in ${laterB._id} took it out of force\n`,
    );
    expect(b).toContain(`renamed     openai:old-b is now openai:new-b: renamed by alice`);
    expect(b).not.toMatch(/^undo/m);
    expect(await nextStep("old-b")).toContain(
      `openai:old-b is no longer as this decision left it: a later settings by operator-run at 2026-11-20T12:04:00.000Z in batch ${laterB._id}. openai:old-b is now openai:new-b`,
    );

    const c = await cli("decisions", "show", dec["old-c"]!);
    expect(c).not.toContain("renamed ");
    expect(c).toContain(
      `undo        openai:old-c only: bench-operator batches revert ${settings._id} --model openai:old-c --reason "<why>"\n`,
    );

    const d = await cli("decisions", "show", dec["old-d"]!);
    expect(d).toContain(
      `no longer   openai:old-d: a later rename by alice at 2026-11-20T12:07:00Z in ${renameD._id} took it out of force\n`,
    );
    expect(d).toContain(`renamed     openai:old-d is now openai:new-d: renamed by alice`);
    expect(d).not.toMatch(/^undo/m);
  });

  it("the report's rows and the console's model pages agree", async () => {
    const s = await autoRow(settings);
    expect(s.inForce).toEqual({ settings: 2 });
    expect(s.undone).toEqual([
      {
        model: "openai:old-b",
        action: "settings",
        by: laterBy(laterB, "settings"),
      },
    ]);
    const d = await autoRow(disable);
    expect(d.inForce).toEqual({});
    expect(d.undone).toEqual([
      {
        model: "openai:old-d",
        action: "disable",
        by: laterBy(renameD, "rename"),
      },
    ]);

    const a = await page("new-a");
    expect(a).toMatch(
      new RegExp(
        `${settings._id} settings \\(applied\\), one of 3 changes as old-a operator-run \\S+ \\S+ UTC in force`,
      ),
    );
    expect(a).toContain("made the settings in force on this model, among 2 other change(s)");
    expect(a).toContain("Undo the settings for this model");

    const b = await page("new-b");
    expect(b).toMatch(
      new RegExp(
        `${settings._id} settings \\(applied\\), one of 3 changes as old-b operator-run \\S+ \\S+ UTC overruled by a later settings in ${laterB._id} by operator-run`,
      ),
    );

    // The decision's page names the id the model has now, and links the undo there.
    const res = await fetch(`${f.origin}/console/decisions/${dec["old-a"]}`, { headers: { cookie } });
    const decisionHtml = await res.text();
    expect(text(decisionHtml)).toContain(
      `openai:old-a is now openai:new-a : renamed by alice at 2026-11-20 12:02 UTC in ${renamesA[1]!._id}`,
    );
    expect(decisionHtml).toContain(`To undo one model alone, use its page, which offers its own undo:`);
    expect(decisionHtml).toMatch(/offers its own undo:\s*<a href="\/console\/models\/openai\/new-a"/);

    const dPage = await page("new-d");
    expect(dPage).toMatch(
      new RegExp(
        `${disable._id} disable \\(applied\\) as old-d operator-run \\S+ \\S+ UTC overruled by a later rename in ${renameD._id} by alice`,
      ),
    );
    expect(dPage).not.toContain("Enable this model");
  });

  it("the offered undo, run as shown, gives new-a its settings back under the id it has now", async () => {
    const shown = await cli("decisions", "show", dec["old-a"]!);
    const line = shown.split("\n").find((l) => l.startsWith("undo "))!;
    const commands = line
      .slice(line.indexOf("bench-operator"))
      .split("; then ")
      .map((c) => c.replace(/^bench-operator /, "").replace('"<why>"', "it broke its runs"));
    expect(commands).toHaveLength(1);
    for (const command of commands) {
      const args = command.split(" ");
      const reason = args.indexOf("--reason");
      await cli(...args.slice(0, reason), "--reason", args.slice(reason + 1).join(" "));
    }
    expect(await model("old-a")).toBeNull();
    expect(await model("new-a")).toMatchObject({ model_metadata: BEFORE });

    const after = await cli("decisions", "show", dec["old-a"]!);
    expect(after).toMatch(/^decision +\S+: set_settings 1 model\(s\), executed, 1 of 1 model\(s\) undone\n/m);
    expect(after).toMatch(/^undone +openai:old-a alone, reverted by carol at /m);
    expect(after).not.toMatch(/^undo /m);
  });
});
