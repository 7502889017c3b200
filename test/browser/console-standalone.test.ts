import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/auth/tokens.js";
import { startConsoleServer, type RunningConsole } from "../../src/console/mount.js";
import type { Deps } from "../../src/deps.js";
import { silentLogger } from "../../src/logger.js";
import { principalFor } from "../../src/policy/principal.js";
import { createToolServices } from "../../src/tools/services.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { launchChromium } from "./support.js";

/**
 * The standalone console (`bench-operator console`, and a stdio server's own console): the
 * listener serves nothing but the console. A browser asks it for /favicon.ico on its own; that
 * request used to be redirected into the console, reach the sign-in page and replace the sign-in
 * form's CSRF cookie, so every token sign-in was refused as "expired".
 */
let t: TestDatabase;
let running: RunningConsole;
let browser: Browser;
let token: string;

beforeAll(async () => {
  t = await openTestDatabase("console-standalone");
  await seedSmallFleet(t.repos);
  const deps: Deps = { config: t.config, logger: silentLogger, repos: t.repos, clock: () => FLEET_NOW };
  running = await startConsoleServer(
    { deps, services: createToolServices(deps) },
    { host: "127.0.0.1", port: 0 },
  );
  token = (await createToken(t.repos.apiTokens, "sam", "operator", principalFor("root", "admin"), FLEET_NOW))
    .token;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

describe("the standalone console in a browser", () => {
  it("signs in with a token after the browser's own /favicon.ico request and a second tab's sign-in page", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    // The root leads into the console (and, without a session, to the sign-in page).
    await page.goto(`${running.origin}/`);
    await page.waitForURL(/\/console\/sign-in$/);
    // What a browser requests by itself, with the context's cookies: not found, no detour.
    const icon = await page.request.get(`${running.origin}/favicon.ico`, { maxRedirects: 0 });
    expect(icon.status()).toBe(404);
    expect((await page.request.get(`${running.origin}/nothing-here`, { maxRedirects: 0 })).status()).toBe(
      404,
    );
    // Another tab (or a prefetch) loads the sign-in page while the first form is on the screen.
    const other = await ctx.newPage();
    await other.goto(`${running.origin}/console/sign-in`);
    await page.getByLabel(/Your bearer token/).fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/console\/decisions$/);
    expect(await page.locator("header").textContent()).toContain("sam (operator)");
    const shots = process.env["CONSOLE_SCREENSHOTS"];
    if (shots) await page.screenshot({ path: `${shots}/console-standalone-signed-in.png`, fullPage: true });
    await ctx.close();
  }, 60_000);

  it("still refuses a sign-in form whose CSRF value is not the browser's pre-session cookie", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${running.origin}/console/sign-in`);
    // Another value in the cookie than in the form (as a cookie set by someone else would be).
    await ctx.addCookies([
      { name: "bo_console_pre", value: "x".repeat(32), domain: "127.0.0.1", path: "/console" },
    ]);
    await page.getByLabel(/Your bearer token/).fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("expired or did not come");
    expect(page.url()).toMatch(/\/console\/sign-in$/);
    await ctx.close();
  }, 60_000);
});
