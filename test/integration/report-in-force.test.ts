import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { httpSignIn, startConsole, type ConsoleFixture } from "../browser/support.js";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { registerOperatorCommands } from "../../src/cli/commands/operator.js";
import { registerReportCommands } from "../../src/cli/commands/report.js";
import { registerSignalsCommands } from "../../src/cli/commands/signals.js";
import { registerSituationsCommands } from "../../src/cli/commands/situations.js";
import { undoModelChange } from "../../src/decisions/revert-model.js";
import { seedDemoCatalog } from "../../src/demo/seed-catalog.js";
import { seedDemoFleet } from "../../src/demo/seed.js";
import { principalFor } from "../../src/policy/principal.js";
import { changeAction } from "../../src/storage/in-force.js";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * The newcomer's walk through the demo fleet after `operator run`: what the report counts as in
 * force once a person undoes part of the operator's batch, what the report says of a likely-gone
 * model whose pending decision is a rename, and where a model's applied settings fix shows
 * (`signals show`, get_model_signals, `situations`, list_situations). Each checked against the
 * database.
 */
let t: TestDatabase;
let first: MutationBatchDoc;
let agent: Client;
let consoleServer: ConsoleFixture | undefined;
/** One console for the file: its people's token names are never reused on a database. */
const openConsole = async (): Promise<ConsoleFixture> =>
  (consoleServer ??= await startConsole(t, new Date()));

function cli(): (...args: string[]) => Promise<string> {
  return inProcessCli(
    () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
    [
      registerOperatorCommands,
      registerReportCommands,
      registerModelsCommands,
      registerSignalsCommands,
      registerSituationsCommands,
    ],
  );
}

/** The text report with its whitespace collapsed, so the 100-column wrap does not matter. */
const report = async (...extra: string[]): Promise<string> =>
  (await cli()("report", "health", "--dry-run", "--no-assessment", ...extra)).replace(/\s+/g, " ");
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const minute = (d: Date): string => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
/** The report's section `title` up to the next one. */
const section = (text: string, title: string): string => {
  const at = text.indexOf(`== ${title}`);
  expect(at, title).toBeGreaterThan(-1);
  const end = text.indexOf(" == ", text.indexOf(" ==", at + 3) + 3);
  return text.slice(at, end === -1 ? undefined : end);
};

beforeAll(async () => {
  const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  t = await openTestDatabase("report_in_force");
  await seedDemoFleet(t.repos, { seed: 42, now, models: 523, days: 7, cadenceHours: 6 });
  await seedDemoCatalog(t.repos, now);
  await cli()("operator", "run");
  first = (await t.repos.mutations.list({ limit: 1 }))[0]!;
  agent = await connect(sharedFor(t, new Date()), { name: "triage-bot", role: "agent" });
}, 240_000);

afterAll(async () => {
  await consoleServer?.http.close();
});

describe("the report's likely-gone models and situations name their pending decision", () => {
  it("a rename waiting for a person is shown as that rename, not as a suggested disable", async () => {
    const [rename] = await t.repos.decisions.find({
      status: "pending",
      action: "rename",
      provider: "openrouter",
      model_id: "mistralai/mistral-large-2411",
    });
    expect(rename).toBeDefined();
    const to = rename!.evidence["rename_to"];
    expect(to).toBe("mistralai/mistral-large-2512");
    const note = `pending: rename to ${String(to)}, waiting for a person (${rename!._id})`;

    const text = await report();
    const gone = section(text, "Models likely gone");
    // The model's line: its kind, hours and quoted message, then the pending decision.
    expect(gone).toMatch(
      new RegExp(
        `- openrouter:mistralai/mistral-large-2411 model_not_found, failing for [\\d.]+ h: "[^"]*" ${escape(note)}`,
      ),
    );
    const situations = section(text, "Situations");
    const situation = situations.slice(situations.indexOf("- openrouter | model_not_found |"));
    const own = situation.slice(0, situation.indexOf(" - ", 2));
    expect(own).toContain(
      `mistralai/mistral-large-2411: rename to ${String(to)}, waiting for a person (${rename!._id})`,
    );
    // Both of its models have a pending rename: nothing is left to suggest a disable for.
    expect(own).not.toContain("suggested: disable");

    const html = await cli()("report", "health", "--dry-run", "--no-assessment", "--html");
    expect(html).toContain(`<td>rename to ${String(to)}, waiting for a person (${rename!._id})</td>`);
  }, 60_000);

  it("situations, list_situations and the console's Situations page name it beside the suggestion", async () => {
    const renames = await t.repos.decisions.find({
      status: "pending",
      action: "rename",
      provider: "openrouter",
    });
    const byModel = new Map(renames.map((d) => [d.targets[0]!.model_id, d]));
    const mistral = byModel.get("mistralai/mistral-large-2411")!;
    expect(mistral).toBeDefined();

    const line = (await cli()("situations", "--provider", "openrouter"))
      .split("\n")
      .find((l) => /\bopenrouter +model_not_found\b/.test(l))!;
    expect(line).toContain(
      `mistralai/mistral-large-2411: rename to mistralai/mistral-large-2512 (${mistral._id})`,
    );
    const json = JSON.parse(await cli()("situations", "--provider", "openrouter", "--json")) as {
      kind: string;
      pending: { decisionId: string; modelId: string; action: string; renameTo: string | null }[];
    }[];
    const gone = json.find((s) => s.kind === "model_not_found")!;
    expect(gone.pending).toContainEqual({
      decisionId: mistral._id,
      modelId: "mistralai/mistral-large-2411",
      action: "rename",
      renameTo: "mistralai/mistral-large-2512",
    });
    // A group with no pending decision says none.
    expect(json.find((s) => s.kind === "timeout")?.pending).toEqual([]);

    const r = await call(agent, "list_situations", { provider: "openrouter", kind: "model_not_found" });
    const [situation] = r.structured?.["situations"] as {
      suggestion: { action: string };
      pending_decisions: {
        decision_id: string;
        model_id: string;
        action: string;
        rename_to: string | null;
      }[];
    }[];
    expect(situation!.suggestion.action).toBe("disable");
    // Every pending decision on the situation's models, in its models' order: the two renames and the
    // disable the policy left to a person (a model that succeeded within the week).
    const models = (r.structured?.["situations"] as { model_ids: string[] }[])[0]!.model_ids;
    const pending = (await t.repos.decisions.find({ status: "pending", provider: "openrouter" })).filter(
      (d) => models.includes(d.targets[0]!.model_id),
    );
    expect(pending.filter((d) => d.action === "rename")).toHaveLength(2);
    expect(situation!.pending_decisions).toEqual(
      pending
        .map((d) => ({
          decision_id: d._id,
          model_id: d.targets[0]!.model_id,
          action: d.action,
          rename_to: d.action === "rename" ? d.evidence["rename_to"] : null,
        }))
        .sort((a, b) => situationOrder(a.model_id) - situationOrder(b.model_id)),
    );
    function situationOrder(id: string): number {
      return (r.structured?.["situations"] as { model_ids: string[] }[])[0]!.model_ids.indexOf(id);
    }
    // The situation's resource says the same.
    const id = (r.structured?.["situations"] as { situation_id: string }[])[0]!.situation_id;
    const read = await agent.readResource({ uri: `fleet://situations/${id}` });
    const body = JSON.parse((read.contents[0] as { text: string }).text) as {
      pending_decisions: unknown[];
    };
    expect(body.pending_decisions).toEqual(situation!.pending_decisions);

    const f = await openConsole();
    const cookie = await httpSignIn(f.origin, f.tokens.operator);
    const page = await (await fetch(`${f.origin}/console/situations`, { headers: { cookie } })).text();
    const at = page.indexOf(`aria-label="openrouter model_not_found"`);
    const part = page.slice(at, page.indexOf("</section>", at)).replace(/\s+/g, " ");
    expect(part).toContain("Waiting for a person: ");
    expect(part).toContain(
      `mistralai/mistral-large-2411: <a href="/console/decisions/${mistral._id}">rename to mistralai/mistral-large-2512 (${mistral._id})</a>`,
    );
    // It comes before the classifier's suggestion, which is read after it.
    expect(part.indexOf("Waiting for a person")).toBeLessThan(part.indexOf("Classifier suggests"));
  }, 60_000);

  it("situations show gives one situation whole: every model, what waits for a person, its messages", async () => {
    const [gone] = (
      JSON.parse(await cli()("situations", "--provider", "openrouter", "--json")) as {
        id: string;
        kind: string;
        modelIds: string[];
        sampleMessages: string[];
        suggestion: { reasoning: string };
      }[]
    ).filter((s) => s.kind === "model_not_found");
    expect(gone!.modelIds.length).toBeGreaterThan(2);
    const pending = (await t.repos.decisions.find({ status: "pending", provider: "openrouter" })).filter(
      (d) => gone!.modelIds.includes(d.targets[0]!.model_id),
    );
    expect(pending.length).toBeGreaterThan(0);

    const text = (await cli()("situations", "show", gone!.id)).trimEnd();
    const lines = text.split("\n");
    expect(lines[0]).toBe(
      `${gone!.id}  openrouter model_not_found (hard), ${gone!.modelIds.length} model(s)`,
    );
    expect(text).toContain(`: ${gone!.suggestion.reasoning}`);
    for (const m of gone!.modelIds) expect(lines).toContain(`  ${m}`);
    for (const d of pending) {
      const what = d.action === "rename" ? `rename to ${String(d.evidence["rename_to"])}` : d.action;
      expect(lines).toContain(`  ${d.targets[0]!.model_id}: ${what} (\`decisions show ${d._id}\`)`);
    }
    const messages = lines.slice(lines.indexOf("messages (provider text, untrusted):") + 1);
    expect(messages).toEqual(gone!.sampleMessages.map((m) => `  ${m}`));
    expect(messages.length).toBeGreaterThan(0);

    const json = JSON.parse(await cli()("situations", "show", gone!.id, "--json")) as { id: string };
    expect(json.id).toBe(gone!.id);
    // An id that is not a situation now is refused, saying where the current ones are listed.
    await expect(cli()("situations", "show", "sit_000000000000")).rejects.toThrow(
      /No situation sit_000000000000 now.*`bench-operator situations`/,
    );
  }, 60_000);
});

describe("a settings fix operator run applied shows where a newcomer looks", () => {
  it("signals show and get_model_signals give the settings and the batch that set them", async () => {
    const row = (await t.repos.models.get({ provider: "openai", model_id: "o1-pro" }))!;
    expect(row.model_metadata?.["api"]).toBe("responses");
    expect(row.mutation_batch_id).toBe(first._id);
    const shown = await cli()("signals", "show", "openai", "o1-pro");
    expect(shown).toMatch(
      new RegExp(
        `^settings: +api=responses.* \\(set at ${first.created_at.toISOString()} by ${first.actor} in batch ${first._id}\\)$`,
        "m",
      ),
    );

    const r = await call(agent, "get_model_signals", { provider: "openai", model_id: "o1-pro" });
    expect(r.isError, r.text).toBe(false);
    expect(r.structured?.["settings"]).toEqual({
      values: row.model_metadata,
      changed_at: (row["settings_changed_at"] as Date).toISOString(),
      batch: { batch_id: first._id, actor: first.actor, at: first.created_at.toISOString() },
    });
    const plain = await call(agent, "get_model_signals", { provider: "openai", model_id: "gpt-4o" });
    expect(plain.structured?.["settings"]).toBeNull();
    expect(await cli()("signals", "show", "openai", "gpt-4o")).toMatch(
      /^settings: +none \(the adapter's defaults\)$/m,
    );
  }, 60_000);

  it("situations and list_situations say the fix was applied and the next run shows whether it worked", async () => {
    const fixedAt = minute(
      (await t.repos.models.get({ provider: "openai", model_id: "o1-pro" }))!["settings_changed_at"] as Date,
    );
    const note = `settings fix applied at ${fixedAt} for every model; the next run shows whether it worked`;
    const table = await cli()("situations", "--provider", "openai");
    const line = table.split("\n").find((l) => /\bopenai +bad_request\b/.test(l))!;
    expect(line).toContain(note);
    expect(table.split("\n").find((l) => /\bopenai +model_retired\b/.test(l))).not.toContain("settings fix");

    // The report's Situations section says it too.
    expect(section(await report(), "Situations")).toMatch(
      new RegExp(
        `- openai \\| bad_request \\| 3 model\\(s\\) since [^;]*; suggested: monitor; ${escape(note)} sample:`,
      ),
    );

    const r = await call(agent, "list_situations", { provider: "openai", kind: "bad_request" });
    const [situation] = r.structured?.["situations"] as { suggestion: { reasoning: string } }[];
    expect(situation!.suggestion.reasoning).toMatch(
      new RegExp(`^${escape(note)} \\(before it: bad_request: our adapter or benchmark profile needs fixing`),
    );

    // And the console's Situations page, in that situation's section only.
    const f = await openConsole();
    const cookie = await httpSignIn(f.origin, f.tokens.operator);
    const page = await (await fetch(`${f.origin}/console/situations`, { headers: { cookie } })).text();
    const part = (label: string): string => {
      const at = page.indexOf(`aria-label="${label}"`);
      return page.slice(at, page.indexOf("</section>", at));
    };
    expect(part("openai bad_request")).toContain(`<p class="notice">S${note.slice(1)}.</p>`);
    expect(part("openai model_retired")).not.toContain("settings fix");
  }, 60_000);
});

describe("the changes in force after a person undoes part of the operator's batch", () => {
  it("a direct enable of a model the batch disabled takes that disable out of the count, subject and section", async () => {
    const change = first.changes.find((c) => c.provider === "groq" && c.model_id === "allam-2-7b")!;
    expect(changeAction(change)).toBe("disable");
    expect(await report()).toMatch(
      /^Subject: \[bench-operator\] CRITICAL: 15 automatic changes \(12 disables, 3 settings\), /,
    );

    await cli()("models", "enable", "groq", "allam-2-7b", "--reason", "it answers again");
    const enable = (await t.repos.mutations.list({ limit: 1 }))[0]!;
    expect(enable._id).not.toBe(first._id);
    expect(enable.changes.map((c) => [c.model_id, c.after.enabled])).toEqual([["allam-2-7b", true]]);
    expect((await t.repos.mutations.get(first._id))!.reverted_by).toBeUndefined();

    const text = await report();
    expect(text).toMatch(
      /^Subject: \[bench-operator\] CRITICAL: 14 automatic changes \(11 disables, 3 settings\), /,
    );
    const actions = section(text, "Actions executed automatically");
    expect(actions).toContain(
      "== Actions executed automatically (1 batch: 14 automatic changes (11 disables, 3 settings) in force) ==",
    );
    const inForce = actions.slice(
      actions.indexOf("models in force:"),
      actions.indexOf("no longer in force:"),
    );
    expect(inForce).not.toContain("groq:allam-2-7b");
    expect(actions).toContain(
      `no longer in force: groq:allam-2-7b (disable; enable by ${enable.actor} at ${minute(enable.created_at)} in ${enable._id})`,
    );
    expect(actions).toContain(`undo: bench-operator batches revert ${first._id}`);
  }, 60_000);

  it("an undo of one model's settings change alone takes it out, and its adapter fix is needed again", async () => {
    const { undo } = await undoModelChange(
      t.repos,
      principalFor("alice", "operator"),
      { batchId: first._id, provider: "openai", model_id: "o1-pro", reason: "try chat completions again" },
      new Date(),
    );
    expect(undo.revert_only).toEqual({ provider: "openai", model_id: "o1-pro" });
    expect((await t.repos.mutations.get(first._id))!.reverted_by).toBeUndefined();

    const text = await report();
    expect(text).toMatch(
      /^Subject: \[bench-operator\] CRITICAL: 13 automatic changes \(11 disables, 2 settings\), /,
    );
    const actions = section(text, "Actions executed automatically");
    expect(actions).toContain("(1 batch: 13 automatic changes (11 disables, 2 settings) in force)");
    expect(actions).toContain(
      `openai:o1-pro (settings; undone alone by alice at ${minute(undo.created_at)} in ${undo._id})`,
    );
    // The fix was taken back: the openai bad_request errors need a fix again for o1-pro.
    const fixes = section(text, "Adapter fixes needed");
    const openai = fixes.slice(fixes.indexOf("- openai | bad_request |"));
    expect(openai.slice(0, openai.indexOf(" - ", 2))).toContain("still needed for the other model(s)");

    // And the model's own views say the settings are gone, the situation that two models wait.
    const row = (await t.repos.models.get({ provider: "openai", model_id: "o1-pro" }))!;
    expect(row.model_metadata).toBeUndefined();
    expect(await cli()("signals", "show", "openai", "o1-pro")).toMatch(/^settings: +none/m);
    const line = (await cli()("situations", "--provider", "openai"))
      .split("\n")
      .find((l) => /\bopenai +bad_request\b/.test(l))!;
    expect(line).toMatch(/settings fix applied at .* for codex-mini-latest, gpt-5-pro; the next run/);
  }, 60_000);
});

describe("an agent's proposal about a model with a pending decision", () => {
  it("says which open decision it replaces, what that one would have done, and who proposed it", async () => {
    const [rename] = await t.repos.decisions.find({
      status: "pending",
      action: "rename",
      provider: "openrouter",
      model_id: "deepseek/deepseek-chat-v3",
    });
    expect(rename).toBeDefined();
    const r = await call(agent, "propose_disable", {
      targets: [{ provider: "openrouter", model_id: "deepseek/deepseek-chat-v3" }],
      reason: "not a valid model id for days while openrouter is otherwise healthy",
    });
    expect(r.isError, r.text).toBe(false);
    const out = r.structured as { decision_id: string; supersedes: string[]; next_step: string };
    expect(out.supersedes).toEqual([rename!._id]);
    expect(out.next_step).toMatch(
      new RegExp(
        `^It replaces the open decision ${rename!._id} \\(rename to deepseek/deepseek-chat-v3-0324, proposed by classifier deterministic-classifier\\), which no longer waits for a person\\. Pending: `,
      ),
    );
    expect((await t.repos.decisions.get(rename!._id))?.status).toBe("superseded");
    // Proposing it again is the same decision, and replaces nothing more.
    const again = (
      await call(agent, "propose_disable", {
        targets: [{ provider: "openrouter", model_id: "deepseek/deepseek-chat-v3" }],
        reason: "not a valid model id for days while openrouter is otherwise healthy",
      })
    ).structured as { decision_id: string; next_step: string };
    expect(again.decision_id).toBe(out.decision_id);
    expect(again.next_step).toMatch(/^Already pending since /);
  }, 60_000);
});
