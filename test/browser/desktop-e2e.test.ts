import { chmodSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureBuilt, MAIN_JS, serverEnv } from "../e2e/support/build.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { sharedFor } from "../e2e/support/in-memory.js";
import { initialize, spawnStdio } from "../e2e/support/stdio.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { launchChromium, proposeDisable } from "./support.js";

/**
 * Issue 15's acceptance, end to end: the built binary started as Claude Desktop starts it (the
 * `mcp` entry, a human operator, a client that declares no elicitation), no `serve` running. The
 * desktop's opener is a stand-in `xdg-open` on PATH that writes down the URL it was given; Chromium
 * then opens that URL, the person approves on the page, and the link refuses a second use.
 */
let t: TestDatabase;
let browser: Browser;
const bin = mkdtempSync(join(tmpdir(), "console-opener-"));
const openedFile = join(bin, "opened.txt");

beforeAll(async () => {
  ensureBuilt();
  t = await openTestDatabase("console-desktop");
  await seedSmallFleet(t.repos);
  writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${openedFile}'\n`);
  chmodSync(join(bin, "xdg-open"), 0o755);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe("Claude Desktop with only the printed entry", () => {
  it("approves a pending decision in the browser the server opened", async () => {
    const id = await proposeDisable(await sharedFor(t, FLEET_NOW), "openai", "gpt-dead");
    const env = serverEnv(inject("mongoUri"), t.db.databaseName, {
      BENCH_OPERATOR_PRINCIPAL: "alice:operator",
      PATH: `${bin}:${process.env["PATH"] ?? "/usr/bin:/bin"}`,
    });
    const s = spawnStdio(process.execPath, [MAIN_JS, "mcp"], { env });
    let restarted: ReturnType<typeof spawnStdio> | null = null;
    try {
      await initialize(s, "claude-ai");
      const r = (await s.request("tools/call", { name: "approve_decision", arguments: { decision_id: id } }))[
        "result"
      ] as { isError?: boolean; content: { text: string }[]; structuredContent: Record<string, unknown> };
      // Not a refusal: the decision was handed to alice, and nothing was approved.
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent).toMatchObject({ handed_to_person: true, status: "pending", batch: null });
      expect(r.structuredContent["next_step"]).toMatch(
        /^alice decides this in person\. The server opened the page of decision .*Nothing was changed/s,
      );
      // What Claude tells the person, how it learns the outcome, and that the page lives with this process.
      const said = r.structuredContent["next_step"] as string;
      expect(said).toContain("Tell alice the page is open in their browser.");
      expect(said).toContain(
        `Once alice has decided there, get_decision {"decision_id": "${id}"} shows the outcome.`,
      );
      expect(said).toContain(
        "This MCP server serves that page itself: while the client has the server stopped, the page does not answer; once the client starts it again, the page answers again at the same address",
      );
      expect((await t.repos.decisions.get(id))?.status).toBe("pending");
      expect(existsSync(openedFile)).toBe(true);
      const url = readFileSync(openedFile, "utf8").trim();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console\/link\/[A-Za-z0-9_-]{43}$/);
      expect(r.content[0]!.text).not.toContain(url.split("/link/")[1]!);

      const page = await (await browser.newContext()).newPage();
      await page.goto(url);
      await page.waitForURL(new RegExp(`/console/decisions/${id}$`));
      expect(await page.locator("main").textContent()).toMatch(/failing for \d+/);

      // Claude Desktop restarts the server while the person reads: the page stops answering, then
      // the new server serves the console again on the same address, and the button works.
      s.child.stdin.end();
      await s.exited;
      const origin = new URL(url).origin;
      await expect(fetch(`${origin}/console/ping`)).rejects.toThrow();
      restarted = spawnStdio(process.execPath, [MAIN_JS, "mcp"], { env });
      await initialize(restarted, "claude-ai");
      await expect
        .poll(
          () =>
            fetch(`${origin}/console/ping`).then(
              (res) => res.status,
              () => 0,
            ),
          { timeout: 20_000 },
        )
        .toBe(200);
      await page.getByRole("button", { name: "Approve and execute" }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Approved and executed/);
      expect(await t.repos.decisions.get(id)).toMatchObject({
        status: "executed",
        approved_by: "alice",
        approval_channel: "console",
      });
      expect((await t.repos.models.get({ provider: "openai", model_id: "gpt-dead" }))?.enabled).toBe(false);
      const again = await (await browser.newContext()).newPage();
      expect((await again.goto(url))?.status()).toBe(410);
    } finally {
      for (const p of [s, restarted]) {
        p?.child.stdin.end();
        await p?.exited;
      }
    }
  }, 120_000);
});
