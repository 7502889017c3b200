import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revertAs } from "../../src/decisions/revert.js";
import { undoModelChange } from "../../src/decisions/revert-model.js";
import { principalFor, SYSTEM_PRINCIPAL } from "../../src/policy/principal.js";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { executedBatch, openaiModel } from "../helpers/executed-batch.js";
import { flat, launchChromium, signIn, startConsole, type ConsoleFixture } from "./support.js";

/**
 * A decision's page after its batch executed: a batch of several decisions names its other changes
 * and sends a person to each model's page for its undo alone; a model undone alone is named with
 * who, when and which batch; after the batch's revert the page says it was reverted and no longer
 * offers the revert.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const alice = principalFor("alice", "operator");

let t: TestDatabase;
let f: ConsoleFixture;
let browser: Browser;
let page: Page | undefined;
let batch: MutationBatchDoc;
const dec: Record<string, string> = {};

beforeAll(async () => {
  t = await openTestDatabase("console-decision-undone");
  await t.repos.models.insertMany(["set-a", "set-b", "set-c"].map((id) => openaiModel(id, NOW)));
  f = await startConsole(t, NOW);
  batch = await executedBatch(t.repos, SYSTEM_PRINCIPAL, "set_settings", ["set-a", "set-b", "set-c"], NOW, {
    settings: { api: "responses" },
  });
  for (const d of await t.repos.decisions.getMany(batch.decision_ids)) dec[d.targets[0]!.model_id] = d._id;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await f?.http.close();
});

/** The decision's page, signed in as an operator on first use (signIn polls: inside a test). */
async function open(path: string): Promise<Page> {
  if (!page) {
    page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    await signIn(page, f.origin, f.tokens.operator);
  }
  await page.goto(`${f.origin}${path}`);
  return page;
}

const facts = async (): Promise<string> => flat(await page!.locator("main dl").first().textContent());
const effect = async (): Promise<string> =>
  flat(await page!.locator('section[aria-labelledby="effect"]').textContent());

describe("a decision's page after its batch executed", () => {
  it("a batch of many: its other changes, and the model's own page for its undo alone", async () => {
    await open(`/console/decisions/${dec["set-a"]}`);
    const text = await effect();
    expect(text).toContain(
      `To undo: open the batch ${batch._id} (linked above) and revert it (an operator or admin): that also reverts its 2 other changes (2 set_settings).`,
    );
    expect(text).toContain("To undo one model alone, use its page, which offers its own undo: openai:set-a.");
    const link = page!.locator('section[aria-labelledby="effect"] a', { hasText: "openai:set-a" });
    expect(await link.getAttribute("href")).toBe("/console/models/openai/set-a");
  });

  it("a model undone alone: who, when, which batch, and nothing left to undo for this decision", async () => {
    const { undo } = await undoModelChange(
      t.repos,
      alice,
      { batchId: batch._id, provider: "openai", model_id: "set-a", reason: "broke its runs" },
      NOW,
    );
    f.shared.services.invalidate();
    await open(`/console/decisions/${dec["set-a"]}`);
    expect(await facts()).toContain("Status executed, 1 of 1 model(s) undone alone");
    const text = await effect();
    expect(text).toContain(
      `Undone for openai:set-a alone, by alice 2026-11-20 12:00 UTC in batch ${undo._id}: the rest of batch ${batch._id} stays in force.`,
    );
    expect(text).toContain("Nothing of this decision is left in force to undo.");
    expect(text).not.toContain("To undo");
  });

  it("after the batch's revert: reverted, by whom, when, in which batch, and no revert offered", async () => {
    const { revert } = await revertAs(t.repos, batch._id, alice, NOW);
    f.shared.services.invalidate();
    await open(`/console/decisions/${dec["set-b"]}`);
    const shown = await facts();
    expect(shown).toContain(`Status executed, reverted by alice 2026-11-20 12:00 UTC in batch ${revert._id}`);
    expect(shown).toContain(`Batch ${batch._id} (applied; reverted in ${revert._id})`);
    const text = await effect();
    expect(text).toContain(
      `Reverted: batch ${batch._id} was reverted by alice 2026-11-20 12:00 UTC in batch ${revert._id}. This decision's change is undone, with the batch's 2 other changes (2 set_settings); there is nothing left to revert.`,
    );
    expect(text).not.toContain("To undo");
    expect(text).not.toContain("revert it");
    // The batch's own page agrees: reverted, and no revert form.
    const batchPage = await open(`/console/batches/${batch._id}`);
    expect(await batchPage.locator('form[action$="/revert"]').count()).toBe(0);
  });
});
