import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { seedDemoCatalog } from "../../src/demo/seed-catalog.js";
import { seedDemoFleet } from "../../src/demo/seed.js";
import { silentLogger } from "../../src/logger.js";
import { runOperator } from "../../src/operator/run.js";
import { createOperatorLlmChain } from "../../src/providers/llm/index.js";
import type { BatchChange, MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { callInFlight } from "../helpers/spend.js";
import { flat, launchChromium, shoot, signIn, startConsole, type ConsoleFixture } from "./support.js";

/**
 * Finding one model of the demo fleet and undoing what happened to it, in a real browser: the
 * models page (filters and pages served by the server), a model's page with its history, and the
 * person's undo of the operator's disable for that model alone (a direct enable, audited with the
 * person and their reason), the rest of the operator's batch left in force. Also what the Jobs
 * and Costs pages say when they have nothing to show.
 */
const NOW = new Date("2026-11-20T12:00:00Z");

let t: TestDatabase;
let f: ConsoleFixture;
let browser: Browser;
/** The operator run's one batch: the demo's automatic disables and settings changes. */
let operatorBatch: MutationBatchDoc;

beforeAll(async () => {
  t = await openTestDatabase("console-models");
  await seedDemoFleet(t.repos, { seed: 42, now: NOW, models: 523, days: 7, cadenceHours: 6 });
  await seedDemoCatalog(t.repos, NOW);
  // No operator LLM: the deterministic classifier decides, and nothing is spent.
  const config = loadConfig({ MONGODB_DB: t.config.mongodb.db });
  await runOperator(
    { repos: t.repos, config, logger: silentLogger, chain: createOperatorLlmChain(config) },
    { now: NOW },
  );
  const batches = await t.repos.mutations.list({ limit: 10 });
  expect(batches.map((b) => b.actor)).toEqual(["operator-run"]);
  operatorBatch = batches[0]!;
  f = await startConsole(t, NOW);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await f?.http.close();
});

const disables = (): BatchChange[] => operatorBatch.changes.filter((c) => c.after.enabled === false);

async function pageAs(token: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  await signIn(page, f.origin, token);
  return page;
}

describe("the console's models", () => {
  it("finds a demo model by text, opens its page and undoes the operator's disable of it alone", async () => {
    const target = disables()[0]!;
    const key = { provider: target.provider, model_id: target.model_id };
    const page = await pageAs(f.tokens.operator);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Models" }).click();
    await page.getByLabel("Model id contains").fill(key.model_id);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL((u) => u.searchParams.get("q") === key.model_id);
    const row = page
      .locator("tbody tr")
      .filter({ has: page.getByRole("cell", { name: key.provider, exact: true }) });
    expect(flat(await row.textContent())).toContain(`disable: ${operatorBatch._id} by operator-run`);
    await row.getByRole("link", { name: key.model_id, exact: true }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe(`${key.provider}:${key.model_id}`);

    await shoot(page, "console-model-disabled");
    const undo = page.locator('section[aria-labelledby="undo"]');
    const others = operatorBatch.changes.length - 1;
    expect(flat(await undo.textContent())).toContain(
      `${operatorBatch._id} (operator-run, 2026-11-20 12:00 UTC) disabled this model, among ${others} other change(s). Enabling it here undoes that for this model only`,
    );
    const reason = "It answers again from our account; the 404 was a regional rollout.";
    await page.getByLabel(/Reason for enabling/).fill(reason);
    await page.getByRole("button", { name: "Enable this model" }).click();
    await page.waitForURL((u) => u.searchParams.get("done") === "enabled");
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/^Enabled by olivia: decision dec_\w+, batch mb_\w+\. The model is enabled\.$/);

    await shoot(page, "console-model-enabled");
    // Stored: the model enabled by a batch of its own, the person its actor, their reason kept.
    const model = await t.repos.models.get(key);
    expect(model).toMatchObject({ enabled: true, disabled_reason: null, disabled_class: null });
    const decisions = await t.repos.decisions.find({ action: ["enable"], model_id: key.model_id });
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      status: "executed",
      targets: [key],
      proposed_by: { kind: "human", name: "olivia" },
      approved_by: "olivia",
      approval_channel: "direct",
      reasoning: reason,
      batch_id: model!.mutation_batch_id,
    });
    const batch = await t.repos.mutations.get(model!.mutation_batch_id!);
    expect(batch).toMatchObject({
      kind: "apply",
      actor: "olivia",
      reason: `enable: ${reason}`,
      decision_ids: [decisions[0]!._id],
      applied_count: 1,
    });
    expect(batch!.changes).toEqual([
      expect.objectContaining({ ...key, before: expect.objectContaining({ enabled: false }) }),
    ]);
    // The operator's batch is not reverted: its other disables stay in force.
    expect((await t.repos.mutations.get(operatorBatch._id))?.reverted_by).toBeUndefined();
    const other = disables()[1]!;
    expect((await t.repos.models.get(other))?.enabled).toBe(false);

    // The page now: no enable form, the enable in the history; a reload submits nothing again.
    await page.reload();
    expect(await page.getByRole("button", { name: "Enable this model" }).count()).toBe(0);
    const history = flat(await page.locator('section[aria-labelledby="history"]').textContent());
    expect(history).toContain(`${decisions[0]!._id} enable executed human olivia`);
    const enable = (await t.repos.mutations.list({ limit: 5 })).find((b) => b.actor === "olivia")!;
    expect(history).toContain(
      `${operatorBatch._id} disable (applied), one of ${others + 1} changes operator-run 2026-11-20 12:00 UTC overruled by a later enable in ${enable._id} by olivia`,
    );
    expect(await t.repos.decisions.find({ action: ["enable"], model_id: key.model_id })).toHaveLength(1);

    // A form sent again (another tab), or without a reason, is refused and records nothing.
    const csrf = await page.locator("input[name=csrf]").first().getAttribute("value");
    const url = `${f.origin}${new URL(page.url()).pathname}/enable`;
    const again = await page.request.post(url, {
      form: { csrf: csrf!, reason },
      headers: { origin: f.origin },
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain(
      `${key.provider}:${key.model_id} is already enabled; nothing was changed.`,
    );
    const other2 = disables()[1]!;
    const bare = await page.request.post(
      `${f.origin}/console/models/${other2.provider}/${encodeURIComponent(other2.model_id)}/enable`,
      { form: { csrf: csrf!, reason: "  " }, headers: { origin: f.origin } },
    );
    expect(bare.status()).toBe(400);
    expect(await bare.text()).toContain("A reason is required to enable a model; nothing was changed.");
    expect(await t.repos.decisions.find({ action: ["enable"] })).toHaveLength(1);
    expect((await t.repos.models.get(other2))?.enabled).toBe(false);
  }, 90_000);

  it("undoes the operator's settings change of one model alone; the batch's other changes stay in force", async () => {
    const settings = operatorBatch.changes.filter((c) => "model_metadata" in c.after);
    expect(settings.length).toBeGreaterThan(1);
    const [target, other] = settings as [BatchChange, BatchChange];
    const page = await pageAs(f.tokens.operator);
    await page.goto(`${f.origin}/console/models/${target.provider}/${encodeURIComponent(target.model_id)}`);
    await shoot(page, "console-model-settings");
    const undo = page.locator('section[aria-labelledby="undo"]');
    const others = operatorBatch.changes.length - 1;
    expect(flat(await undo.textContent())).toContain(
      `${operatorBatch._id} (operator-run, 2026-11-20 12:00 UTC) made the settings in force on this model, among ${others} other change(s). The model's request settings go back to exactly what the batch found (none, if it had none). The rest of the batch stays as it is.`,
    );
    const reason =
      "We call it through Chat Completions on purpose; the Responses API is not in our contract.";
    await page.getByLabel(/Reason for undoing the settings/).fill(reason);
    await page.getByRole("button", { name: "Undo the settings for this model" }).click();
    await page.waitForURL((u) => u.searchParams.get("done") === "undone");
    expect(flat(await page.getByRole("status").textContent())).toMatch(
      new RegExp(
        `^Undone by olivia in batch mb_\\w+: the settings of batch ${operatorBatch._id} on this model only`,
      ),
    );

    // Stored: the settings as the batch found them (none), the undo audited, the batch not reverted.
    const row = await t.db
      .collection("models")
      .findOne({ provider: target.provider, model_id: target.model_id });
    expect(row).not.toHaveProperty("model_metadata");
    const batch = await t.repos.mutations.get(row!["mutation_batch_id"] as string);
    expect(batch).toMatchObject({
      kind: "revert",
      actor: "olivia",
      reason: `undo of the settings of ${target.provider}:${target.model_id} in ${operatorBatch._id}, this model only: ${reason}`,
      revert_of: operatorBatch._id,
      revert_only: { provider: target.provider, model_id: target.model_id },
      status: "applied",
    });
    expect((await t.repos.mutations.get(operatorBatch._id))?.reverted_by).toBeUndefined();
    expect((await t.repos.models.get(other))?.model_metadata).toEqual(other.after.model_metadata);
  }, 60_000);

  it("filters by provider and state and pages on the server", async () => {
    const page = await pageAs(f.tokens.viewer);
    await page.goto(`${f.origin}/console/models`);
    expect(flat(await page.getByRole("status").textContent())).toContain(
      "523 of 523 models match. Showing 1 to 50 of 523, page 1 of 11.",
    );
    expect(await page.locator("tbody tr").count()).toBe(50);
    await shoot(page, "console-models");
    const all = await t.repos.models.find({});
    const order = all.map((m) => `${m.provider}:${m.model_id}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL((u) => u.searchParams.get("page") === "2");
    const firstOfTwo = page.locator("tbody tr").first();
    expect(flat(await firstOfTwo.textContent())).toContain(order[50]!.split(":").slice(1).join(":"));

    // The provider with the most deprecated models, as stored.
    const counts = new Map<string, number>();
    for (const m of all.filter((x) => x.deprecated === true))
      counts.set(m.provider, (counts.get(m.provider) ?? 0) + 1);
    const [provider] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    await page.goto(`${f.origin}/console/models`);
    await page.getByLabel("Provider").selectOption(provider);
    // Each state says what it holds: `models list --disabled` counts deprecated models too.
    expect(await page.getByLabel("State").locator("option").allTextContents()).toEqual([
      "Any state",
      "enabled (measured, deprecated ones included)",
      "disabled, not deprecated",
      "deprecated (measured or not)",
    ]);
    await page.getByLabel("State").selectOption("deprecated");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL((u) => u.searchParams.get("state") === "deprecated");
    const want = all.filter((m) => m.provider === provider && m.deprecated === true).length;
    expect(want).toBeGreaterThan(0);
    expect(flat(await page.getByRole("status").textContent())).toContain(`${want} of 523 models match.`);
    for (const cells of await page.locator("tbody tr").all())
      expect(flat(await cells.textContent())).toMatch(new RegExp(`^ ?${provider} .* deprecated `));

    // A value no form of ours sends is refused with the reason.
    const bad = await page.goto(`${f.origin}/console/models?state=gone`);
    expect(bad?.status()).toBe(400);
    expect(await page.getByRole("alert").textContent()).toContain(
      "State must be one of enabled, disabled, deprecated",
    );
  }, 60_000);

  it("a viewer reads a disabled model's page without an enable form; an id with a slash links to its page", async () => {
    const target = disables().find((c) => c.model_id.includes("/"))!;
    const page = await pageAs(f.tokens.viewer);
    await page.goto(`${f.origin}/console/models?provider=${target.provider}&state=disabled`);
    await page.getByRole("link", { name: target.model_id, exact: true }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe(`${target.provider}:${target.model_id}`);
    expect(new URL(page.url()).pathname).toBe(
      `/console/models/${target.provider}/${target.model_id.replace("/", "%2F")}`,
    );
    const undo = page.locator('section[aria-labelledby="undo"]');
    expect(flat(await undo.textContent())).toContain(
      "Your role (viewer) can only read: enabling needs an operator or admin.",
    );
    expect(await undo.getByRole("button").count()).toBe(0);
  }, 60_000);

  it("the empty Jobs and Costs pages say why they are empty and what to do", async () => {
    const page = await pageAs(f.tokens.operator);
    await page.goto(`${f.origin}/console/jobs`);
    await shoot(page, "console-jobs-empty");
    const jobs = flat(await page.locator("main").textContent());
    expect(jobs).toContain("No job has run: this database holds no job run.");
    expect(jobs).toContain("Jobs run on their schedules only under bench-operator serve");
    expect(jobs).toContain("bench-operator jobs run <name>");
    expect(jobs).toContain("No scheduler is running against this database");
    const run = await t.repos.operatorState.latestRun();
    expect(jobs).toContain(
      "bench-operator operator run from the CLI and the MCP tool run_operator record operator runs, not job runs",
    );
    expect(jobs).toContain(
      `The newest is ${run!._id}, started 2026-11-20 12:00 UTC: ${run!.outcome}, decided by classifier.`,
    );
    // A degraded run says why the LLM decided nothing (its words shown as untrusted text).
    const degraded = {
      ...run!,
      _id: `${run!._id}-degraded`,
      started_at: new Date(NOW.getTime() + 1_000),
      outcome: "degraded" as const,
      decided_by: "cache" as const,
      fallback_reason: "unavailable: openai:gpt-5-mini: timed out after 60000 ms",
    };
    await t.repos.operatorState.finishRun(degraded);
    await page.reload();
    expect(flat(await page.locator("main").textContent())).toContain(
      `The newest is ${degraded._id}, started 2026-11-20 12:00 UTC: degraded, decided by cache. The LLM gave no usable answer, so the classifier decided the rest: unavailable: openai:gpt-5-mini: timed out after 60000 ms`,
    );
    await t.repos.operatorState.finishRun({ ...run!, started_at: new Date(NOW.getTime() + 2_000) });

    // A scheduler that has registered and not stopped is named, with when its runs will show.
    await t.repos.heartbeats.register({
      _id: "sched-1",
      host: "bench-host",
      pid: 4242,
      started_at: new Date(NOW.getTime() - 120_000),
      beat_at: new Date(NOW.getTime() - 30_000),
      interval_ms: 30_000,
      jobs: [],
      unwired: [],
      stopped_at: null,
      in_flight: [],
    });
    await page.reload();
    expect(flat(await page.locator("main").textContent())).toContain(
      "A scheduler on bench-host (pid 4242), started 2026-11-20 11:58 UTC, last reported 2026-11-20 11:59 UTC with 0 job(s) scheduled",
    );

    await page.goto(`${f.origin}/console/costs`);
    await shoot(page, "console-costs-empty");
    const costs = flat(await page.locator("main").textContent());
    expect(costs).toContain("No spend recorded in the last 7 days: no paid call has been made.");
    expect(costs).toContain(
      "This process has no operator LLM (OPERATOR_LLM is empty and no OpenAI key or Bedrock credentials are set): the deterministic classifier decides, at no cost. LLM decisions need OPERATOR_LLM, or OPENAI_API_KEY or Bedrock credentials for the default decision model.",
    );
    expect(costs).toContain("This process holds credentials for no provider");
    // No empty table under the providers' heading: it says there is nothing in it.
    expect(costs).toContain("Benchmarks by provider (7 days) No benchmark run was charged in these 7 days.");
    expect(await page.locator("table").count()).toBe(2);

    // A call in flight is charged at its estimate from its start: the page counts it, as the budget
    // check does, says how much of today's figure it is, and no longer says nothing was spent.
    await t.repos.spend.open(callInFlight({ at: new Date(NOW.getTime() - 60_000), category: "operator" }));
    await page.reload();
    const inFlight = flat(await page.locator("main").textContent());
    expect(inFlight).not.toContain("No spend recorded");
    expect(inFlight).toContain("operator 0.05 (incl. 0.05 for 1 call in flight)");
  }, 60_000);
});
