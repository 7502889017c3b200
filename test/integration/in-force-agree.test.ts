import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerDecisionsCommands } from "../../src/cli/commands/decisions.js";
import { registerOperatorCommands } from "../../src/cli/commands/operator.js";
import { registerReportCommands } from "../../src/cli/commands/report.js";
import { applyBookkeeping } from "../../src/decisions/bookkeeping.js";
import { seedDemoCatalog } from "../../src/demo/seed-catalog.js";
import { seedDemoFleet } from "../../src/demo/seed.js";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import { httpPostForm, httpSignIn, startConsole, type ConsoleFixture } from "../browser/support.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * Whether the operator's disable of one model is still in force, asked of the three readers that
 * used to decide it each their own way: the daily report, `decisions show` and the console's model
 * page (over HTTP). A recovery probe's bookkeeping write of the model's recheck date leaves the
 * disable in force for all three; a person's enable of that one model on its page takes it out of
 * force for all three.
 */
const MODEL = { provider: "groq", model_id: "allam-2-7b" };
let t: TestDatabase;
let f: ConsoleFixture;
let now: Date;
/** After the operator's run: when the recovery probe and the person act. */
let later: Date;
let disable: MutationBatchDoc;
let decisionId: string;
let cookie: string;

function cli(): (...args: string[]) => Promise<string> {
  return inProcessCli(
    () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
    [registerOperatorCommands, registerReportCommands, registerDecisionsCommands],
  );
}

/** The text with tags dropped and whitespace collapsed: what a person reads. */
const text = (html: string): string =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

/** The report's "Actions executed automatically" section, whitespace collapsed. */
async function actions(): Promise<string> {
  const out = (await cli()("report", "health", "--dry-run", "--no-assessment")).replace(/\s+/g, " ");
  const at = out.indexOf("== Actions executed automatically");
  expect(at).toBeGreaterThan(-1);
  return out.slice(at, out.indexOf(" == ", out.indexOf(" ==", at + 3) + 3));
}

const pagePath = `/console/models/${MODEL.provider}/${MODEL.model_id}`;
const modelPage = async (): Promise<string> => {
  const res = await fetch(`${f.origin}${pagePath}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
};
/** What the history says of the operator's batch on this model: "in force", or what overruled it. */
const standing = (html: string): string => {
  const history = text(html.slice(html.indexOf('aria-labelledby="history"')));
  const row = new RegExp(
    `${disable._id} disable \\(applied\\), one of \\d+ changes operator-run \\S+ \\S+ UTC (in force|overruled by a later \\w+ in mb_\\w+ by \\w+)`,
  ).exec(history);
  expect(row, history).not.toBeNull();
  return row![1]!;
};

beforeAll(async () => {
  now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  t = await openTestDatabase("in_force_agree");
  await seedDemoFleet(t.repos, { seed: 42, now, models: 523, days: 7, cadenceHours: 6 });
  await seedDemoCatalog(t.repos, now);
  await cli()("operator", "run");
  disable = (await t.repos.mutations.list({ limit: 1 }))[0]!;
  const [d] = await t.repos.decisions.find({ status: "executed", action: "disable", ...MODEL });
  decisionId = d!._id;
  expect(d!.batch_id).toBe(disable._id);
  later = new Date(Date.now() + 60_000);
  f = await startConsole(t, later);
  cookie = await httpSignIn(f.origin, f.tokens.operator);
}, 240_000);

afterAll(async () => {
  await f?.http.close();
});

describe("the report, decisions show and the console agree on what is in force", () => {
  it("a bookkeeping write of the recheck date leaves the disable in force for all three", async () => {
    const recheck = new Date(later.getTime() + 3 * 86_400_000);
    const book = await applyBookkeeping(
      t.repos,
      {
        actor: "job:recovery-probes",
        reason: "recovery probes: next recheck dates",
        changes: [{ ...MODEL, set: { recheck_after: recheck } }],
      },
      later,
    );
    expect(book.applied_count).toBe(1);
    const row = await t.repos.models.get(MODEL);
    expect(row).toMatchObject({ enabled: false, recheck_after: recheck, mutation_batch_id: book._id });
    f.shared.services.invalidate();

    const report = await actions();
    expect(report).toContain("16 automatic changes (12 disables, 3 settings, 1 recheck date moved) in force");
    expect(report).toContain(`by operator-run: applied, applied 15, failed 0 models: `);
    expect(report).not.toContain("no longer in force");

    const shown = await cli()("decisions", "show", decisionId);
    expect(shown).toMatch(/^decision +\S+: disable 1 model\(s\), executed\n/m);
    expect(shown).not.toContain("no longer");

    const page = await modelPage();
    expect(standing(page)).toBe("in force");
    expect(text(page)).toContain(`Batch ${disable._id} (operator-run,`);
    expect(text(page)).toContain("Enabling it here undoes that for this model only");
  }, 60_000);

  it("a person's enable of that one model on its page takes the disable out of force for all three", async () => {
    const res = await httpPostForm(f.origin, cookie, await modelPage(), `${pagePath}/enable`, {
      reason: "it answers again",
    });
    expect(res.status).toBe(303);
    const enable = (await t.repos.mutations.list({ limit: 5 })).find((b) => b.actor === "olivia")!;
    expect(enable).toMatchObject({ actor: "olivia", kind: "apply" });
    expect(enable.changes.map((c) => [c.model_id, c.after.enabled])).toEqual([["allam-2-7b", true]]);
    expect((await t.repos.mutations.get(disable._id))!.reverted_by).toBeUndefined();

    const report = await actions();
    expect(report).toContain("15 automatic changes (11 disables, 3 settings, 1 recheck date moved) in force");
    expect(report).toMatch(
      new RegExp(
        `no longer in force:[^=]*groq:allam-2-7b \\(disable; enable by olivia at [^)]* in ${enable._id}\\)`,
      ),
    );

    const shown = await cli()("decisions", "show", decisionId);
    expect(shown).toMatch(
      /^decision +\S+: disable 1 model\(s\), executed, 1 of 1 model\(s\) changed back later\n/m,
    );
    expect(shown).toContain(
      `no longer   groq:allam-2-7b: a later enable by olivia at ${enable.created_at.toISOString()} in ${enable._id} took it out of force`,
    );

    const page = await modelPage();
    expect(standing(page)).toBe(`overruled by a later enable in ${enable._id} by olivia`);
    expect(text(page)).not.toContain("Enabling it here undoes that");
  }, 60_000);
});
