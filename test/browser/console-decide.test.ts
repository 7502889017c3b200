import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { MOVE_CUT_OFF_MS } from "../../src/decisions/recover.js";
import { claimMove } from "../../src/decisions/transition.js";
import { leaveKey } from "../../src/storage/claims.js";
import { recordError } from "../../src/signals/record.js";
import { FLEET_NOW } from "../e2e/support/fleet.js";
import { flat, proposeDisable, proposeMonitor, smallFleetConsole, shoot, signIn } from "./support.js";

/**
 * What a person sees after deciding, in a real browser: approve and reject answer with the
 * decision's page (POST, then 303 to it), so a reload reads instead of submitting again; a refused
 * rejection links back to the decision; a monitor decision's page says it changes nothing and
 * writes no batch; a model's chart of successful runs says so, and the failures since; a retry of
 * an approval a crash cut off says whose move is unfinished and from when recovery finishes it.
 */
const s = smallFleetConsole("console-decide");

async function operatorPage(): Promise<Page> {
  const page = await (await s.browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
  await signIn(page, s.f.origin, s.f.tokens.operator);
  return page;
}

describe("deciding in the console", () => {
  it("approve leaves the browser on the decision's page with the outcome; a reload submits nothing", async () => {
    const id = await proposeDisable(s.f.shared, "openai", "gpt-dead");
    const page = await operatorPage();
    await page.goto(`${s.f.origin}/console/decisions/${id}`);
    await page.getByRole("button", { name: "Approve and execute" }).click();
    await page.waitForURL((u) => u.pathname === `/console/decisions/${id}`);
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/Approved and executed in batch mb_\w+: 1 applied, 0 failed/);
    await shoot(page, "console-approved");
    const executed = await s.t.repos.decisions.get(id);
    expect(executed).toMatchObject({ status: "executed", approved_by: "olivia" });
    const batches = await s.t.repos.mutations.list({ limit: 100 });
    await page.reload();
    expect(new URL(page.url()).pathname).toBe(`/console/decisions/${id}`);
    expect(await page.getByRole("status").textContent()).toContain(`batch ${executed!.batch_id}`);
    expect((await s.t.repos.mutations.list({ limit: 100 })).length).toBe(batches.length);
    await page.context().close();
  }, 60_000);

  it("reject leaves the browser on the decision's page; a rejection without a reason links back to it", async () => {
    const id = await proposeDisable(s.f.shared, "openai", "gpt-ok");
    const page = await operatorPage();
    await page.goto(`${s.f.origin}/console/decisions/${id}`);
    await page.getByLabel(/Reason for rejecting/).fill("   ");
    await page.getByRole("button", { name: "Reject" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("A reason is required");
    await shoot(page, "console-reject-refused");
    await page.getByRole("link", { name: `Back to decision ${id}` }).click();
    await page.waitForURL((u) => u.pathname === `/console/decisions/${id}`);
    await page.getByLabel(/Reason for rejecting/).fill("gpt-ok succeeded an hour ago");
    await page.getByRole("button", { name: "Reject" }).click();
    await page.waitForURL((u) => u.pathname === `/console/decisions/${id}`);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Rejected by olivia");
    await page.reload();
    expect(new URL(page.url()).pathname).toBe(`/console/decisions/${id}`);
    expect(await s.t.repos.decisions.get(id)).toMatchObject({ status: "rejected", rejected_by: "olivia" });
    await page.context().close();
  }, 60_000);

  it("a monitor decision's page says it changes nothing and writes no batch", async () => {
    const d = await proposeMonitor(s.t.repos);
    const page = await operatorPage();
    await page.goto(`${s.f.origin}/console/decisions/${d._id}`);
    const main = page.locator("main");
    await expect.poll(async () => flat(await main.textContent())).toContain("No mutation batch is written");
    await shoot(page, "console-monitor");
    const text = flat(await main.textContent());
    expect(text).not.toContain("one mutation batch");
    expect(text).not.toContain("revert it");
    expect(d.batch_id ?? null).toBeNull();
    await page.context().close();
  }, 60_000);

  it("approving a pending monitor records it executed by the approver and says nothing in the fleet changed", async () => {
    // Held for a person, as after a person's word on this model (src/operator/person-word.ts).
    const d = await proposeMonitor(s.t.repos, "a person rejected the disable of this model yesterday");
    expect(d.status).toBe("pending");
    const batches = (await s.t.repos.mutations.list({ limit: 100 })).length;
    const page = await operatorPage();
    await page.goto(`${s.f.origin}/console/decisions/${d._id}`);
    await page.getByRole("button", { name: "Approve", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/console/decisions/${d._id}`);
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("Approved. A monitor changes nothing in the fleet: no batch was written.");
    await shoot(page, "console-monitor-approved");
    const stored = await s.t.repos.decisions.get(d._id);
    expect(stored).toMatchObject({ status: "executed", approved_by: "olivia" });
    expect(stored?.history.at(-1)?.note).toMatch(/nothing in the fleet changed/);
    expect((await s.t.repos.mutations.list({ limit: 100 })).length).toBe(batches);
    await page.context().close();
  }, 60_000);

  it("a model's chart says it shows successful runs, and the failures since the last success", async () => {
    const failures = 7;
    for (let i = failures; i >= 1; i--)
      await recordError(
        s.t.repos,
        {
          provider: "openai",
          model_name: "gpt-ok2",
          ts: new Date(FLEET_NOW.getTime() - i * 60_000),
          stage: "generate",
          message: `503 upstream overloaded (attempt ${i})`,
          http_status: 503,
        },
        FLEET_NOW,
      );
    const page = await operatorPage();
    await page.goto(`${s.f.origin}/console/models/openai/gpt-ok2`);
    const main = page.locator("main");
    await expect
      .poll(async () => flat(await main.textContent()))
      .toContain("Tokens per second of the last 2 successful runs");
    const note = flat(await page.getByRole("note").textContent());
    expect(note).toMatch(new RegExp(`${failures} failed run\\(s\\) in a row since the last success`));
    expect(note).toMatch(/The latest failed 2026-11-20 11:59 UTC: overloaded/);
    expect(flat(await main.textContent())).toContain("503 upstream overloaded");
    await shoot(page, "console-model-failing");
    await page.context().close();
  }, 60_000);

  it("approving or rejecting again within the minute after a crash cut off an approval says whose move is unfinished, and until when", async () => {
    const id = await proposeDisable(s.f.shared, "anthropic", "claude-ok");
    // The first half of alice's approval, 20 seconds before the console's clock; her process stopped.
    const at = new Date(FLEET_NOW.getTime() - 20_000);
    const fields = { approved_by: "alice", approved_at: at, approval_channel: "cli" };
    expect(await claimMove(s.t.repos, id, "pending", { to: "approved", fields }, "alice", at)).toBe(true);
    const claim = (await s.t.repos.claims.find([leaveKey(id, "pending")])).get(leaveKey(id, "pending"))!;
    const told =
      `A move of decision ${id} to approved was claimed at ${claim.at.toISOString()} by ${claim.holder} and not finished. ` +
      `Crash recovery finishes it from ${new Date(claim.at.getTime() + MOVE_CUT_OFF_MS).toISOString()}`;
    const batches = (await s.t.repos.mutations.list({ limit: 100 })).length;

    const page = await operatorPage();
    await page.goto(`${s.f.origin}/console/decisions/${id}`);
    await page.getByRole("button", { name: "Approve and execute" }).click();
    await page.waitForURL((u) => u.pathname === `/console/decisions/${id}`);
    const status = flat(await page.getByRole("status").textContent());
    expect(status).toContain(told);
    expect(status).toContain("Nothing was changed by this call.");
    await shoot(page, "console-approve-unfinished-move");

    await page.getByLabel(/Reason for rejecting/).fill("claude-ok answered an hour ago");
    await page.getByRole("button", { name: "Reject" }).click();
    const alert = flat(await page.getByRole("alert").textContent());
    expect(alert).toContain(told);
    expect(alert).toContain("Nothing was changed by this call.");

    const stored = await s.t.repos.decisions.get(id);
    expect(stored).toMatchObject({ status: "pending" });
    expect(stored?.history).toHaveLength(1);
    expect((await s.t.repos.mutations.list({ limit: 100 })).length).toBe(batches);
    await page.context().close();
  }, 60_000);
});
