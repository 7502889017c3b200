import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createToken } from "../../src/auth/tokens.js";
import { registerConsoleCommands } from "../../src/cli/commands/console.js";
import { applyBatch } from "../../src/mutations/mutate.js";
import { principalFor } from "../../src/policy/principal.js";
import { recordError } from "../../src/signals/record.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { launchChromium, proposeDisable, signIn, startConsole, type ConsoleFixture } from "./support.js";

/**
 * The console in a real browser (Debian's Chromium) against `serve`'s listener and a real
 * database: sign-in, approve, reject, revert, the CSRF and Origin refusals, escaping, roles.
 */
let t: TestDatabase;
let f: ConsoleFixture;
let browser: Browser;

beforeAll(async () => {
  t = await openTestDatabase("console-browser");
  await seedSmallFleet(t.repos);
  f = await startConsole(t, FLEET_NOW);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await f?.http.close();
});

const model = (id: string) => t.repos.models.get({ provider: "openai", model_id: id });

describe("the console in a browser", () => {
  it("signs in with an operator token; a wrong token is refused and a session cookie is HttpOnly and Strict", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${f.origin}/console/sign-in`);
    await page.getByLabel(/Your bearer token/).fill("bo_not-a-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("unknown or revoked");
    await signIn(page, f.origin, f.tokens.operator);
    await expect.poll(() => page.locator("header").textContent()).toContain("olivia (operator)");
    const cookie = (await ctx.cookies()).find((c) => c.name === "bo_console");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/console" });
    const stored = await t.repos.consoleSessions.get(
      (await import("node:crypto")).createHash("sha256").update(cookie!.value).digest("hex"),
    );
    expect(stored?.principal).toMatchObject({ name: "olivia", role: "operator" });
    await ctx.close();
  }, 60_000);

  it("shows the evidence of a pending decision and approves it: the batch exists and the model changed", async () => {
    const id = await proposeDisable(f.shared, "openai", "gpt-dead");
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, f.origin, f.tokens.operator);
    await page.getByRole("link", { name: id }).click();
    const main = page.locator("main");
    await expect.poll(() => main.textContent()).toMatch(/failing for \d+(\.\d+)? h/);
    expect(await main.textContent()).toContain("does not exist or you do not have access");
    expect(await main.textContent()).toContain("proposed");
    // CONSOLE_SCREENSHOTS=docs npx vitest run test/browser/console.test.ts renders README's screenshot.
    const shots = process.env["CONSOLE_SCREENSHOTS"];
    if (shots) await page.screenshot({ path: `${shots}/console-decision.png`, fullPage: true });
    await page.getByRole("button", { name: "Approve and execute" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/Approved and executed in batch mb_/);
    const d = await t.repos.decisions.get(id);
    expect(d).toMatchObject({ status: "executed", approved_by: "olivia", approval_channel: "console" });
    const batch = await t.repos.mutations.get(d!.batch_id!);
    expect(batch).toMatchObject({ decision_ids: [id], applied_count: 1 });
    expect((await model("gpt-dead"))?.enabled).toBe(false);

    // Revert it from the batch page: the model is enabled again, the revert is a batch of its own.
    await page.getByRole("link", { name: d!.batch_id! }).click();
    await page.getByLabel(/^Why \(optional/).fill("it answers again from our account");
    await page.getByRole("button", { name: "Revert this batch" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Reverted in batch mb_/);
    const reverted = await t.repos.mutations.get(d!.batch_id!);
    expect(reverted?.reverted_by).toMatch(/^mb_/);
    expect(await t.repos.mutations.get(reverted!.reverted_by!)).toMatchObject({
      actor: "olivia",
      reason: `revert of ${d!.batch_id!}: it answers again from our account`,
    });
    expect((await model("gpt-dead"))?.enabled).toBe(true);
    await ctx.close();
  }, 90_000);

  it("rejects with a reason, and refuses a rejection without one", async () => {
    const id = await proposeDisable(f.shared, "openai", "gpt-ok");
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, f.origin, f.tokens.operator);
    await page.goto(`${f.origin}/console/decisions/${id}`);
    const csrf = await page.locator("input[name=csrf]").first().getAttribute("value");
    const empty = await page.request.post(`${f.origin}/console/decisions/${id}/reject`, {
      form: { csrf: csrf!, reason: "   " },
      headers: { origin: f.origin },
    });
    expect(empty.status()).toBe(400);
    expect(await empty.text()).toContain("A reason is required");
    expect((await t.repos.decisions.get(id))?.status).toBe("pending");
    await page.getByLabel(/Reason for rejecting/).fill("gpt-ok succeeded an hour ago; not dead");
    await page.getByRole("button", { name: "Reject" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Rejected");
    expect(await t.repos.decisions.get(id)).toMatchObject({
      status: "rejected",
      rejected_by: "olivia",
      reject_reason: "gpt-ok succeeded an hour ago; not dead",
      reject_channel: "console",
    });
    expect((await model("gpt-ok"))?.enabled).toBe(true);
    await ctx.close();
  }, 60_000);

  it("refuses a form without the CSRF token, and one posted from another origin; nothing changes", async () => {
    const id = await proposeDisable(f.shared, "openai", "gpt-ok2");
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, f.origin, f.tokens.operator);
    await page.goto(`${f.origin}/console/decisions/${id}`);
    const csrf = await page.locator("input[name=csrf]").first().getAttribute("value");
    const url = `${f.origin}/console/decisions/${id}/approve`;

    const noToken = await page.request.post(url, { form: {}, headers: { origin: f.origin } });
    expect(noToken.status()).toBe(403);
    expect(await noToken.text()).toContain("CSRF token is missing or wrong");
    const wrongToken = await page.request.post(url, {
      form: { csrf: "guess" },
      headers: { origin: f.origin },
    });
    expect(wrongToken.status()).toBe(403);

    // Another site's page (same site as 127.0.0.1, other port) that somehow knows the token: the
    // browser sends our cookie, and the Origin still gives it away.
    const evil = await evilPage(url, csrf!);
    try {
      await page.goto(evil.url);
      await page.getByRole("button", { name: "Win a prize" }).click();
      await expect.poll(() => page.locator("body").textContent()).toContain("Origin not allowed");
    } finally {
      await new Promise((r) => evil.server.close(r));
    }
    expect((await t.repos.decisions.get(id))?.status).toBe("pending");
    expect((await model("gpt-ok2"))?.enabled).toBe(true);
    await ctx.close();
  }, 60_000);

  it("renders a provider message containing <script> as text, and runs no script", async () => {
    await recordError(
      t.repos,
      {
        provider: "openai",
        model_name: "gpt-ok2",
        ts: new Date(FLEET_NOW.getTime() - 60_000),
        stage: "generate",
        message: `500 <script>document.title="pwned"</script><img src=x onerror="document.title='pwned'">`,
        http_status: 500,
      },
      FLEET_NOW,
    );
    f.shared.services.invalidate();
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, f.origin, f.tokens.operator);
    await page.goto(`${f.origin}/console/models/openai/gpt-ok2`);
    const text = await page.locator("main").textContent();
    expect(text).toContain(`<script>document.title="pwned"</script>`);
    expect(await page.locator("main script").count()).toBe(0);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.title()).not.toContain("pwned");
    await ctx.close();
  }, 60_000);

  it("a viewer reads a decision but cannot approve it, not even by posting the form", async () => {
    const id = await proposeDisable(f.shared, "together", "mixtral-inj");
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, f.origin, f.tokens.viewer);
    await page.goto(`${f.origin}/console/decisions/${id}`);
    expect(await page.locator("main").textContent()).toContain("viewer) can only read");
    expect(await page.getByRole("button", { name: "Approve and execute" }).count()).toBe(0);
    const csrf = await page.locator("input[name=csrf]").first().getAttribute("value");
    const r = await page.request.post(`${f.origin}/console/decisions/${id}/approve`, {
      form: { csrf: csrf! },
      headers: { origin: f.origin },
    });
    expect(r.status()).toBe(403);
    expect(await r.text()).toContain("viewer role can only read");
    expect((await t.repos.decisions.get(id))?.status).toBe("pending");
    await ctx.close();
  }, 60_000);

  it("signs in with the one-time link `console --link` prints, once", async () => {
    const cli = inProcessCli(
      () => ({
        MONGODB_URI: inject("mongoUri"),
        MONGODB_DB: t.config.mongodb.db,
        BENCH_OPERATOR_PRINCIPAL: "carol:admin",
      }),
      [registerConsoleCommands],
    );
    const link = (await cli("console", "--link", "--url", f.origin)).trim();
    expect(link).toMatch(new RegExp(`^${f.origin}/console/link/[A-Za-z0-9_-]{43}$`));
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(link);
    await page.waitForURL(/\/console\/decisions$/);
    expect(await page.locator("header").textContent()).toContain("carol (admin)");
    await page.getByRole("link", { name: "Fleet" }).click();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Kill switch:\s+off/);
    const again = await (await browser.newContext()).newPage();
    expect((await again.goto(link))?.status()).toBe(410);
    await ctx.close();
  }, 60_000);

  it("a second person's revert from a page opened before the first says nothing new happened, and whose revert stands", async () => {
    await t.repos.models.insertMany([
      { provider: "openai", model_id: "gpt-twice", enabled: true, created_at: FLEET_NOW },
    ]);
    const batch = await applyBatch(
      t.repos,
      {
        actor: "olivia",
        reason: "disable gpt-twice",
        changes: [{ provider: "openai", model_id: "gpt-twice", set: { enabled: false } }],
      },
      FLEET_NOW,
    );
    const bobToken = (
      await createToken(t.repos.apiTokens, "bob", "operator", principalFor("root", "admin"), FLEET_NOW)
    ).token;
    const [oc, bc] = [await browser.newContext(), await browser.newContext()];
    const [olivia, bob] = [await oc.newPage(), await bc.newPage()];
    await signIn(olivia, f.origin, f.tokens.operator);
    await signIn(bob, f.origin, bobToken);
    // Both have the batch page open, each with its revert form.
    for (const p of [olivia, bob]) await p.goto(`${f.origin}/console/batches/${batch._id}`);
    await olivia.getByRole("button", { name: "Revert this batch" }).click();
    await expect
      .poll(() => olivia.getByRole("status").textContent())
      .toMatch(/^Reverted in batch mb_\w+ by olivia: 1 restored, 0 failed\.$/);

    await bob.getByLabel(/^Why \(optional/).fill("bob's own reason");
    await bob.getByRole("button", { name: "Revert this batch" }).click();
    await expect
      .poll(() => bob.getByRole("status").textContent())
      .toMatch(
        /^Nothing new happened: olivia had already reverted this batch at .* \(1 restored, 0 failed\); your revert and its reason were not recorded\.$/,
      );
    const reverts = await t.db
      .collection<{ actor: string; reason: string }>("mutation_batches")
      .find({ revert_of: batch._id })
      .toArray();
    expect(reverts.map((r) => [r.actor, r.reason])).toEqual([["olivia", `revert of ${batch._id}`]]);
    expect((await model("gpt-twice"))?.enabled).toBe(true);
    await oc.close();
    await bc.close();
  }, 90_000);

  it("an agent's token does not sign in", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${f.origin}/console/sign-in`);
    await page.getByLabel(/Your bearer token/).fill(f.tokens.agent);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("The console is for people");
    await ctx.close();
  }, 60_000);
});

/** A page of another origin with a form aimed at the console. */
async function evilPage(action: string, csrf: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(
      `<!doctype html><title>prize</title><form method="post" action="${action}"><input type="hidden" name="csrf" value="${csrf}"><button>Win a prize</button></form>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}
