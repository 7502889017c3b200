import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, inject, it, vi } from "vitest";
import { runInvariants } from "../../src/invariants/run.js";
import { jobLanesSucceeding } from "../../src/invariants/checks/job-lanes-succeeding.js";
import { JOB_RUNS_COLLECTION, type JobRunDoc } from "../../src/storage/job-runs-repository.js";
import { HEARTBEATS_COLLECTION, type HeartbeatDoc } from "../../src/storage/heartbeats-repository.js";
import { startScheduler, STOPPED_MARK_MS } from "../../src/jobs/scheduler.js";
import { startedRecord } from "../../src/jobs/run-job.js";
import { jobStores } from "../../src/jobs/stores.js";
import { shutdown } from "../../src/jobs/shutdown.js";
import { silentLogger } from "../../src/logger.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { createRepositories } from "../../src/storage/repositories.js";
import { openTestDatabase } from "../helpers/database.js";
import { startFaultDb } from "../helpers/fault-db.js";
import { depsFor, fakeJob, instanceBeat } from "../unit/jobs/fixtures.js";

/** How long to poll for runs to be in flight: their lease takes a few database writes. */
const UNTIL = { timeout: 20_000, interval: 20 };

/** Every test job fires every second, so real node-cron ticks happen within a test. */
const EVERY_SECOND = { JOB_SCHEDULE_BENCHMARK_SWEEP: "* * * * * *" };

describe("scheduler", () => {
  it("two instances run each job once per tick (ticks driven through the node-cron code path)", async () => {
    // Default schedules (hourly or slower): no real tick interferes with the driven ones.
    const t = await openTestDatabase("jobs-two-instances");
    const deps = depsFor(t);
    const executions: string[] = [];
    const jobs = ["discovery", "invariants"].map((name) =>
      fakeJob(name as "discovery" | "invariants", async (ctx) => {
        executions.push(`${name}@${ctx.tick.toISOString()}@${ctx.instanceId}`);
        await sleep(30);
        return { counts: { done: 1 } };
      }),
    );
    const a = startScheduler(deps, { jobs, instanceId: "inst-a", heartbeatSeconds: 30 });
    const b = startScheduler(deps, { jobs, instanceId: "inst-b", heartbeatSeconds: 30 });
    await Promise.all([a.ready, b.ready]);
    const ticks = [0, 1, 2].map((i) => new Date(Date.UTC(2030, 0, 1, 0, 0, i * 10)));
    for (const tick of ticks) {
      await Promise.all(
        (["discovery", "invariants"] as const).flatMap((name) => [
          a.tick(name, tick),
          b.tick(name, tick),
          a.tick(name, tick),
        ]),
      );
    }
    await Promise.all([a.stop(), b.stop()]);

    const runs = await t.db
      .collection<JobRunDoc>(JOB_RUNS_COLLECTION)
      .find({ tick: { $in: ticks } })
      .toArray();
    for (const name of ["discovery", "invariants"]) {
      for (const tick of ticks) {
        const forTick = runs.filter((r) => r.name === name && r.tick.getTime() === tick.getTime());
        expect(forTick.filter((r) => r.outcome === "ok")).toHaveLength(1);
        expect(forTick.filter((r) => r.outcome === "skipped_lease")).toHaveLength(2);
        expect(executions.filter((e) => e.startsWith(`${name}@${tick.toISOString()}`))).toHaveLength(1);
      }
    }
  });

  it("with real node-cron ticks every second, two instances execute each tick exactly once", async () => {
    const t = await openTestDatabase("jobs-real-cron", EVERY_SECOND);
    const deps = depsFor(t);
    const executions = new Map<string, string[]>();
    const job = fakeJob("benchmark-sweep", (ctx) => {
      const key = ctx.tick.toISOString();
      executions.set(key, [...(executions.get(key) ?? []), ctx.instanceId]);
      return Promise.resolve({});
    });
    const a = startScheduler(deps, { jobs: [job], instanceId: "cron-a", heartbeatSeconds: 1 });
    const b = startScheduler(deps, { jobs: [job], instanceId: "cron-b", heartbeatSeconds: 1 });
    await sleep(4_500);
    await Promise.all([a.stop(), b.stop()]);

    const runs = await t.repos.jobRuns.list({ name: "benchmark-sweep", limit: 100 });
    const ticks = [...new Set(runs.map((r) => r.tick.toISOString()))];
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    // Never twice: no tick runs on both instances. On a loaded 2-core machine a tick can be cut
    // off by stop() or find the other instance's previous run still holding the lease, so not
    // every tick runs: the property under test is "never twice", and at least one must run.
    let ranOnce = 0;
    for (const tick of ticks) {
      const forTick = runs.filter((r) => r.tick.toISOString() === tick);
      const ok = forTick.filter((r) => r.outcome === "ok");
      expect(ok.length, `tick ${tick}`).toBeLessThanOrEqual(1);
      expect((executions.get(tick) ?? []).length, `tick ${tick}`).toBeLessThanOrEqual(1);
      if (ok.length === 1) ranOnce++;
    }
    expect(ranOnce).toBeGreaterThanOrEqual(1);
    const beats = await t.repos.heartbeats.all();
    expect(beats.map((h) => h._id).sort()).toEqual(["cron-a", "cron-b"]);
    // stop() waits for its stopped mark 2 s at most; on a slow database the mark lands after.
    await vi.waitFor(
      async () =>
        expect((await t.repos.heartbeats.all()).map((h) => h.stopped_at !== null)).toEqual([true, true]),
      UNTIL,
    );
  });

  it("a lane that keeps failing is detected while the others continue, and recovers", async () => {
    const t = await openTestDatabase("jobs-failing-lane");
    const deps = depsFor(t);
    let broken = true;
    const bad = fakeJob("discovery", () =>
      broken
        ? Promise.reject(new Error("catalog endpoint answered 500 (api_key=sk-abcdefghijklmnop)"))
        : Promise.resolve({ summary: "fixed" }),
    );
    const good = fakeJob("invariants", () => Promise.resolve({ counts: { ok: 1 } }));
    const s = startScheduler(deps, { jobs: [bad, good], instanceId: "lanes", heartbeatSeconds: 30 });
    for (let i = 0; i < 3; i++) {
      const tick = new Date(Date.UTC(2030, 0, 1, 1, i));
      const [r1, r2] = await Promise.all([s.tick("discovery", tick), s.tick("invariants", tick)]);
      expect(r1.outcome).toBe("failed");
      expect(r1.error).toContain("[redacted]");
      expect(r1.error).not.toContain("sk-abcdefghijklmnop");
      expect(r2.outcome).toBe("ok");
    }
    const status = t.repos.jobStatus;
    expect((await status.get("discovery"))?.consecutive_failures).toBe(3);
    expect((await status.get("invariants"))?.consecutive_failures).toBe(0);

    // Detection: the job-lane invariant names the failing lane.
    const detected = await runInvariants(deps, { checks: [jobLanesSucceeding] });
    expect(detected.results[0]).toMatchObject({ status: "violation" });
    expect(detected.results[0]!.summary).toContain("discovery (3 in a row)");

    // Recovery: the next tick succeeds and the lane is green again.
    broken = false;
    expect((await s.tick("discovery", new Date(Date.UTC(2030, 0, 1, 1, 5)))).outcome).toBe("ok");
    const recovered = await runInvariants(deps, { checks: [jobLanesSucceeding] });
    expect(recovered.results[0]!.status).toBe("pass");
    await s.stop();
  });

  it("a run that outlives its lease is fenced off and cannot write over the next run; no overlap within an instance", async () => {
    const t = await openTestDatabase("jobs-fencing");
    const deps = depsFor(t);
    const marks = t.db.collection<{ run: string }>("marks");
    let calls = 0;
    const slow = fakeJob(
      "admission-retirement",
      async (ctx) => {
        calls++;
        if (calls === 1) await sleep(900); // the first run hangs past its timeout
        await ctx.assertLease(); // fencing: check before writing results
        await marks.insertOne({ run: ctx.runId });
        return {};
      },
      { timeoutMs: 300 },
    );
    const a = startScheduler(deps, { jobs: [slow], instanceId: "fence-a", heartbeatSeconds: 30 });
    const b = startScheduler(deps, { jobs: [slow], instanceId: "fence-b", heartbeatSeconds: 30 });
    const first = await a.tick("admission-retirement", new Date(Date.UTC(2030, 0, 1, 2, 0)));
    expect(first.outcome).toBe("timed_out");
    expect(first.error).toContain("timeout of 300 ms");
    // Instance a's first run is still going: a's next tick is skipped, b takes it.
    const t2 = new Date(Date.UTC(2030, 0, 1, 2, 1));
    const [fromA, fromB] = await Promise.all([
      a.tick("admission-retirement", t2),
      sleep(50).then(() => b.tick("admission-retirement", t2)),
    ]);
    expect(fromA).toMatchObject({ outcome: "skipped_lease", skip_reason: "busy" });
    expect(fromB.outcome).toBe("ok");
    await sleep(900); // the first run wakes up, checks its lease, and must not write
    expect((await marks.find().toArray()).map((m) => m.run)).toEqual([fromB._id]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it("a run whose instance died (killed: no beat since) does not hold its job until the lease expires; the next tick takes over and closes it", async () => {
    const t = await openTestDatabase("jobs-dead-holder");
    const deps = depsFor(t);
    const { repos } = t;
    const now = new Date();
    // What `kill -9` of an instance mid-run leaves: its heartbeat stops, its run stays `running`,
    // its lease (the job's timeout plus a minute) has a quarter of an hour to go.
    const killedAt = new Date(now.getTime() - 3 * 60_000);
    const deadTick = new Date(killedAt.getTime() - 30_000);
    await repos.heartbeats.register({
      _id: "dead-a",
      host: "h",
      pid: 1,
      started_at: new Date(deadTick.getTime() - 60_000),
      beat_at: killedAt,
      interval_ms: 15_000,
      jobs: [],
      unwired: [],
      stopped_at: null,
      in_flight: ["operator-run"],
    });
    // The repository stamps each beat with the database's clock too, which is what the taker reads:
    // its last beat, three minutes ago by that clock.
    const dbNow = await repos.database.now();
    await t.db
      .collection<HeartbeatDoc>(HEARTBEATS_COLLECTION)
      .updateOne({ _id: "dead-a" }, { $set: { db_beat_at: new Date(dbNow.getTime() - 3 * 60_000) } });
    const ran: string[] = [];
    const seen: unknown[] = [];
    const job = fakeJob("operator-run", async (ctx) => {
      ran.push(ctx.runId);
      // What the taker's own reads (the email's jobs section, the invariants) see of the lane.
      seen.push(await repos.jobStatus.get("operator-run"));
      return {};
    });
    const leases = jobStores(repos).leases;
    const held = await leases.acquire({
      job: "operator-run",
      tick: deadTick,
      runId: "jr_dead",
      instanceId: "dead-a",
      now: deadTick,
      ttlMs: 16 * 60_000,
    });
    expect(held.ok).toBe(true);
    await repos.jobRuns.insert({
      ...startedRecord(job, { tick: deadTick, instanceId: "dead-a" }, "jr_dead", deadTick),
      lease_id: held.ok ? held.leaseId : "",
    });

    const b = startScheduler(deps, { jobs: [job], instanceId: "live-b", heartbeatSeconds: 30 });
    await b.ready;
    const next = await b.tick("operator-run", new Date(now.getTime() - (now.getTime() % 60_000)));
    expect(next.outcome, next.error ?? "").toBe("ok");
    expect(ran).toEqual([next._id]);
    const dead = await repos.jobRuns.get("jr_dead");
    expect(dead).toMatchObject({ outcome: "failed" });
    expect(dead!.error).toBe(
      `abandoned: instance dead-a stopped beating at ${killedAt.toISOString()} (its process died mid-run); run ${next._id} took the job over`,
    );
    expect(seen).toEqual([
      expect.objectContaining({
        last_run: expect.objectContaining({ run_id: "jr_dead", outcome: "failed", error: dead!.error }),
        consecutive_failures: 1,
        running: expect.objectContaining({ run_id: next._id }),
      }),
    ]);
    expect((await repos.jobStatus.get("operator-run"))?.running).toBeNull();

    // A holder still beating keeps its job: the tick is skipped as before.
    await repos.heartbeats.beat("dead-a", new Date(), ["operator-run"]);
    const again = await leases.acquire({
      job: "operator-run",
      tick: new Date(now.getTime() + 60_000),
      runId: "jr_alive",
      instanceId: "dead-a",
      now: new Date(),
      ttlMs: 16 * 60_000,
    });
    expect(again.ok).toBe(true);
    const skipped = await b.tick("operator-run", new Date(now.getTime() + 120_000));
    expect(skipped).toMatchObject({ outcome: "skipped_lease", skip_reason: "busy" });
    await b.stop();
  });

  it("an instance whose clock runs ahead does not take a live holder's job: the holder's beat and lease are read on the database's clock", async () => {
    const t = await openTestDatabase("jobs-skewed-taker");
    const { repos } = t;
    const now = new Date();
    const tick = new Date(now.getTime() - (now.getTime() % 60_000));
    // Instance a is alive: registered, beating, and running the operator run of this minute.
    await repos.heartbeats.register(instanceBeat("live-a", now, ["operator-run"]));
    const held = await jobStores(repos).leases.acquire({
      job: "operator-run",
      tick,
      runId: "jr_live",
      instanceId: "live-a",
      now,
      ttlMs: 16 * 60_000,
    });
    expect(held.ok).toBe(true);
    const ran: string[] = [];
    const job = fakeJob("operator-run", (ctx) => {
      ran.push(ctx.runId);
      return Promise.resolve({});
    });
    // Instance b's clock runs five minutes ahead: by it, a's last beat is five minutes old (dead, on
    // b's clock); then twenty minutes ahead, past a's lease too.
    for (const aheadMin of [5, 20]) {
      const ahead = () => new Date(Date.now() + aheadMin * 60_000);
      const b = startScheduler(depsFor(t, ahead), {
        jobs: [job],
        instanceId: `skewed-b-${aheadMin}`,
        heartbeatSeconds: 30,
      });
      await b.ready;
      const skipped = await b.tick("operator-run", new Date(tick.getTime() + aheadMin * 60_000));
      expect(skipped, `${aheadMin} minutes ahead`).toMatchObject({
        outcome: "skipped_lease",
        skip_reason: "busy",
      });
      await b.stop();
    }
    expect(ran).toEqual([]);
    expect((await repos.jobStatus.get("operator-run"))?.running?.run_id).toBe("jr_live");
  });

  it("stop() lets runs in flight finish within the grace and aborts and records the rest", async () => {
    const t = await openTestDatabase("jobs-shutdown");
    const said: string[] = [];
    const deps = { ...depsFor(t), logger: { ...silentLogger, info: (msg: string) => void said.push(msg) } };
    // Finishes when the test says so, once stop() has begun: no race between a sleep and the grace.
    let finish!: () => void;
    const finishing = new Promise<void>((resolve) => (finish = resolve));
    const quick = fakeJob("discovery", async () => {
      await finishing;
      return { summary: "finished during shutdown" };
    });
    const stuck = fakeJob(
      "invariants",
      (ctx) =>
        new Promise((_, reject) =>
          ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason as Error)),
        ),
    );
    const s = startScheduler(deps, { jobs: [quick, stuck], instanceId: "stopper", heartbeatSeconds: 30 });
    await s.ready;
    const tick = new Date(Date.UTC(2030, 0, 1, 3, 0));
    const runs = Promise.all([s.tick("discovery", tick), s.tick("invariants", tick)]);
    await vi.waitFor(() => expect(s.inFlight().sort()).toEqual(["discovery", "invariants"]), UNTIL);
    const stopping = s.stop({ graceMs: 500 });
    finish();
    // stop() returns although "invariants" would never end on its own; that it returns within its
    // bounds whatever the database does is the frozen-database test's (no wall clock here).
    await stopping;
    const [q, st] = await runs;
    expect(q.outcome).toBe("ok");
    expect(st).toMatchObject({ outcome: "failed", error: "interrupted by shutdown" });
    const stored = await t.repos.jobRuns.get(st._id);
    expect(stored?.outcome).toBe("failed");
    await vi.waitFor(
      async () => expect((await t.repos.heartbeats.get("stopper"))?.stopped_at).not.toBeNull(),
      UNTIL,
    );
    await expect(s.tick("discovery", tick)).rejects.toThrow(/stopping/);
    // What a person at the terminal reads between SIGTERM and the end.
    expect(said.filter((m) => m.startsWith("scheduler stopper stop"))).toEqual([
      "scheduler stopper stopping: waiting up to 500 ms for discovery, invariants (aborted and recorded as failed after that)",
      "scheduler stopper stopped",
    ]);
  });

  it("shutdown(): stops the scheduler (finishing the run in flight) while the other parts close, then the database", async () => {
    const t = await openTestDatabase("jobs-shutdown-helper");
    // A client of its own, so closing it does not close the test's.
    const client = await connectMongo(inject("mongoUri"));
    const deps = depsFor({
      config: t.config,
      repos: createRepositories(client.db(t.db.databaseName), t.config.collections),
    });
    const order: string[] = [];
    const job = fakeJob("discovery", async () => {
      await sleep(300);
      order.push("run finished");
      return {};
    });
    const s = startScheduler(deps, { jobs: [job], instanceId: "sigterm", heartbeatSeconds: 30 });
    await s.ready;
    const run = s.tick("discovery", new Date(Date.UTC(2030, 0, 1, 4, 0)));
    await vi.waitFor(() => expect(s.inFlight()).toEqual(["discovery"]), UNTIL);
    client.on("topologyClosed", () => order.push("database closed"));
    await shutdown({
      scheduler: s,
      closers: [() => Promise.resolve(void order.push("http server closed"))],
      client,
      logger: silentLogger,
    });
    // The run and the HTTP calls drain together (issue 16: calls in flight need the database too).
    expect(order.slice(0, 2).sort()).toEqual(["http server closed", "run finished"]);
    expect(order.slice(2)).toEqual(["database closed"]);
    expect((await run).outcome).toBe("ok");
    expect((await t.repos.jobRuns.get((await run)._id))?.outcome).toBe("ok");
  });

  it("shutdown() ends while the database does not answer, and logs what it could not write", async () => {
    // A FerretDB of its own behind a proxy that the test can freeze (connections open, no answers).
    const db = await startFaultDb();
    try {
      const session = await db.open("jobs-frozen");
      const lines: string[] = [];
      const add = (msg: string): void => void lines.push(msg);
      const deps = { ...depsFor(session), logger: { debug: add, info: add, warn: add, error: add } };
      let finish!: () => void;
      const finishing = new Promise<void>((resolve) => (finish = resolve));
      const job = fakeJob("discovery", async () => {
        await finishing;
        return {};
      });
      const s = startScheduler(deps, { jobs: [job], instanceId: "frozen", heartbeatSeconds: 30 });
      await s.ready;
      const run = s.tick("discovery", new Date(Date.UTC(2030, 0, 1, 5, 0)));
      await vi.waitFor(() => expect(s.inFlight()).toEqual(["discovery"]), UNTIL);
      db.freeze();
      finish(); // the work is done; confirming the lease and recording the end need the database
      await shutdown({ scheduler: s, client: session.client, logger: deps.logger, graceMs: 200 });
      // Reached only because no step waited for the database: it is still frozen.
      expect(db.isFrozen()).toBe(true);
      expect(lines).toContain(
        `scheduler could not mark its heartbeat stopped within ${STOPPED_MARK_MS} ms: the database did not answer`,
      );
      // A command already sent waits for its answer even on a closed client: let the database answer.
      db.thaw();
      // Its end is not recorded (whatever got through before the client closed): the closed client
      // fails the write, and the write is not retried against it.
      const ended = await run;
      expect(lines).toContain(`job-error discovery: could not record the end of run ${ended._id}`);
    } finally {
      db.thaw();
      await db.stop();
    }
  });

  it("jobs whose service is missing are not scheduled and are reported as not wired", async () => {
    const t = await openTestDatabase("jobs-unwired");
    const s = startScheduler(depsFor(t), { instanceId: "unwired", heartbeatSeconds: 30 });
    await s.ready;
    expect(s.unwired.map((u) => u.name).sort()).toEqual([
      "admission-retirement",
      "benchmark-sweep",
      "discovery",
      "health-email",
      "recovery-probes",
    ]);
    expect(s.scheduled.sort()).toEqual(["fingerprint-classification", "invariants", "operator-run"]);
    expect((await t.repos.heartbeats.get("unwired"))?.unwired).toContainEqual({
      name: "health-email",
      missing: "mailer",
    });
    await s.stop();
  });
});
