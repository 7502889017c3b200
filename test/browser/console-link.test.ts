import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { principalFor } from "../../src/policy/principal.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { call } from "../e2e/support/in-memory.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  desktopSession,
  flat,
  launchChromium,
  proposeDisable,
  signIn,
  startConsole,
  type ConsoleFixture,
} from "./support.js";

/**
 * Claude Desktop's case (issue 15 item 2): a stdio session of a human operator whose client
 * cannot elicit. approve_decision changes nothing and the server opens a one-time link in the
 * person's browser (here the test's hook, which hands the URL to Chromium); the page approves with
 * a POST, and the link refuses a second use. No `serve` answers, so the stdio server starts its
 * own console on loopback.
 */
let t: TestDatabase;
let f: ConsoleFixture;
let browser: Browser;
const alice = principalFor("alice", "operator");

beforeAll(async () => {
  t = await openTestDatabase("console-link");
  await seedSmallFleet(t.repos);
  f = await startConsole(t, FLEET_NOW);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await f?.http.close();
});

describe("approval from a client without elicitation", () => {
  it("gets a link opened in the browser; the page approves; the link works once", async () => {
    const id = await proposeDisable(f.shared, "openai", "gpt-dead");
    const opened: string[] = [];
    const desktop = await desktopSession(f.shared, alice, (url) => Promise.resolve((opened.push(url), true)));
    try {
      // What the session tells the model about confirmation is what happens next.
      const policy = (await call(desktop.client, "get_policy")).structured as {
        caller: { human_confirmation: string };
      };
      expect(policy.caller.human_confirmation).toBe("by_console_link");
      const r = await call(desktop.client, "approve_decision", { decision_id: id });
      // Handed to alice, not refused: a success that approved nothing.
      expect(r.isError).toBe(false);
      expect(r.structured).toMatchObject({ handed_to_person: true, status: "pending", already_done: false });
      expect(r.text).toMatch(/Nothing was changed/);
      expect(r.text).toContain("opened the page of decision");
      const audit = await t.db
        .collection("tool_calls")
        .findOne({ tool: "approve_decision" }, { sort: { at: -1 } });
      expect(audit).toMatchObject({ outcome: "handed_off", decision_id: id, confirmed_by: null });
      expect(opened).toHaveLength(1);
      // The browser was opened by the server: the secret never reached the model.
      const secret = opened[0]!.split("/console/link/")[1]!;
      expect(r.text).not.toContain(secret);
      expect((await t.repos.decisions.get(id))?.status).toBe("pending");
      expect(new URL(opened[0]!).origin).not.toBe(f.origin); // the stdio server's own console

      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(opened[0]!);
      await page.waitForURL(new RegExp(`/console/decisions/${id}$`));
      // Opening the link approved nothing.
      expect((await t.repos.decisions.get(id))?.status).toBe("pending");
      expect(await page.locator("main").textContent()).toContain("alice, operator");
      // The page says where its session ends: its links to other pages ask for a sign-in.
      expect(flat(await page.locator("header").textContent())).toMatch(
        /Opened by a one-time link for alice: this page only, until \d\d:\d\d UTC\. Other pages of the console ask you to sign in/,
      );
      // The link's session reaches this page only: the browser keeps its cookie for this page's path,
      // and the server refuses it anywhere else even when it is sent there.
      const origin = new URL(opened[0]!).origin;
      const other = await page.request.get(`${origin}/console/fleet`);
      expect(other.url()).toBe(`${origin}/console/sign-in?next=${encodeURIComponent("/console/fleet")}`);
      const [cookie] = await ctx.cookies();
      expect(cookie).toMatchObject({ name: "bo_console_page", path: `/console/decisions/${id}` });
      const sentElsewhere = await fetch(`${origin}/console/fleet`, {
        headers: { cookie: `bo_console_page=${cookie!.value}` },
        redirect: "manual",
      });
      expect(sentElsewhere.status).toBe(403);
      // A form whose session is gone (expired, signed out) says how to get the page again.
      const gone = await fetch(`${origin}/console/decisions/${id}/approve`, {
        method: "POST",
        headers: { origin },
        body: new URLSearchParams({ csrf: "x" }),
        redirect: "manual",
      });
      expect(gone.status).toBe(403);
      expect(flat(await gone.text())).toContain("approve_decision or revert_batch opens a new link");
      await page.getByRole("button", { name: "Approve and execute" }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Approved and executed/);
      expect(await t.repos.decisions.get(id)).toMatchObject({
        status: "executed",
        approved_by: "alice",
        approval_channel: "console",
      });
      expect((await t.repos.models.get({ provider: "openai", model_id: "gpt-dead" }))?.enabled).toBe(false);

      // The same browser opening the used link again (a second click on it) is told where its page is.
      expect((await page.goto(opened[0]!))?.status()).toBe(410);
      await page.getByRole("link", { name: /its page may still be open to you/ }).click();
      await page.waitForURL(new RegExp(`/console/decisions/${id}$`));
      expect(await page.locator("h1").textContent()).toBe(`Decision ${id}`);
      const again = await (await browser.newContext()).newPage();
      const second = await again.goto(opened[0]!);
      expect(second?.status()).toBe(410);
      expect(await again.locator("main").textContent()).toContain("links work once");
      expect(flat(await again.locator("main").textContent())).toContain(
        "approve_decision or revert_batch opens a new link",
      );
      await ctx.close();
    } finally {
      await desktop.stop();
    }
  }, 90_000);

  it("puts the link in the result only when no browser could be opened, and reverting works the same way", async () => {
    const batch = (await t.repos.mutations.list({ limit: 1 }))[0]!;
    const desktop = await desktopSession(f.shared, alice, () => Promise.resolve(false));
    try {
      const r = await call(desktop.client, "revert_batch", { batch_id: batch._id, reason: "still needed" });
      expect(r.isError).toBe(false);
      expect(r.structured).toMatchObject({
        handed_to_person: true,
        revert_batch_id: null,
        revert_of: batch._id,
        status: "not_reverted",
        batch: null,
      });
      expect(r.text).toMatch(/Nothing was changed/);
      // The reason Claude passed cannot reach the page: the result says so, and where the person gives it.
      expect(r.text).toContain("The reason you passed is not recorded from here");
      expect(r.text).toContain("give alice this one-time link to open in their browser");
      const url = /(http:\/\/127\.0\.0\.1:\d+\/console\/link\/[A-Za-z0-9_-]+)/.exec(r.text)?.[1];
      expect(url, r.text).toBeDefined();
      expect((await t.repos.mutations.get(batch._id))?.reverted_by).toBeUndefined();

      const page = await (await browser.newContext()).newPage();
      await page.goto(url!);
      await page.waitForURL(new RegExp(`/console/batches/${batch._id}$`));
      await page.getByRole("button", { name: "Revert this batch" }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Reverted in batch/);
      expect((await t.repos.mutations.get(batch._id))?.reverted_by).toMatch(/^mb_/);
      expect((await t.repos.models.get({ provider: "openai", model_id: "gpt-dead" }))?.enabled).toBe(true);
    } finally {
      await desktop.stop();
    }
  }, 90_000);

  it("points the link at a running `serve` on the same database instead of opening a port", async () => {
    const id = await proposeDisable(f.shared, "openai", "gpt-ok");
    const opened: string[] = [];
    const elsewhere = "http://127.0.0.1:9"; // nothing answers there
    const desktop = await desktopSession(
      f.shared,
      alice,
      (url) => Promise.resolve((opened.push(url), true)),
      { candidates: [elsewhere, f.origin] },
    );
    try {
      const r = await call(desktop.client, "approve_decision", { decision_id: id });
      expect(r.structured).toMatchObject({ handed_to_person: true });
      expect(new URL(opened[0]!).origin).toBe(f.origin);
      expect(r.text).not.toContain("serves that page itself"); // `serve` outlives this session
      expect((await t.repos.decisions.get(id))?.status).toBe("pending");
    } finally {
      await desktop.stop();
    }
  }, 60_000);

  it("hands the link to a client with URL elicitation, which shows it to the person, not the model", async () => {
    const id = await proposeDisable(f.shared, "anthropic", "claude-ok");
    const shown: string[] = [];
    const desktop = await desktopSession(f.shared, alice, () => Promise.resolve(false), {
      onUrlElicitation: (url) => shown.push(url),
    });
    try {
      const r = await call(desktop.client, "approve_decision", { decision_id: id });
      expect(r.structured).toMatchObject({ handed_to_person: true });
      expect(r.text).toContain("Your client showed the page of decision");
      expect(shown).toHaveLength(1);
      expect(r.text).not.toContain(shown[0]!.split("/console/link/")[1]!);
      const page = await (await browser.newContext()).newPage();
      await page.goto(shown[0]!);
      await page.waitForURL(new RegExp(`/console/decisions/${id}$`));
      await page.getByRole("button", { name: "Approve and execute" }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Approved and executed/);
      expect(await t.repos.decisions.get(id)).toMatchObject({
        status: "executed",
        approval_channel: "console",
      });
    } finally {
      await desktop.stop();
    }
  }, 60_000);

  it("keeps every page a link opened, and the person's own sign-in, working side by side in one browser", async () => {
    // Claude asks for two approvals in a row while the person is signed in to `serve`'s console in
    // the same browser: each link's session used to replace the browser's one console cookie, so the
    // first tab's Approve was refused ("reaches only the page it was made for") and the person's own
    // session was gone.
    const ids = [
      await proposeDisable(f.shared, "openai", "gpt-ok2"),
      await proposeDisable(f.shared, "together", "mixtral-inj"),
    ];
    const opened: string[] = [];
    const desktop = await desktopSession(
      f.shared,
      alice,
      (url) => Promise.resolve((opened.push(url), true)),
      {
        candidates: [f.origin],
      },
    );
    const ctx = await browser.newContext();
    try {
      const own = await ctx.newPage();
      await signIn(own, f.origin, f.tokens.operator);
      const tabs = [];
      for (const [i, id] of ids.entries()) {
        expect(
          (await call(desktop.client, "approve_decision", { decision_id: id })).structured,
        ).toMatchObject({
          handed_to_person: true,
        });
        const tab = await ctx.newPage();
        await tab.goto(opened[i]!);
        await tab.waitForURL(new RegExp(`/console/decisions/${id}$`));
        tabs.push(tab);
      }
      // Each tab is its link's page, for the link's principal, and its form works.
      for (const [i, tab] of tabs.entries()) {
        expect(await tab.locator("header").textContent()).toContain("alice (operator)");
        await tab.getByRole("button", { name: "Approve and execute" }).click();
        await expect.poll(() => tab.getByRole("status").textContent()).toMatch(/Approved and executed/);
        expect(await t.repos.decisions.get(ids[i]!)).toMatchObject({
          status: "executed",
          approved_by: "alice",
        });
      }
      // The person's own session still reaches the whole console.
      await own.goto(`${f.origin}/console/fleet`);
      expect(own.url()).toBe(`${f.origin}/console/fleet`);
      expect(await own.locator("header").textContent()).toContain("olivia (operator)");
      // Signing out on a link's page ends that page's session only.
      await tabs[0]!.getByRole("button", { name: "Sign out" }).click();
      await tabs[0]!.waitForURL(/\/console\/sign-in$/);
      await tabs[1]!.reload();
      expect(await tabs[1]!.locator("header").textContent()).toContain("alice (operator)");
      await own.reload();
      expect(await own.locator("header").textContent()).toContain("olivia (operator)");
    } finally {
      await ctx.close();
      await desktop.stop();
    }
  }, 90_000);
});
