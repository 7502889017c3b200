import { afterAll, describe, expect, inject, it } from "vitest";
import { registerReportCommands } from "../../src/cli/commands/report.js";
import { propose, proposeMany } from "../../src/decisions/service.js";
import { runJobNow } from "../../src/jobs/run-now.js";
import { defaultPolicy } from "../../src/policy/policy.js";
import { buildHealthReport } from "../../src/report/build.js";
import { gatherHealthReport } from "../../src/report/gather.js";
import { principalFor } from "../../src/policy/principal.js";
import {
  HEALTH_REPORTS_COLLECTION,
  type HealthReportDoc,
} from "../../src/storage/health-reports-repository.js";
import type { Repositories } from "../../src/storage/repositories.js";
import { inProcessCliOutcome } from "../helpers/cli.js";
import { openTestDatabase } from "../helpers/database.js";
import { startFakeLlmServer } from "../helpers/fake-llm-server.js";
import { callInFlight } from "../helpers/spend.js";
import { startSmtp, type TestSmtp } from "../helpers/test-smtp.js";
import { addModels, DAY, depsFor, failure, HOUR, success } from "../unit/jobs/fixtures.js";

const NOW = new Date("2026-11-20T12:00:00Z");

/** A fleet with something in every section of the report. */
async function seedFleet(repos: Repositories): Promise<{ decisionId: string }> {
  const created = new Date(NOW.getTime() - 60 * DAY);
  await addModels(repos, "acme", ["h1", "h2", "gone-1", "gone-2"], created);
  await addModels(repos, "authco", ["a1", "a2"], created);
  await addModels(repos, "oursco", ["o1", "o2"], created);
  for (let d = 0; d < 7; d++) {
    const at = new Date(NOW.getTime() - d * DAY - HOUR);
    await success(repos, "acme", "h1", at);
    if (d % 2 === 0) await success(repos, "acme", "h2", at);
    await success(repos, "oursco", "o1", at);
  }
  for (const m of ["gone-1", "gone-2"]) {
    for (const ago of [72, 20, 1]) {
      await failure(
        repos,
        "acme",
        m,
        new Date(NOW.getTime() - ago * HOUR),
        `The model \`${m}\` does not exist <script>alert(1)</script>`,
        404,
      );
    }
  }
  for (const m of ["a1", "a2"]) {
    await success(repos, "authco", m, new Date(NOW.getTime() - 5 * DAY));
    for (const ago of [30, 2])
      await failure(
        repos,
        "authco",
        m,
        new Date(NOW.getTime() - ago * HOUR),
        "Invalid API key provided",
        401,
      );
  }
  for (const m of ["o1", "o2"]) {
    await failure(
      repos,
      "oursco",
      m,
      new Date(NOW.getTime() - 3 * HOUR),
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      400,
    );
  }
  await repos.policies.set(
    { ...defaultPolicy(), caps: { per_pass: 1, per_provider: 1 } },
    principalFor("alice", "admin"),
    NOW,
  );
  const decision = await propose(
    repos,
    {
      action: "disable",
      targets: [{ provider: "acme", model_id: "h2" }],
      confidence: 0.7,
      reasoning: "it succeeds only every other day",
      proposer: { kind: "agent", name: "triage-bot" },
    },
    principalFor("triage-bot", "agent"),
    { now: NOW },
    NOW,
  );
  await repos.discoveryRuns.insert({
    provider: "acme",
    started_at: new Date(NOW.getTime() - 5 * HOUR),
    finished_at: new Date(NOW.getTime() - 5 * HOUR),
    complete: true,
    pages: 1,
    raw_count: 12,
    accepted_count: 12,
    new_count: 3,
    error: null,
    model_ids: [],
    prices: [],
  });
  await repos.spend.record({
    at: new Date(NOW.getTime() - HOUR),
    category: "operator",
    purpose: "operator_decision",
    runId: "run_x",
    backend: "openai",
    model: "gpt-x",
    inputTokens: 1000,
    outputTokens: 100,
    costUsd: 0.05,
    usageSource: "provider",
    latencyMs: 900,
    ok: true,
  });
  return { decisionId: decision._id };
}

describe("daily health email", () => {
  let smtp: TestSmtp;
  afterAll(async () => smtp?.close());

  it("is delivered to a real SMTP server with the status, every section, an inline chart and a readable text part", async () => {
    smtp = await startSmtp();
    const t = await openTestDatabase("report-email", {
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      REPORT_FROM: "bench@example.com",
      REPORT_TO: "ops@example.com, lead@example.com",
    });
    const { decisionId } = await seedFleet(t.repos);
    const deps = depsFor(t, () => NOW);
    // The operator run blocks authco, disables one gone model (cap 1) and leaves the other approved.
    expect((await runJobNow(deps, "operator-run", { services: { operatorChain: [] } })).outcome).toBe("ok");
    const batch = (await t.repos.mutations.list({ limit: 1 }))[0]!;

    const run = await runJobNow(deps, "health-email");
    expect(run.outcome, run.error ?? "").toBe("ok");
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;

    expect(mail.subject).toMatch(
      /^\[bench-operator\] CRITICAL: 1 automatic change \(1 disable\), 1 waiting for you \| .* - 2026-11-20$/,
    );
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([
      "ops@example.com",
      "lead@example.com",
    ]);
    const html = String(mail.html);
    for (const id of [
      "status",
      "providers",
      "chart",
      "situations",
      "likely-gone",
      "adapter-fixes",
      "auto-actions",
      "waiting-decisions",
      "discovery",
      "spend",
      "invariants",
      "jobs",
    ]) {
      expect(html, id).toContain(`id="${id}"`);
    }
    // The chart is a table heat-map (mail clients drop inline SVG): a row per provider, named.
    const chart = html.slice(
      html.indexOf('id="chart"'),
      html.indexOf("</table>", html.indexOf('id="chart"')),
    );
    expect(chart).toContain("<table");
    expect(chart).not.toMatch(/<svg|<img/);
    for (const provider of ["acme", "authco", "oursco"]) expect(chart).toContain(`>${provider}</th>`);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");

    const text = mail.text ?? "";
    expect(text).toContain("STATUS: CRITICAL");
    expect(text).toMatch(/provider\(s\) blocked: authco/);
    expect(text).toMatch(/authco\s+blocked/);
    // Two models are gone; the operator disabled one (cap 1), the other is still enabled and listed.
    expect(text).toContain("== Models likely gone (1) ==\n  - acme:gone-2 model_not_found");
    expect(text).toContain("== Decisions waiting for a human (1) ==");
    expect(text).toMatch(
      /== Adapter fixes needed \(1; one per provider and error kind\) ==\n {2}- oursco \| bad_request \| 2 error\(s\) in 7 day\(s\) on 2 model\(s\), 1 distinct message\(s\): o1, o2/,
    );
    expect(text).toContain(`undo: bench-operator batches revert ${batch._id}`);
    expect(text).toContain(`approve: MCP tool approve_decision {"decision_id": "${decisionId}"}`);
    expect(text).toContain(`or: bench-operator decisions approve ${decisionId}`);
    expect(text).toMatch(/acme: 1 read\(s\), 1 complete, 3 new model\(s\)/);
    expect(text).toMatch(/operator: today \$0\.0500 of \$1\.00 per day/);
    expect(text).toMatch(/== Invariants ==\n {2}- /);
    expect(text).toMatch(/== Success rate per day ==\n {2}acme/);

    const stored = (await t.repos.healthReports.latest(1))[0]!;
    expect(stored).toMatchObject({ subject: mail.subject, status: "critical", run_id: run._id });
    expect(stored.delivery).toMatchObject({ status: "sent", attempts: [{ ok: true }] });
  });

  it("a failed delivery fails the job visibly, stores the report, and a retry succeeds", async () => {
    smtp ??= await startSmtp();
    smtp.received.length = 0;
    const t = await openTestDatabase("report-email-fail", {
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      REPORT_TO: "ops@example.com",
    });
    const deps = depsFor(t, () => NOW);
    const fast = { emailRetry: { attempts: 2, backoffMs: 20 } };
    const reports = t.db.collection<HealthReportDoc>(HEALTH_REPORTS_COLLECTION);

    smtp.setRefuse(() => true);
    const failed = await runJobNow(deps, "health-email", { services: fast });
    expect(failed.outcome).toBe("failed");
    expect(failed.error).toMatch(/could not be delivered after 2 attempt\(s\).*451/);
    const kept = (await reports.findOne({ run_id: failed._id }))!;
    expect(kept.delivery.status).toBe("failed");
    expect(kept.delivery.attempts.map((a) => a.ok)).toEqual([false, false]);
    expect(kept.text).toContain("STATUS:");
    expect(smtp.received).toHaveLength(0);

    // Within one run: the first attempt is refused, the retry goes through.
    let refusals = 1;
    smtp.setRefuse(() => refusals-- > 0);
    const retried = await runJobNow(deps, "health-email", { services: fast });
    expect(retried.outcome, retried.error ?? "").toBe("ok");
    expect(retried.counts["attempts"]).toBe(2);
    expect(smtp.received).toHaveLength(1);
    expect((await reports.findOne({ run_id: retried._id }))?.delivery).toMatchObject({
      status: "sent",
      attempts: [{ ok: false }, { ok: true }],
    });
  });

  it("a report whose delivery failed is sent later, as it was built, by the command its error names", async () => {
    smtp ??= await startSmtp();
    smtp.received.length = 0;
    const env = {
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      REPORT_TO: "ops@example.com",
    };
    const t = await openTestDatabase("report-email-resend", env);
    const deps = depsFor(t, () => NOW);
    const reports = t.db.collection<HealthReportDoc>(HEALTH_REPORTS_COLLECTION);
    smtp.setRefuse(() => true);
    const failed = await runJobNow(deps, "health-email", {
      services: { emailRetry: { attempts: 2, backoffMs: 20 } },
    });
    const kept = (await reports.findOne({ run_id: failed._id }))!;
    expect(failed.error).toContain(
      `report ${kept._id} is stored: send it again with bench-operator report send ${kept._id}`,
    );

    const cli = inProcessCliOutcome(
      () => ({ ...env, MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
      [registerReportCommands],
    );
    // Still refused: exit 2 with what happened, every attempt recorded on the report.
    const refused = await cli("report", "send", kept._id);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/could not be delivered after 3 attempt\(s\).*451/);
    smtp.setRefuse(() => false);
    const sent = await cli("report", "send", kept._id);
    expect(sent.exitCode, sent.stderr).toBe(0);
    expect(sent.stdout).toBe(
      `sent "${kept.subject}" to ops@example.com (report ${kept._id}, 6 attempt(s) in all)\n`,
    );
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe(kept.subject);
    expect(smtp.received[0]!.text).toBe(kept.text);
    const after = (await reports.findOne({ _id: kept._id }))!;
    expect(after.delivery.status).toBe("sent");
    expect(after.delivery.attempts.map((a) => a.ok)).toEqual([false, false, false, false, false, true]);

    // Sent once: a second send sends nothing and says when it went.
    const again = await cli("report", "send", kept._id);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain(`report ${kept._id} was delivered at `);
    expect(smtp.received).toHaveLength(1);
    expect((await cli("report", "send", "hr_nope")).stderr).toContain("no stored health report hr_nope");
  }, 60_000);

  it("reads right as received: headers, both parts with the same sections, links at the console's address, no secret", async () => {
    const secrets = {
      smtp: "smtp-Passw0rd-never-mailed",
      openai: "sk-report-secret-0123456789",
      leakedKey: "sk-proj-LEAKEDkey0123456789",
      dbPassword: "hunter2-db-pass",
    };
    const mailbox = await startSmtp();
    const llm = await startFakeLlmServer((req) => ({
      kind: "answer",
      usage: { inputTokens: 3_000, outputTokens: 400 },
      answer: {
        overall_status: "critical",
        summary: "authco's key is refused; acme lost two models.",
        likely_deprecated: [
          { model_key: /^- (m\d+) at acme:/m.exec(req.user)?.[1] ?? "m1", reason: "404 for days" },
        ],
        code_fixes: [],
        provider_issues: [{ provider: "authco", issue: "the API key is refused" }],
        recommended_actions: ["Fix authco's key."],
      },
    }));
    try {
      const t = await openTestDatabase("report-email-received", {
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: String(mailbox.port),
        SMTP_USER: "reporter",
        SMTP_PASSWORD: secrets.smtp,
        REPORT_FROM: "Bench Operator <bench@example.com>",
        REPORT_TO: "ops@example.com",
        CONSOLE_PUBLIC_URL: "https://bench.example.com/ops/",
        OPENAI_API_KEY: secrets.openai,
        OPENAI_BASE_URL: llm.openaiBaseUrl,
      });
      await seedFleet(t.repos);
      // A provider's error that quotes a key and a connection string with its password.
      await failure(
        t.repos,
        "authco",
        "a1",
        new Date(NOW.getTime() - HOUR),
        `Incorrect API key provided: ${secrets.leakedKey} (mongodb://bench:${secrets.dbPassword}@db.example:27017/)`,
        401,
      );
      const deps = depsFor(t, () => NOW);
      expect((await runJobNow(deps, "operator-run", { services: { operatorChain: [] } })).outcome).toBe("ok");
      const run = await runJobNow(deps, "health-email");
      expect(run.outcome, run.error ?? "").toBe("ok");
      expect(mailbox.logins).toEqual(["reporter"]);
      const mail = mailbox.received[0]!;
      const raw = mailbox.raw[0]!.toString("utf8");
      const stored = (await t.repos.healthReports.latest(1))[0]!;

      // Headers: the subject says the status the report has; sender, recipient, date and id are there.
      expect(stored.status).toBe("critical");
      expect(mail.subject).toMatch(/^\[bench-operator\] CRITICAL: .* waiting for you \| .* - 2026-11-20$/);
      expect(mail.from?.value).toEqual([{ address: "bench@example.com", name: "Bench Operator" }]);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([
        "ops@example.com",
      ]);
      expect(mail.date).toBeInstanceOf(Date);
      expect(mail.messageId).toMatch(/^<[^@\s]+@[^@\s]+>$/);
      expect(mail.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
      // The plain part first, the HTML last: a client shows the last part it can.
      expect(raw.indexOf("Content-Type: text/plain")).toBeGreaterThan(0);
      expect(raw.indexOf("Content-Type: text/html")).toBeGreaterThan(raw.indexOf("Content-Type: text/plain"));
      expect(mail.attachments).toEqual([]);

      const html = String(mail.html);
      const text = mail.text ?? "";
      // What mail clients show: inline styles only (Gmail and Outlook drop or limit <style> and
      // external CSS), no script, no image or SVG, and under Gmail's ~102 KB clipping.
      expect(html).not.toMatch(/<style|<script|<link|<img|<svg|<iframe|<form/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      // Decoded and as sent: quoted-printable writes each "=" as "=3D" and breaks lines at 76.
      expect(Buffer.byteLength(html)).toBeLessThan(102_000);
      expect(Buffer.byteLength(raw.slice(raw.indexOf("Content-Type: text/html")))).toBeLessThan(102_000);
      // The status banner is a table cell with bgcolor, not a div whose background Outlook may drop.
      expect(html).toMatch(/<table id="status"[^>]*><tr><td bgcolor="#c62828"[^>]*>STATUS: CRITICAL<\/td>/);

      // Links: absolute, at the configured console address, one per waiting decision, in both parts.
      const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!);
      const waiting = await t.repos.decisions.find({ status: "pending" });
      expect(links.sort()).toEqual(
        waiting.map((d) => `https://bench.example.com/ops/console/decisions/${d._id}`).sort(),
      );
      for (const link of links) expect(text).toContain(link);
      expect(html + text).not.toMatch(/127\.0\.0\.1|localhost/);

      // No secret anywhere in what went over the wire, encoded or not.
      for (const secret of Object.values(secrets)) {
        expect(raw, secret).not.toContain(secret);
        expect(html + text + (mail.subject ?? ""), secret).not.toContain(secret);
      }
      // The provider's words as it said them, each secret redacted where it stood.
      expect(unwrap(text)).toContain(
        "Incorrect API key provided: [redacted] (mongodb://bench:[redacted]@db.example:27017/)",
      );

      // The LLM's reading is marked and set apart, above the measured sections.
      expect(html).toMatch(
        /<table id="assessment"[^>]*>.*Assessment \(the LLM&#39;s reading of the digest below/s,
      );
      expect(text.indexOf("== Assessment (the LLM's reading")).toBeGreaterThan(text.indexOf("STATUS:"));
      expect(text.indexOf("== Assessment (the LLM's reading")).toBeLessThan(text.indexOf("== Providers =="));

      // The text part has every section of the HTML part, under the same title, in the same order.
      const titles = [...html.matchAll(/<h2[^>]*>(.*?)<\/h2>/g)].map((m) => decode(m[1]!));
      expect(titles.length).toBeGreaterThanOrEqual(11);
      const at = titles.map((title) => unwrap(text).indexOf(`== ${title} ==`));
      expect(
        titles.filter((_, i) => at[i]! < 0),
        "titles missing from the text",
      ).toEqual([]);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      // The heat map's rows are the text's "Success rate per day".
      for (const provider of ["acme", "authco", "oursco"])
        expect(text).toMatch(new RegExp(`== Success rate per day ==[^=]*\\n {2}${provider} `));
      // Each waiting decision with its expiry in both parts.
      for (const d of waiting) {
        const expires = `${d.expires_at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
        expect(unwrap(text)).toContain(`${d._id}: ${d.action}`);
        expect(unwrap(text)).toContain(`expires ${expires}`);
        expect(html).toContain(`<td>${expires}</td>`);
      }

      // Spend counts the assessment's own call, whose cost the assessment states.
      const [call] = await t.repos.spend.forRun(run._id);
      expect(call).toMatchObject({ purpose: "health_assessment", ok: true });
      expect(text).toContain(`operator: today $${(0.05 + call!.costUsd).toFixed(4)} of $1.00 per day`);
      const note = `operator today includes this report's assessment ($${call!.costUsd.toFixed(4)}), made after the invariants were evaluated`;
      expect(unwrap(text)).toContain(`(${note})`);
      expect(html).toContain(`<p>${note.replace(/'/g, "&#39;")}</p>`);
    } finally {
      await mailbox.close();
      await llm.close();
    }
  });

  it("counts today's calls in flight in its spend, as the budget check does, and says so", async () => {
    const t = await openTestDatabase("report-email-in-flight");
    const deps = depsFor(t, () => NOW);
    const operatorLine = async () =>
      (await gatherHealthReport(deps, { now: NOW })).spend.find((s) => s.category === "operator")!;
    const before = await operatorLine();
    expect(before).toMatchObject({ todayUsd: 0, inFlightUsd: 0, inFlightCalls: 0, windowUsd: 0 });
    // Over the budget on its own: an estimate the budget check refuses the next call for.
    const entry = callInFlight({
      at: new Date(NOW.getTime() - 60_000),
      category: "operator",
      costUsd: before.budgetUsd * 1.5,
    });
    const open = await t.repos.spend.open(entry);
    const data = await gatherHealthReport(deps, { now: NOW });
    const during = data.spend.find((s) => s.category === "operator")!;
    expect(during).toMatchObject({ inFlightUsd: entry.costUsd, inFlightCalls: 1 });
    expect(during.todayUsd).toBeCloseTo(await t.repos.spend.spentToday("operator", NOW), 9);
    expect(during.windowUsd).toBeCloseTo(entry.costUsd, 9);
    const report = buildHealthReport(data);
    expect(report.reasons).toContain("over budget today: operator");
    expect(unwrap(report.text)).toContain(`for 1 call in flight) of`);

    await t.repos.spend.close(open, { ...entry, costUsd: 0.01, usageSource: "provider", ok: true });
    const after = await operatorLine();
    expect(after).toMatchObject({ inFlightUsd: 0, inFlightCalls: 0 });
    expect(after.todayUsd).toBeCloseTo(0.01, 9);
  });

  it("counts every waiting decision when more wait than the 100 it lists, and says where the rest are", async () => {
    const t = await openTestDatabase("report-email-many");
    const proposals = Array.from({ length: 130 }, (_, i) => ({
      action: "disable" as const,
      targets: [{ provider: "acme", model_id: `m${i}` }],
      confidence: 0.9,
      reasoning: "404 for days",
      proposer: { kind: "agent" as const, name: "triage-bot" },
    }));
    await proposeMany(t.repos, proposals, principalFor("triage-bot", "agent"), { now: NOW }, NOW);
    const data = await gatherHealthReport(
      depsFor(t, () => NOW),
      { now: NOW },
    );
    expect(data.waitingDecisions).toHaveLength(100);
    expect(data.waitingTotal).toBe(130);
    const report = buildHealthReport(data);
    expect(report.subject).toContain(", 130 waiting for you |");
    expect(report.reasons).toContain("130 decision(s) wait for a human");
    expect(report.text).toContain(
      "== Decisions waiting for a human (130; the oldest 100 shown) ==\n  all 130: bench-operator decisions list --status pending --limit 130\n",
    );
    expect(report.html).toContain(
      ">Decisions waiting for a human (130; the oldest 100 shown)</h2>\n<p>all 130: bench-operator decisions list --status pending --limit 130</p>",
    );
  });
});

/** The text part with its 100-column wrapping undone. */
function unwrap(text: string): string {
  return text.replace(/\s+/g, " ");
}

/** HTML text as a reader sees it: our escape function's entities undone. */
function decode(html: string): string {
  return html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
