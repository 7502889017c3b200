import type { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerReportCommands } from "../../src/cli/commands/report.js";
import { runJobNow } from "../../src/jobs/run-now.js";
import { resendReport, SEND_LEASE_MS, sendInProgress } from "../../src/report/deliver.js";
import { createSmtpMailer, type Mailer } from "../../src/report/mailer.js";
import type { HealthReportDoc } from "../../src/storage/health-reports-repository.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { createRepositories, type Repositories } from "../../src/storage/repositories.js";
import { inProcessCliOutcome } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startSmtp, type TestSmtp } from "../helpers/test-smtp.js";
import { depsFor } from "../unit/jobs/fixtures.js";

/**
 * A stored report is mailed once however many senders ask at the same moment: two `report send`
 * (each with its own connection, as two shells are), or the health-email job and `report send`.
 * Counted at a real SMTP server.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
let smtp: TestSmtp;
let t: TestDatabase;
let env: Record<string, string>;
const others: MongoClient[] = [];

beforeAll(async () => {
  smtp = await startSmtp();
  env = { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), REPORT_TO: "ops@example.com" };
  t = await openTestDatabase("report-send-once", env);
});

afterAll(async () => {
  for (const c of others) await c.close();
  await smtp.close();
});

/** Stores for a sender with its own connection to the test database. */
async function ownConnection(): Promise<Repositories> {
  const client = await connectMongo(inject("mongoUri"));
  others.push(client);
  return createRepositories(client.db(t.db.databaseName), t.config.collections);
}

let n = 0;
/** A report whose delivery failed, as the job leaves it. */
async function failedReport(): Promise<HealthReportDoc> {
  const doc: HealthReportDoc = {
    _id: `hr_test_${++n}`,
    generated_at: NOW,
    days: 7,
    status: "warning",
    reasons: ["a test"],
    subject: `[bench-operator] WARNING test report ${n}`,
    text: "STATUS: warning\n",
    html: "<p>warning</p>",
    from: "bench-operator@localhost",
    to: ["ops@example.com"],
    run_id: null,
    delivery: {
      status: "failed",
      attempts: [{ at: NOW, ok: false, error: "451 mailbox busy" }],
      message_id: null,
      delivered_at: null,
    },
  };
  await t.repos.healthReports.insert(doc);
  return doc;
}

const mailsWith = (subject: string): number => smtp.received.filter((m) => m.subject === subject).length;

describe("sending a stored report", () => {
  it("two `report send` at the same moment mail it once; the other is told it is being sent or was sent", async () => {
    const report = await failedReport();
    const senders = await Promise.all([ownConnection(), ownConnection()]);
    const results = await Promise.allSettled(
      senders.map((repos) =>
        resendReport(repos, createSmtpMailer(t.config.email), report._id, {
          by: "report send by a test",
          clock: () => NOW,
        }),
      ),
    );
    expect(mailsWith(report.subject)).toBe(1);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected");
    expect(String(lost?.reason)).toMatch(
      new RegExp(`report ${report._id} (is being sent by|was delivered at)`),
    );
    const stored = (await t.repos.healthReports.get(report._id))!;
    expect(stored.delivery.status).toBe("sent");
    expect(stored.delivery.attempts.map((a) => a.ok)).toEqual([false, true]);
  });

  it("`report send` while the health-email job is sending the same report sends nothing", async () => {
    const gate = gated(createSmtpMailer(t.config.email));
    const job = runJobNow(
      depsFor(t, () => NOW),
      "health-email",
      {
        services: { mailer: gate.mailer, emailRetry: { attempts: 1, backoffMs: 1 } },
      },
    );
    await gate.started;
    // The job's report: stored before its send, with the run's id.
    const sending = (await t.repos.healthReports.latest(10)).find((r) => r.run_id !== null);
    const racing = resendReport(await ownConnection(), createSmtpMailer(t.config.email), sending!._id, {
      clock: () => NOW,
    });
    // "since" is the database's time of the job's claim (the lease's clock), not the job's clock.
    const claimed = (await t.repos.claims.find([`report:${sending!._id}:send`])).get(
      `report:${sending!._id}:send`,
    );
    await expect(racing).rejects.toThrow(
      `report ${sending!._id} is being sent by health-email job run ${sending!.run_id} since ${claimed!.at.toISOString()}; nothing sent by this call`,
    );
    gate.release();
    const run = await job;
    expect(run.outcome, run.error ?? "").toBe("ok");
    expect(mailsWith(sending!.subject)).toBe(1);
    // Sent: a send after it says when, and sends nothing.
    await expect(
      resendReport(t.repos, createSmtpMailer(t.config.email), sending!._id, { clock: () => NOW }),
    ).rejects.toThrow(`report ${sending!._id} was delivered at `);
    expect(mailsWith(sending!.subject)).toBe(1);
  });

  it("a sender that stopped holds the report off until its claim lapses, then it is sent once", async () => {
    const report = await failedReport();
    const key = `report:${report._id}:send`;
    // What a `report send` killed mid-send leaves: its claim, never given back, a minute old by the
    // database's clock (the lease's clock, whatever the senders' own clocks say).
    const dbNow = await t.repos.database.now();
    const stopped = new Date(dbNow.getTime() - 60_000);
    expect(await t.repos.claims.claimOnce(key, stopped, "send_killed", { by: "report send by bob" })).toBe(
      true,
    );
    const send = () =>
      resendReport(t.repos, createSmtpMailer(t.config.email), report._id, { clock: () => NOW });
    const lapses = new Date(stopped.getTime() + SEND_LEASE_MS);
    await expect(send()).rejects.toThrow(
      `report ${report._id} is being sent by report send by bob since ${stopped.toISOString()}; nothing sent by this call. ` +
        `It is sent, or its attempts are recorded, when that send ends; if that sender stopped, its claim lapses at ${lapses.toISOString()}.`,
    );
    expect(await sendInProgress(t.repos, report._id)).toMatchObject({
      by: "report send by bob",
      until: lapses,
    });
    expect(mailsWith(report.subject)).toBe(0);
    // The lease later: the same claim, as old as the lease by the database's clock.
    await t.db
      .collection("claims")
      .updateOne({ _id: key as never }, { $set: { at: new Date(dbNow.getTime() - SEND_LEASE_MS) } });
    expect((await send()).delivery.status).toBe("sent");
    expect(mailsWith(report.subject)).toBe(1);
    // Its claim went back with the send: nothing is left in progress.
    expect(await sendInProgress(t.repos, report._id)).toBeNull();
  });

  it("a sender whose clock runs ahead by more than the lease does not take over a live claim", async () => {
    const report = await failedReport();
    const dbNow = await t.repos.database.now();
    expect(
      await t.repos.claims.claimOnce(`report:${report._id}:send`, dbNow, "send_live", {
        by: "report send by carol",
      }),
    ).toBe(true);
    // This host's clock is an hour ahead of the host that holds the claim: by its own clock the claim
    // lapsed long ago, by the database's it was taken just now.
    const ahead = new Date(dbNow.getTime() + 60 * 60_000);
    await expect(
      resendReport(t.repos, createSmtpMailer(t.config.email), report._id, { clock: () => ahead }),
    ).rejects.toThrow(
      `report ${report._id} is being sent by report send by carol since ${dbNow.toISOString()}`,
    );
    expect(mailsWith(report.subject)).toBe(0);
    expect(
      (await t.repos.claims.find([`report:${report._id}:send`])).get(`report:${report._id}:send`)?.holder,
    ).toBe("send_live");
  });

  it("`report health` whose delivery is refused exits 2 naming the stored report, not as a bug", async () => {
    smtp.setRefuse(() => true);
    const cli = inProcessCliOutcome(
      () => ({ ...env, MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
      [registerReportCommands],
    );
    const r = await cli("report", "health", "--no-assessment");
    smtp.setRefuse(() => false);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      /could not be delivered after 3 attempt\(s\).*451.*report (hr_\w+) is stored: send it again with bench-operator report send \1/,
    );
    expect(r.stderr).not.toContain("unexpected error");
  }, 60_000);
});

/** A real SMTP mailer whose first message waits until `release()`; `started` resolves when it is asked. */
function gated(real: Mailer): { mailer: Mailer; started: Promise<void>; release: () => void } {
  let release = (): void => {};
  let begin = (): void => {};
  const started = new Promise<void>((r) => (begin = r));
  const open = new Promise<void>((r) => (release = r));
  return {
    mailer: {
      async send(message) {
        begin();
        await open;
        return real.send(message);
      },
    },
    started,
    release: () => release(),
  };
}
