import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { runInvariants } from "../../src/invariants/run.js";
import { silentLogger } from "../../src/logger.js";
import { runOperator } from "../../src/operator/run.js";
import { createOperatorLlmChain } from "../../src/providers/llm/index.js";
import { FLEET_NOW } from "../e2e/support/fleet.js";
import {
  flat,
  httpPostForm,
  httpSignIn,
  proposeDisable,
  shoot,
  signIn,
  smallFleetConsole,
} from "./support.js";

/**
 * The Invariants page is one evaluation's findings, and an evaluation is a snapshot: after it an
 * operator run can leave decisions waiting that its "0 pending decision(s)" does not know about.
 * The page says how old the findings are and that a run came after them, and an operator or admin
 * evaluates again from it (recorded, as `bench-operator invariants check` is); a viewer cannot.
 */
const s = smallFleetConsole("console-invariants");

const pendingLine = (text: string): string =>
  /pending_decisions_are_not_stale \S+ ([^.]*?)(?= [a-z_]+ (?:pass|warning|violation|cannot_evaluate|error) |$)/.exec(
    text,
  )?.[1] ?? "";

describe("the console's Invariants page", () => {
  it("says an operator run came after the evaluation, and an operator evaluates again from it", async () => {
    const { t, f, browser } = s;
    const deps = { repos: t.repos, config: t.config, logger: silentLogger };
    // An evaluation half an hour before the operator run: nothing was pending then.
    const before = await runInvariants(
      { ...deps, clock: () => FLEET_NOW },
      {
        now: new Date(FLEET_NOW.getTime() - 30 * 60_000),
      },
    );
    expect(before.results.find((r) => r.check === "pending_decisions_are_not_stale")!.summary).toBe(
      "0 pending decision(s), none stale",
    );
    // Then an agent's proposal that the policy leaves to a person, and the operator run.
    await proposeDisable(f.shared, "openai", "gpt-dead");
    const config = loadConfig({ MONGODB_DB: t.config.mongodb.db });
    const run = await runOperator(
      { repos: t.repos, config, logger: silentLogger, chain: createOperatorLlmChain(config) },
      { now: FLEET_NOW },
    );
    const pending = await t.repos.decisions.list({ status: "pending" });
    expect(pending.length).toBeGreaterThan(0);

    const page = await (await browser.newContext()).newPage();
    await signIn(page, f.origin, f.tokens.operator);
    await page.goto(`${f.origin}/console/invariants`);
    let text = flat(await page.locator("main").textContent());
    expect(text).toContain("Latest evaluation, 2026-11-20 11:30 UTC (30 minutes ago).");
    expect(text).toContain(
      `The operator run ${run.run._id} started 2026-11-20 12:00 UTC, after this evaluation: the pending decisions and changes it made are not in these findings. Evaluate again to see them.`,
    );
    expect(pendingLine(text)).toBe("0 pending decision(s), none stale");

    await page.getByRole("button", { name: "Evaluate now" }).click();
    await page.waitForURL((u) => u.searchParams.get("done") === "evaluated");
    await shoot(page, "console-invariants");
    text = flat(await page.locator("main").textContent());
    expect(text).toContain("Evaluated now.");
    expect(text).toContain("Latest evaluation, 2026-11-20 12:00 UTC (just now).");
    expect(text).not.toContain("after this evaluation");
    expect(pendingLine(text)).toMatch(new RegExp(`^${pending.length} pending decision\\(s\\)`));
    // Recorded like the CLI's: one more evaluation, every check, at the console's clock.
    const latest = await t.repos.checkRuns.latestEvaluation();
    expect(latest.map((r) => r.check)).toEqual(before.results.map((r) => r.check).sort());
    expect(latest.every((r) => r.at.getTime() === FLEET_NOW.getTime())).toBe(true);
    expect(latest[0]!.evaluation_id).not.toBe(before.evaluation_id);
  }, 60_000);

  it("a viewer reads the findings but has no button, and a viewer's post evaluates nothing", async () => {
    const { t, f } = s;
    const cookie = await httpSignIn(f.origin, f.tokens.viewer);
    const html = await (await fetch(`${f.origin}/console/invariants`, { headers: { cookie } })).text();
    expect(html).toContain("Latest evaluation,");
    expect(html).not.toContain("Evaluate now");
    const newest = (await t.repos.checkRuns.latestEvaluation())[0]!.evaluation_id;
    // The form as an operator's page has it, posted with the viewer's session.
    const res = await httpPostForm(f.origin, cookie, html, "/console/invariants/evaluate", {});
    expect(res.status).toBe(403);
    expect(flat(await res.text())).toContain(
      "Your role (viewer) can only read: recording an evaluation needs an operator or admin. Nothing was evaluated.",
    );
    expect((await t.repos.checkRuns.latestEvaluation())[0]!.evaluation_id).toBe(newest);
  }, 60_000);
});
