import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { seedDemoCatalog } from "../../src/demo/seed-catalog.js";
import { seedDemoFleet } from "../../src/demo/seed.js";
import { DEMO_RENAMES } from "../../src/demo/renames.js";
import { silentLogger } from "../../src/logger.js";
import { runOperator } from "../../src/operator/run.js";
import { principalFor } from "../../src/policy/principal.js";
import { defaultPolicy } from "../../src/policy/policy.js";
import { createOperatorLlmChain } from "../../src/providers/llm/index.js";
import type { DecisionDoc } from "../../src/storage/decisions-repository.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { launchChromium, signIn, startConsole, type ConsoleFixture } from "./support.js";

/**
 * Issue 17 items 1 and 3 in the console, in a real browser, on a seeded demo fleet after one
 * operator run: the page of a pending rename and of a pending set_settings decision says what
 * approving would do (the new id; the settings now and after), the policy's verdict and class,
 * and offers the approve form; approving through it executes the change, seen in the stored
 * decision, batch and model.
 */
const NOW = new Date("2026-11-20T12:00:00Z");

let t: TestDatabase;
let f: ConsoleFixture;
let browser: Browser;
let renames: DecisionDoc[];
let settings: DecisionDoc[];

beforeAll(async () => {
  t = await openTestDatabase("console-rename-settings");
  await seedDemoFleet(t.repos, { seed: 42, now: NOW, models: 523, days: 7, cadenceHours: 6 });
  await seedDemoCatalog(t.repos, NOW);
  // A policy that leaves settings changes to a person, so the run's set_settings decisions wait.
  const policy = defaultPolicy();
  await t.repos.policies.set(
    { ...policy, auto_execute: { ...policy.auto_execute, set_settings: { enabled: false } } },
    principalFor("root", "admin"),
    NOW,
  );
  const config = loadConfig({ MONGODB_DB: t.config.mongodb.db });
  await runOperator(
    { repos: t.repos, config, logger: silentLogger, chain: createOperatorLlmChain(config) },
    { now: NOW },
  );
  renames = await t.repos.decisions.find({ action: ["rename"] });
  settings = await t.repos.decisions.find({ action: ["set_settings"] });
  f = await startConsole(t, NOW);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await f?.http.close();
});

async function openDecision(id: string): Promise<{ page: Page; close: () => Promise<void>; main: string }> {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  await signIn(page, f.origin, f.tokens.operator);
  await page.goto(`${f.origin}/console/decisions/${id}`);
  const main = (await page.locator("main").textContent()) ?? "";
  return { page, close: () => ctx.close(), main };
}

const oneLine = (s: string): string => s.replace(/\s+/g, " ");

describe("the console's pages of the operator's renames and settings changes", () => {
  it("a pending rename names the new id and the catalog's evidence; approving it moves the model", async () => {
    expect(renames.map((d) => d.status)).toEqual(["pending", "pending"]);
    const rename = DEMO_RENAMES[0]!;
    const d = renames.find((x) => x.targets[0]!.model_id === rename.from)!;
    const { page, close, main } = await openDecision(d._id);
    const text = oneLine(main);
    expect(text).toContain(`rename of 1 model(s)`);
    expect(text).toContain(`${rename.provider}:${rename.from}`);
    // The new id, as evidence and in the successor's catalog evidence.
    expect(text).toMatch(new RegExp(`rename_to\\s*${rename.to.replace(/[.]/g, "\\.")}`));
    expect(text).toContain(`to: ${rename.to}; rule:`);
    expect(text).toContain("moves the model to the new id");
    // The policy: authority-gated, a person approves, and this operator may.
    expect(text).toContain("Action class: authority_gated.");
    expect(text).toContain("needs_approval; approvers: operator or admin");
    expect(text).toContain("rename is authority-gated: only a human principal may do it");
    expect(text).toMatch(/For you \(olivia, operator\) now: allowed/);

    await page.getByRole("button", { name: "Approve and execute" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/Approved and executed in batch mb_/);
    const stored = await t.repos.decisions.get(d._id);
    expect(stored).toMatchObject({ status: "executed", approved_by: "olivia", approval_channel: "console" });
    expect(await t.repos.models.get({ provider: rename.provider, model_id: rename.from })).toBeNull();
    const moved = await t.repos.models.get({ provider: rename.provider, model_id: rename.to });
    expect(moved).toMatchObject({
      enabled: true,
      renamed_from: rename.from,
      mutation_batch_id: stored!.batch_id,
    });

    // Each id's page links the other: the old one says where the model went, the new one where from.
    const href = (id: string) => `/console/models/${rename.provider}/${encodeURIComponent(id)}`;
    await page.goto(`${f.origin}${href(rename.from)}`);
    const old = oneLine((await page.locator("main").textContent()) ?? "");
    expect(old).toMatch(
      new RegExp(`In the fleet renamed to ${rename.to.replace(/[.]/g, "\\.")} .*where it is measured now`),
    );
    expect(old).not.toContain("not in the fleet");
    await page.getByRole("link", { name: rename.to, exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(href(rename.to));
    const moved2 = oneLine((await page.locator("main").textContent()) ?? "");
    expect(moved2).toMatch(
      new RegExp(`Renamed from ${rename.from.replace(/[.]/g, "\\.")} .*successes, \\d+ errors there`),
    );
    await page.getByRole("link", { name: rename.from, exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(href(rename.from));
    await close();
  }, 90_000);

  it("a pending set_settings shows the settings it would set and the model's settings now; approving applies them", async () => {
    expect(settings.length).toBeGreaterThan(0);
    for (const s of settings) expect(s.status).toBe("pending");
    const d = settings.find((x) => x.targets[0]!.model_id === "o1-pro") ?? settings[0]!;
    const target = d.targets[0]!;
    const before = await t.repos.models.get(target);
    const next = d.evidence["settings"] as Record<string, unknown>;
    expect(next).toMatchObject({ api: "responses" });

    const { page, close, main } = await openDecision(d._id);
    const text = oneLine(main);
    expect(text).toContain("set_settings of 1 model(s)");
    expect(text).toContain(`${target.provider}:${target.model_id}`);
    expect(text).toContain(
      `settings ${Object.entries(next)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join("; ")}`,
    );
    // The model's settings as stored now, beside what approving sets.
    const rows = page.locator('section[aria-labelledby="settings"] tbody tr');
    expect(await rows.count()).toBe(1);
    expect(oneLine((await rows.first().textContent()) ?? "").trim()).toBe(
      `${target.provider}:${target.model_id} none (the defaults) ${JSON.stringify(next)}`,
    );
    expect(text).toContain("replaces each model's request settings (model_metadata)");
    expect(text).toContain("only supported in v1/responses");
    // The policy's verdict: this policy leaves the reversible class to a person.
    expect(text).toContain("Action class: reversible.");
    expect(text).toContain("needs_approval; approvers: operator or admin");
    expect(text).toContain("the policy does not auto-execute set_settings");
    expect(text).toMatch(/For you \(olivia, operator\) now: allowed/);

    await page.getByRole("button", { name: "Approve and execute" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/Approved and executed in batch mb_/);
    const stored = await t.repos.decisions.get(d._id);
    expect(stored).toMatchObject({ status: "executed", approved_by: "olivia", approval_channel: "console" });
    const after = await t.repos.models.get(target);
    expect(before?.model_metadata ?? null).toBeNull();
    expect(after).toMatchObject({ enabled: true, model_metadata: next, mutation_batch_id: stored!.batch_id });
    const batch = await t.repos.mutations.get(stored!.batch_id!);
    expect(batch?.changes).toEqual([
      expect.objectContaining({
        model_id: target.model_id,
        after: expect.objectContaining({ model_metadata: next }),
      }),
    ]);

    // The model's own page says what its next run uses, and which batch set it.
    await page.goto(`${f.origin}/console/models/${target.provider}/${encodeURIComponent(target.model_id)}`);
    const model = oneLine((await page.locator("main").textContent()) ?? "");
    expect(model).toMatch(
      new RegExp(`Request settings api=responses.*\\(set .* by olivia in batch ${stored!.batch_id}`),
    );
    await close();
  }, 90_000);
});
