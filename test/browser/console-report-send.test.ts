import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintLink } from "../../src/console/sessions.js";
import { runJobNow } from "../../src/jobs/run-now.js";
import { principalFor } from "../../src/policy/principal.js";
import type { HealthReportDoc } from "../../src/storage/health-reports-repository.js";
import { FLEET_NOW } from "../e2e/support/fleet.js";
import { startSmtp, type TestSmtp } from "../helpers/test-smtp.js";
import { depsFor } from "../unit/jobs/fixtures.js";
import { flat, httpPostForm, httpSignIn, shoot, signIn, smallFleetConsole } from "./support.js";

/**
 * A report the health-email job failed to deliver is sent from the console: the failed run on the
 * Jobs page links to its report, whose "Send now" (operators and admins) sends it through the same
 * claimed send as `report send`, once, and says how it went. A viewer has no button and is refused
 * the form; a one-time link's session cannot reach it.
 */
let smtp: TestSmtp;
// Before the console's database is opened with its settings (hooks run in the order they are made).
beforeAll(async () => void (smtp = await startSmtp()));
afterAll(() => smtp?.close());
const s = smallFleetConsole("console-report-send", () => ({
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: String(smtp.port),
  REPORT_TO: "ops@example.com",
}));

/** The health-email job's run with its mail server refusing: the run failed, its report is stored. */
async function undelivered(): Promise<HealthReportDoc> {
  smtp.received.length = 0;
  smtp.setRefuse(() => true);
  const run = await runJobNow(
    depsFor(s.t, () => FLEET_NOW),
    "health-email",
    {
      services: { emailRetry: { attempts: 1, backoffMs: 1 } },
    },
  );
  smtp.setRefuse(() => false);
  expect(run.outcome).toBe("failed");
  const [report] = (await s.t.repos.healthReports.latest(50)).filter((r) => r.run_id === run._id);
  expect(report?.delivery.status).toBe("failed");
  return report!;
}

/** Mails received since `undelivered()`, each checked to be `r`. */
const mails = (r: HealthReportDoc): number => {
  for (const m of smtp.received) expect(m.subject).toBe(r.subject);
  return smtp.received.length;
};

describe("sending a report from the console", () => {
  it("the failed run links to its report; Send now sends it once and says so", async () => {
    const report = await undelivered();
    const page = await (await s.browser.newContext()).newPage();
    await signIn(page, s.f.origin, s.f.tokens.operator);
    await page.goto(`${s.f.origin}/console/jobs`);
    const row = page.locator("tr", { has: page.getByRole("link", { name: report._id }) });
    expect(flat(await row.textContent())).toMatch(
      new RegExp(
        `health-email .*failed.*Report ${report._id}: failed \\(1 attempt\\(s\\)\\); send it from its page`,
      ),
    );
    await row.getByRole("link", { name: report._id }).click();
    await page.waitForURL(new RegExp(`/console/reports/${report._id}$`));
    expect(flat(await page.locator("main").textContent())).toMatch(
      /failed: .*451 mailbox busy, try again later/,
    );
    await shoot(page, "console-report");

    await page.getByRole("button", { name: "Send now" }).click();
    await page.waitForURL(new RegExp(`/console/reports/${report._id}\\?done=sent$`));
    expect(flat(await page.getByRole("status").textContent())).toMatch(
      /^Sent 2026-11-20 12:00 UTC to ops@example\.com \(message <[^>]+>\); 2 attempt\(s\) in all\.$/,
    );
    expect(mails(report)).toBe(1);
    expect((await s.t.repos.healthReports.get(report._id))?.delivery).toMatchObject({
      status: "sent",
      attempts: [{ ok: false }, { ok: true }],
    });
    // Sent: no button any more, and the form posted again sends nothing and says when it went.
    await page.reload();
    expect(await page.getByRole("button", { name: "Send now" }).count()).toBe(0);
    const cookie = await httpSignIn(s.f.origin, s.f.tokens.operator);
    const html = await (await fetch(`${s.f.origin}/console/decisions`, { headers: { cookie } })).text();
    const again = await httpPostForm(s.f.origin, cookie, html, `/console/reports/${report._id}/send`, {});
    expect(again.status).toBe(409);
    expect(flat(await again.text())).toContain(`report ${report._id} was delivered at `);
    expect(mails(report)).toBe(1);
  });

  it("two people pressing Send now at the same moment send one mail; the other is told why not", async () => {
    const report = await undelivered();
    const [a, b] = await Promise.all([
      httpSignIn(s.f.origin, s.f.tokens.operator),
      httpSignIn(s.f.origin, s.f.tokens.operator),
    ]);
    const pages = await Promise.all(
      [a, b].map(async (cookie) => ({
        cookie,
        html: await (
          await fetch(`${s.f.origin}/console/reports/${report._id}`, { headers: { cookie } })
        ).text(),
      })),
    );
    const answers = await Promise.all(
      pages.map((p) => httpPostForm(s.f.origin, p.cookie, p.html, `/console/reports/${report._id}/send`, {})),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    const refused = flat(await answers.find((r) => r.status === 409)!.text());
    expect(refused).toMatch(
      new RegExp(`report ${report._id} (is being sent by olivia from the console since|was delivered at)`),
    );
    expect(mails(report)).toBe(1);
  });

  it("a viewer has no button and is refused the form; a one-time link's session cannot reach it", async () => {
    const report = await undelivered();
    const page = await (await s.browser.newContext()).newPage();
    await signIn(page, s.f.origin, s.f.tokens.viewer);
    await page.goto(`${s.f.origin}/console/reports/${report._id}`);
    expect(await page.getByRole("button", { name: "Send now" }).count()).toBe(0);
    expect(flat(await page.locator("main").textContent())).toContain(
      "Your role (viewer) can only read: sending a report needs an operator or admin.",
    );
    const viewer = await httpSignIn(s.f.origin, s.f.tokens.viewer);
    const html = await (
      await fetch(`${s.f.origin}/console/decisions`, { headers: { cookie: viewer } })
    ).text();
    const refused = await httpPostForm(s.f.origin, viewer, html, `/console/reports/${report._id}/send`, {});
    expect(refused.status).toBe(403);
    expect(flat(await refused.text())).toContain("Your role (viewer) can only read");

    // An operator's one-time link for a decision's page: its session reaches that page alone.
    const { path } = await mintLink(
      s.t.repos,
      {
        principal: principalFor("olivia", "operator"),
        scope: { kind: "decision", id: "dec_0000000000000000" },
        purpose: "approve",
      },
      FLEET_NOW,
    );
    const opened = await fetch(`${s.f.origin}${path}`, { redirect: "manual" });
    const linkCookie = /bo_console_page=[^;]+/.exec(opened.headers.get("set-cookie") ?? "")![0];
    const viaLink = await fetch(`${s.f.origin}/console/reports/${report._id}/send`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: s.f.origin, cookie: linkCookie },
      body: new URLSearchParams({ csrf: "any" }),
    });
    expect(viaLink.status).toBe(403);
    expect(flat(await viaLink.text())).toContain("reaches only the page it was made for");
    expect(mails(report)).toBe(0);
    expect((await s.t.repos.healthReports.get(report._id))?.delivery.status).toBe("failed");
  });

  it("while another send holds the report, its page says who sends it and offers no button", async () => {
    const report = await undelivered();
    const key = `report:${report._id}:send`;
    // Taken now by the database's clock, which a send's lease is measured on (the fleet's clock is fixed).
    const at = await s.t.repos.database.now();
    expect(await s.t.repos.claims.claimOnce(key, at, "send_sam", { by: "report send by sam" })).toBe(true);
    const minute = (d: Date): string => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    const cookie = await httpSignIn(s.f.origin, s.f.tokens.operator);
    const html = await (
      await fetch(`${s.f.origin}/console/reports/${report._id}`, { headers: { cookie } })
    ).text();
    expect(flat(html)).toContain(
      `Being sent by report send by sam since ${minute(at)}: reload this page to see how it went. ` +
        `If that sender stopped, it can be sent again from ${minute(new Date(at.getTime() + 10 * 60_000))}.`,
    );
    expect(html).not.toContain("Send now</button>");
    const refused = await httpPostForm(s.f.origin, cookie, html, `/console/reports/${report._id}/send`, {});
    expect(refused.status).toBe(409);
    expect(flat(await refused.text())).toContain(
      `report ${report._id} is being sent by report send by sam since`,
    );
    expect(mails(report)).toBe(0);
  });
});
