import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyBookkeeping } from "../../src/decisions/bookkeeping.js";
import { proposeRename } from "../../src/decisions/rename.js";
import { revertAs } from "../../src/decisions/revert.js";
import type { PolicyAction } from "../../src/policy/evaluate.js";
import { principalFor, SYSTEM_PRINCIPAL, type Principal } from "../../src/policy/principal.js";
import type { ModelDoc } from "../../src/storage/documents.js";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { executedBatch, openaiModel } from "../helpers/executed-batch.js";
import { flat, launchChromium, shoot, signIn, startConsole, type ConsoleFixture } from "./support.js";

/**
 * A person undoing, on one model's page, what a batch of two models did to that model alone: a
 * deprecate, a rename (the page then is the old id's), a settings change; the refusals when the
 * model or the batch changed after the page was read, shown on the model's page; and the model's
 * history listing the batches without a decision that came before its last change.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const alice = principalFor("alice", "operator");
const SETTINGS_BEFORE = { max_tokens_param: "max_completion_tokens" };

let t: TestDatabase;
let f: ConsoleFixture;
let browser: Browser;

/** Decisions of `action` on these models executed together in one batch, the console told. */
async function executed(
  action: PolicyAction,
  models: string[],
  evidence: Record<string, unknown> = {},
  by: Principal = alice,
): Promise<MutationBatchDoc> {
  const batch = await executedBatch(t.repos, by, action, models, NOW, evidence);
  f.shared.services.invalidate();
  return batch;
}

const openai = (model_id: string) => ({ provider: "openai", model_id });
const raw = (provider: string, model_id: string) =>
  t.db.collection("models").findOne({ provider, model_id }, { projection: { _id: 0 } });

beforeAll(async () => {
  t = await openTestDatabase("console-model-undo");
  const model = (model_id: string, extra: Partial<ModelDoc> = {}) => openaiModel(model_id, NOW, extra);
  await t.repos.models.insertMany([
    model("dep-a"),
    model("dep-b"),
    model("dep-c"),
    model("set-a", { model_metadata: SETTINGS_BEFORE }),
    model("set-b"),
    { ...model("old-id"), provider: "fireworks" },
  ]);
  f = await startConsole(t, NOW);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await f?.http.close();
});

async function pageAs(token: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  await signIn(page, f.origin, token);
  return page;
}

const undoSection = (page: Page) => page.locator('section[aria-labelledby="undo"]');
const historyText = async (page: Page) =>
  flat(await page.locator('section[aria-labelledby="history"]').textContent());

describe("undoing one model's change on its page", () => {
  it("a deprecate of two models: undone for one, the other left deprecated, the undo in the history", async () => {
    const batch = await executed("deprecate", ["dep-a", "dep-b"]);
    const before = await raw("openai", "dep-b");
    const page = await pageAs(f.tokens.operator);
    await page.goto(`${f.origin}/console/models/openai/dep-a`);
    const undo = undoSection(page);
    expect(flat(await undo.textContent())).toContain(
      `Batch ${batch._id} (alice, 2026-11-20 12:00 UTC) made the deprecate in force on this model, among 1 other change(s). The model goes back to the state it had before`,
    );
    await shoot(page, "console-model-undo-deprecate");
    const reason = "The provider still serves it; its listing dropped it by mistake.";
    await page.getByLabel(/Reason for undoing the deprecate/).fill(reason);
    await page.getByRole("button", { name: "Undo the deprecate for this model" }).click();
    await page.waitForURL((u) => u.searchParams.get("done") === "undone");
    const status = flat(await page.getByRole("status").textContent());
    expect(status).toMatch(
      new RegExp(
        `^Undone by olivia in batch (mb_\\w+): the deprecate of batch ${batch._id} on this model only; the rest of that batch stays as it is\\.`,
      ),
    );
    const undoId = /batch (mb_\w+)/.exec(status)![1]!;

    // Stored: the undo's batch with the person and their reason; the model as before; dep-b untouched.
    expect(await t.repos.mutations.get(undoId)).toMatchObject({
      kind: "revert",
      actor: "olivia",
      reason: `undo of the deprecate of openai:dep-a in ${batch._id}, this model only: ${reason}`,
      revert_of: batch._id,
      revert_only: openai("dep-a"),
      status: "applied",
    });
    expect(await raw("openai", "dep-a")).toMatchObject({ enabled: true, mutation_batch_id: undoId });
    expect(await raw("openai", "dep-a")).not.toHaveProperty("deprecated");
    expect(await raw("openai", "dep-b")).toEqual(before);
    expect((await t.repos.mutations.get(batch._id))?.reverted_by).toBeUndefined();

    // The page now: no undo form for it; the history says what the undo did.
    expect(await page.getByRole("button", { name: /Undo the deprecate/ }).count()).toBe(0);
    expect(await historyText(page)).toContain(
      `${undoId} undo of the deprecate of ${batch._id}, this model only (applied) olivia 2026-11-20 12:00 UTC in force: its revert puts the change back`,
    );
    await shoot(page, "console-model-undone");

    // The models page names the undo as the model's last change.
    await page.goto(`${f.origin}/console/models?q=dep-a`);
    expect(flat(await page.locator("tbody tr").first().textContent())).toContain(
      `deprecate (this model only) undone: ${undoId} by olivia`,
    );

    // The batches and decisions lists say what the undo left of the batch, as the CLI's lists do.
    await page.goto(`${f.origin}/console/batches`);
    const row = page.locator("tbody tr", { has: page.getByRole("link", { name: batch._id, exact: true }) });
    expect(flat(await row.textContent())).toContain("applied, partly undone (1 of 2 models)");
    expect(await page.locator("thead th").allTextContents()).toContain("Reverted by batch");
    await page.goto(`${f.origin}/console/decisions`);
    const decided = page.locator('section[aria-labelledby="recent"] tbody tr', { hasText: "dep-a" });
    expect(flat(await decided.first().textContent())).toContain("executed, undone alone (1 of 1 model)");
  }, 60_000);

  it("a rename: the undo moves the model back and the page follows it to its old id", async () => {
    const { batch } = await proposeRename(
      t.repos,
      alice,
      { provider: "fireworks", from: "old-id", to: "new-id", reason: "served under a new id" },
      NOW,
    );
    f.shared.services.invalidate();
    const page = await pageAs(f.tokens.operator);
    await page.goto(`${f.origin}/console/models/fireworks/new-id`);
    expect(flat(await undoSection(page).textContent())).toContain(
      `Batch ${batch!._id} (alice, 2026-11-20 12:00 UTC) made the rename in force on this model. The model moves back to its old id`,
    );
    await page.getByLabel(/Reason for undoing the rename/).fill("new-id is another model");
    await page.getByRole("button", { name: "Undo the rename for this model" }).click();
    await page.waitForURL((u) => u.searchParams.get("done") === "undone");
    expect(new URL(page.url()).pathname).toBe("/console/models/fireworks/old-id");
    expect(flat(await page.getByRole("status").textContent())).toContain(
      `the rename of batch ${batch!._id} on this model. Reverting`,
    );
    expect(await t.repos.models.get({ provider: "fireworks", model_id: "new-id" })).toBeNull();
    const back = await raw("fireworks", "old-id");
    expect(back).toMatchObject({ enabled: true });
    expect(back).not.toHaveProperty("renamed_from");
    // The history follows the model across the move: the rename and its undo.
    const history = await historyText(page);
    expect(history).toContain(`${batch!._id} rename (applied) alice`);
    expect(history).toContain(`undo of the rename of ${batch!._id}, this model only (applied) olivia`);
  }, 60_000);

  it("a settings change: undone for one model; a change made after the page was read is refused on the page", async () => {
    const settings = { api: "responses" };
    const batch = await executed("set_settings", ["set-a", "set-b"], { settings }, SYSTEM_PRINCIPAL);
    const page = await pageAs(f.tokens.operator);
    await page.goto(`${f.origin}/console/models/openai/set-a`);
    await page.getByLabel(/Reason for undoing the settings/).fill("streaming breaks on Responses");
    await page.getByRole("button", { name: "Undo the settings for this model" }).click();
    await page.waitForURL((u) => u.searchParams.get("done") === "undone");
    expect((await raw("openai", "set-a"))?.["model_metadata"]).toEqual(SETTINGS_BEFORE);

    // set-b's page is read, then another settings change lands before the form is sent.
    await page.goto(`${f.origin}/console/models/openai/set-b`);
    await page.getByLabel(/Reason for undoing the settings/).fill("streaming breaks on Responses");
    const later = await executed(
      "set_settings",
      ["set-b"],
      { settings: { omit_temperature: true } },
      SYSTEM_PRINCIPAL,
    );
    const count = (await t.repos.mutations.list({ limit: 100 })).length;
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Undo the settings for this model" }).click(),
    ]);
    expect(answer.status()).toBe(409);
    expect(flat(await page.getByRole("alert").textContent())).toContain(
      `openai:set-b changed after batch ${batch._id} by batch ${later._id} (operator-run, 2026-11-20T12:00:00.000Z): model_metadata no longer hold what that batch wrote, and undoing it would overwrite the later change. Nothing was changed.`,
    );
    await shoot(page, "console-model-undo-refused");
    // The refusal is on the model's page, which offers the undo of what is in force now.
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("openai:set-b");
    expect(flat(await undoSection(page).textContent())).toContain(`Batch ${later._id}`);
    expect((await t.repos.mutations.list({ limit: 100 })).length).toBe(count);
    expect(await t.repos.models.get(openai("set-b"))).toMatchObject({
      model_metadata: { api: "responses", omit_temperature: true },
    });
  }, 60_000);

  it("a batch reverted after the page was read is refused; a viewer has no undo form", async () => {
    const batch = await executed("deprecate", ["dep-c"]);
    const page = await pageAs(f.tokens.operator);
    await page.goto(`${f.origin}/console/models/openai/dep-c`);
    await page.getByLabel(/Reason for undoing the deprecate/).fill("still served");
    const { revert } = await revertAs(t.repos, batch._id, alice, NOW);
    f.shared.services.invalidate();
    await page.getByRole("button", { name: "Undo the deprecate for this model" }).click();
    await expect
      .poll(async () => flat(await page.getByRole("alert").textContent()))
      .toContain(
        `Batch ${batch._id} was already reverted (in ${revert._id}): there is nothing of it left to undo on openai:dep-c. Nothing was changed.`,
      );
    expect(await t.repos.mutations.list({ limit: 100 })).not.toContainEqual(
      expect.objectContaining({ revert_only: openai("dep-c") }),
    );

    const viewer = await pageAs(f.tokens.viewer);
    await viewer.goto(`${f.origin}/console/models/openai/dep-b`);
    const text = flat(await undoSection(viewer).textContent());
    expect(text).toContain("made the deprecate in force on this model");
    expect(text).toContain("Your role (viewer) can only read: undoing needs an operator or admin.");
    expect(await undoSection(viewer).getByRole("button").count()).toBe(0);
  }, 60_000);

  it("a model's history lists the batches without a decision before its last change", async () => {
    const candidate = { provider: "openai", model_id: "cand-a" };
    const added = await applyBookkeeping(
      t.repos,
      {
        actor: "admission",
        reason: "admission: 1 new candidate",
        changes: [{ ...candidate, set: { enabled: false, status: "probing" }, create: { created_at: NOW } }],
      },
      NOW,
    );
    const rejected = await applyBookkeeping(
      t.repos,
      {
        actor: "admission",
        reason: "admission: 1 rejection",
        changes: [{ ...candidate, set: { status: "rejected" } }],
      },
      NOW,
    );
    f.shared.services.invalidate();
    const page = await pageAs(f.tokens.viewer);
    await page.goto(`${f.origin}/console/models/openai/cand-a`);
    const history = await historyText(page);
    expect(history).toContain(`${rejected._id} reject candidate (applied) admission`);
    expect(history).toContain(`${added._id} add candidate (applied) admission`);
  }, 60_000);
});
