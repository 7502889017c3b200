import { describe, expect, it } from "vitest";
import { approve } from "../../src/decisions/service.js";
import { principalFor } from "../../src/policy/principal.js";
import { FLEET_NOW } from "../e2e/support/fleet.js";
import {
  flat,
  httpSignIn,
  proposeDisable,
  proposeMonitor,
  smallFleetConsole,
  shoot,
  signIn,
} from "./support.js";

/**
 * "Approve selected" on the decisions page: the pending list shows what a person judges a
 * decision by at a glance (the evidence's kind and streak, why it waits), a person ticks the ones
 * they have judged and approves them in one submit; each is approved through the same policy check
 * as its own page's button, and the answer lists each outcome. A viewer gets no checkboxes.
 */
const s = smallFleetConsole("console-approve-selected");

describe("approve selected", () => {
  it("approves the ticked decisions one by one through the policy, and lists each outcome", async () => {
    const disable = await proposeDisable(s.f.shared, "openai", "gpt-dead");
    const monitor = (await proposeMonitor(s.t.repos, "a person looks at the rate limits first"))._id;
    const page = await (await s.browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    await signIn(page, s.f.origin, s.f.tokens.operator);

    const row = flat(
      await page.locator("tr", { has: page.getByRole("link", { name: disable }) }).textContent(),
    );
    expect(row).toMatch(/disable ?by triage-bot openai:gpt-dead/);
    expect(row).toContain("proposed through MCP: a proposal waits for approve_decision");
    expect(row).toMatch(/model_not_found, failing \d+ h/);

    await page.getByLabel(`Select ${disable}`).check();
    await page.getByLabel(`Select ${monitor}`).check();
    await page.getByRole("button", { name: "Approve selected" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/Approved 2 of 2 selected decision\(s\) as olivia\./);
    const text = flat(await page.locator("main").textContent());
    expect(text).toMatch(
      new RegExp(
        `${disable} disable openai:gpt-dead approved and executed in batch mb_\\w+ \\(applied 1, failed 0\\)`,
      ),
    );
    expect(text).toContain(`${monitor} monitor anthropic:claude-busy approved: executed`);
    await shoot(page, "console-approve-selected");

    const stored = await s.t.repos.decisions.getMany([disable, monitor]);
    for (const d of stored)
      expect(d).toMatchObject({ status: "executed", approved_by: "olivia", approval_channel: "console" });
    expect(await s.t.repos.models.get({ provider: "openai", model_id: "gpt-dead" })).toMatchObject({
      enabled: false,
    });
  });

  it("says of each what became of it: already done, refused, unknown; one refusal leaves the rest to go on", async () => {
    const mine = await proposeDisable(s.f.shared, "together", "mixtral-inj");
    const done = (await proposeMonitor(s.t.repos, "a person looks at the rate limits first"))._id;
    await approve(s.t.repos, done, principalFor("alice", "operator"), FLEET_NOW, "cli");
    const cookie = await httpSignIn(s.f.origin, s.f.tokens.operator);
    const list = await (await fetch(`${s.f.origin}/console/decisions`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(list)![1]!;
    const body = new URLSearchParams([
      ["csrf", csrf],
      ["id", "dec_0000000000000000"],
      ["id", done],
      ["id", mine],
    ]);
    const res = await fetch(`${s.f.origin}/console/approve-selected`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: s.f.origin, cookie },
      body,
    });
    expect(res.status).toBe(200);
    const html = flat(await res.text());
    expect(html).toMatch(/Approved 1 of 3 selected decision\(s\)/);
    expect(html).toMatch(/dec_0000000000000000<\/a><\/td> <td>\s*<\/td> <td>not approved: /);
    expect(html).toContain("already done: it is executed; nothing was changed now");
    expect((await s.t.repos.decisions.get(mine))?.status).toBe("executed");

    // Nothing ticked: refused, nothing changed.
    const none = await fetch(`${s.f.origin}/console/approve-selected`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: s.f.origin, cookie },
      body: new URLSearchParams({ csrf }),
    });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Tick at least one decision to approve; nothing was changed.");
  });

  it("a viewer sees the pending list without checkboxes, and the service refuses a viewer's post", async () => {
    const id = await proposeDisable(s.f.shared, "openai", "gpt-ok2");
    const cookie = await httpSignIn(s.f.origin, s.f.tokens.viewer);
    const list = await (await fetch(`${s.f.origin}/console/decisions`, { headers: { cookie } })).text();
    expect(list).toContain(id);
    expect(list).not.toContain('type="checkbox"');
    expect(list).not.toContain("Approve selected");
    const csrf = /name="csrf" value="([^"]+)"/.exec(list)![1]!;
    const res = await fetch(`${s.f.origin}/console/approve-selected`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: s.f.origin, cookie },
      body: new URLSearchParams([
        ["csrf", csrf],
        ["id", id],
      ]),
    });
    expect(flat(await res.text())).toMatch(/Approved 0 of 1 .*not approved: /);
    expect((await s.t.repos.decisions.get(id))?.status).toBe("pending");
  });
});
