import { parse } from "node-cron";
import { describe, expect, it } from "vitest";
import type { ProviderCatalogDoc } from "../../src/storage/documents.js";
import type { ProviderStateDoc } from "../../src/storage/operator-state-repository.js";
import { propose } from "../../src/decisions/service.js";
import { desiredModelsAreMeasured } from "../../src/invariants/checks/desired-models-are-measured.js";
import { desiredSetNotShrinking } from "../../src/invariants/checks/desired-set-not-shrinking.js";
import { discoveryCompletedRecently } from "../../src/invariants/checks/discovery-completed-recently.js";
import { everyProviderIsProgressing } from "../../src/invariants/checks/every-provider-is-progressing.js";
import { jobLanesSucceeding } from "../../src/invariants/checks/job-lanes-succeeding.js";
import { noWorkForDisabledModels } from "../../src/invariants/checks/no-work-for-disabled-models.js";
import { pendingDecisionsNotStale } from "../../src/invariants/checks/pending-decisions-not-stale.js";
import { recheckDatesAreHonoured } from "../../src/invariants/checks/recheck-dates-are-honoured.js";
import { scheduledJobsRan } from "../../src/invariants/checks/scheduled-jobs-ran.js";
import { spendWithinBudget } from "../../src/invariants/checks/spend-within-budget.js";
import { runInvariants } from "../../src/invariants/run.js";
import type { InvariantCheck } from "../../src/invariants/types.js";
import { JOB_STATUS_COLLECTION } from "../../src/storage/job-status-repository.js";
import { applyBatch } from "../../src/mutations/mutate.js";
import { principalFor } from "../../src/policy/principal.js";
import { openTestDatabase } from "../helpers/database.js";
import { addModels, DAY, depsFor, HOUR, success } from "../unit/jobs/fixtures.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);

async function setup(label: string) {
  const t = await openTestDatabase(label);
  const deps = depsFor(t, () => NOW);
  const check = async (c: InvariantCheck) => (await runInvariants(deps, { checks: [c] })).results[0]!;
  const snapshot = (at: Date) => t.repos.desiredSets.capture(t.repos.models, at);
  return { ...t, deps, check, snapshot };
}

describe("invariants", () => {
  it("records every evaluation; a check that cannot read its inputs is 'cannot evaluate', an exception is an error", async () => {
    const { deps, repos } = await setup("inv-ledger");
    const broken: InvariantCheck = {
      name: "broken",
      description: "throws",
      evaluate: () => Promise.reject(new Error("boom with password=hunter2hunter2")),
    };
    const evaluation = await runInvariants(deps, { checks: [everyProviderIsProgressing, broken] });
    expect(evaluation.results.map((r) => [r.check, r.status, r.evaluated])).toEqual([
      ["every_provider_is_progressing", "cannot_evaluate", false],
      ["broken", "error", true],
    ]);
    expect(evaluation.results[1]!.summary).not.toContain("hunter2");
    expect(evaluation.failed).toBe(true);
    const rows = await repos.checkRuns.latestEvaluation();
    expect(rows.map((r) => r.evaluation_id)).toEqual([evaluation.evaluation_id, evaluation.evaluation_id]);
  });

  it("no work for disabled models: a success after disabled_at is a violation", async () => {
    const { repos, check } = await setup("inv-disabled-work");
    await repos.models.insertMany([
      { provider: "p", model_id: "d1", enabled: false, disabled_at: ago(10 * HOUR) },
      { provider: "p", model_id: "d2", enabled: false, disabled_at: ago(10 * HOUR) },
      { provider: "p", model_id: "legacy", enabled: false },
    ]);
    await success(repos, "p", "d2", ago(11 * HOUR));
    expect((await check(noWorkForDisabledModels)).status).toBe("pass");
    await success(repos, "p", "d1", ago(2 * HOUR));
    const r = await check(noWorkForDisabledModels);
    expect(r.status).toBe("violation");
    expect(r.details).toMatchObject({
      without_disabled_at: 1,
      measured_after_disable: { count: 1, items: [{ model_id: "d1" }] },
    });
  });

  it("coverage is judged against a snapshot at least an hour old, so disabling a stale model does not green it", async () => {
    const { repos, db, check, snapshot } = await setup("inv-coverage");
    await addModels(repos, "p1", ["fresh", "stale"], ago(30 * DAY));
    await addModels(repos, "p2", ["quiet"], ago(30 * DAY));
    await addModels(repos, "p3", ["paused-model"], ago(30 * DAY));
    await db.collection<ProviderStateDoc>("provider_state").insertOne({
      _id: "p3",
      state: "paused",
      reason: "credit",
      since: ago(DAY),
      updated_at: ago(DAY),
      history: [],
    });
    await success(repos, "p1", "fresh", ago(HOUR));
    await success(repos, "p1", "stale", ago(9 * HOUR));
    await success(repos, "p2", "quiet", ago(9 * HOUR));

    await snapshot(ago(10 * 60_000)); // too young to judge against
    expect((await check(desiredModelsAreMeasured)).status).toBe("cannot_evaluate");
    await snapshot(ago(2 * HOUR));

    const providers = await check(everyProviderIsProgressing);
    expect(providers.status).toBe("violation");
    expect(providers.details["stalled"]).toEqual([expect.objectContaining({ provider: "p2" })]);

    const before = await check(desiredModelsAreMeasured);
    expect(before.status).toBe("violation");
    expect(before.details).toMatchObject({ excluded_stopped_providers: 1, stale: { count: 2 } });

    // The cheapest "fix" is to disable the stale model: the check still reports it.
    await applyBatch(
      repos,
      {
        actor: "someone",
        reason: "hide it",
        changes: [{ provider: "p1", model_id: "stale", set: { enabled: false } }],
      },
      NOW,
    );
    const after = await check(desiredModelsAreMeasured);
    expect(after.status).toBe("violation");
    expect(after.details["stale"]).toMatchObject({
      items: expect.arrayContaining([
        expect.objectContaining({ model_id: "stale", removed_since_snapshot: true }),
      ]),
    });
    expect(after.snapshot_id).not.toBeNull();
  });

  it("the desired set does not shrink silently: removals need mutation batches", async () => {
    const { repos, db, check, snapshot } = await setup("inv-shrink");
    const ids = Array.from({ length: 10 }, (_, i) => `m${i}`);
    await addModels(repos, "p", ids, ago(30 * DAY));
    await snapshot(ago(2 * HOUR));
    await applyBatch(
      repos,
      {
        actor: "operator-run",
        reason: "retired",
        changes: ids.slice(0, 4).map((model_id) => ({ provider: "p", model_id, set: { enabled: false } })),
      },
      ago(HOUR),
    );
    expect((await check(desiredSetNotShrinking)).status).toBe("pass");
    // Written behind the mutation path's back.
    await db.collection("models").updateMany({ model_id: { $in: ["m4"] } }, { $set: { enabled: false } });
    expect((await check(desiredSetNotShrinking)).status).toBe("warning");
    await db
      .collection("models")
      .updateMany({ model_id: { $in: ["m5", "m6"] } }, { $set: { enabled: false } });
    const r = await check(desiredSetNotShrinking);
    expect(r.status).toBe("violation");
    expect(r.details).toMatchObject({
      removed: 7,
      explained_by_batches: 4,
      allowed_unexplained: 1,
      unexplained: { count: 3 },
    });
  });

  it("discovery completed recently for every provider with a catalog; an empty ledger cannot be evaluated", async () => {
    const { repos, db, check } = await setup("inv-discovery");
    expect((await check(discoveryCompletedRecently)).status).toBe("cannot_evaluate");
    const read = (provider: string, finished: Date, complete: boolean) =>
      repos.discoveryRuns.insert({
        provider,
        started_at: finished,
        finished_at: finished,
        complete,
        pages: 1,
        raw_count: 1,
        accepted_count: 1,
        new_count: 0,
        error: complete ? null : "page 2: 502",
        model_ids: [],
        prices: [],
      });
    await read("acme", ago(10 * HOUR), true);
    expect((await check(discoveryCompletedRecently)).status).toBe("pass");
    await read("groq", ago(HOUR), false);
    await db.collection<ProviderCatalogDoc>("provider_catalog").insertOne({
      provider: "mistral",
      model_id: "x",
      first_seen_at: ago(DAY),
      last_seen_at: ago(DAY),
      raw: {},
    });
    const r = await check(discoveryCompletedRecently);
    expect(r.status).toBe("violation");
    expect((r.details["late"] as { provider: string }[]).map((l) => l.provider)).toEqual(["groq", "mistral"]);
  });

  it("recheck dates are honoured", async () => {
    const { repos, check } = await setup("inv-recheck");
    await repos.models.insertMany([
      {
        provider: "p",
        model_id: "soon",
        enabled: false,
        disabled_at: ago(30 * DAY),
        disabled_class: "hard_model",
        recheck_after: ago(2 * HOUR),
      },
      {
        provider: "p",
        model_id: "dead",
        enabled: false,
        disabled_at: ago(30 * DAY),
        disabled_class: "hard_model",
      },
    ]);
    expect((await check(recheckDatesAreHonoured)).status).toBe("pass");
    await repos.models.insertMany([
      {
        provider: "p",
        model_id: "overdue",
        enabled: false,
        disabled_at: ago(30 * DAY),
        disabled_class: "hard_model",
        recheck_after: ago(2 * DAY),
      },
      {
        provider: "p",
        model_id: "broke",
        enabled: false,
        disabled_at: ago(10 * DAY),
        disabled_reason: "402 payment required: add credit",
      },
    ]);
    const r = await check(recheckDatesAreHonoured);
    expect(r.status).toBe("violation");
    expect(r.details).toMatchObject({
      overdue: { items: [{ model_id: "overdue" }] },
      without_recheck_date: { items: [{ model_id: "broke" }] },
    });
  });

  it("pending decisions do not go stale", async () => {
    const { repos, check } = await setup("inv-pending");
    await addModels(repos, "p", ["a", "b"], ago(30 * DAY));
    const agent = principalFor("bot", "agent");
    const p = (model_id: string) => ({
      action: "disable" as const,
      targets: [{ provider: "p", model_id }],
      confidence: 0.6,
      reasoning: "r",
      proposer: { kind: "agent" as const, name: "bot" },
    });
    await propose(repos, p("a"), agent, { now: ago(HOUR) }, ago(HOUR));
    expect((await check(pendingDecisionsNotStale)).status).toBe("pass");
    await propose(repos, p("b"), agent, { now: ago(100 * HOUR) }, ago(100 * HOUR));
    const r = await check(pendingDecisionsNotStale);
    expect(r.status).toBe("violation");
    expect(r.details).toMatchObject({ pending: 2, stale: { count: 1 } });
  });

  it("spend within budget: a warning at the alert fraction, a violation over budget", async () => {
    const { repos, check } = await setup("inv-spend");
    const ledger = repos.spend;
    const spend = (usd: number) =>
      ledger.record({
        at: ago(HOUR),
        category: "operator",
        purpose: "t",
        runId: "r",
        backend: "b",
        model: "m",
        inputTokens: 1,
        outputTokens: 1,
        costUsd: usd,
        usageSource: "provider",
        latencyMs: 1,
        ok: true,
      });
    expect((await check(spendWithinBudget)).status).toBe("pass");
    await spend(0.85);
    expect((await check(spendWithinBudget)).status).toBe("warning");
    await spend(0.3);
    expect((await check(spendWithinBudget)).status).toBe("violation");
  });

  it("dead-man: a scheduled job that missed its latest tick is a violation; unwired jobs are a warning", async () => {
    const { db, repos, check } = await setup("inv-deadman");
    expect((await check(scheduledJobsRan)).status).toBe("cannot_evaluate");
    await repos.heartbeats.register({
      _id: "inst",
      host: "h",
      pid: 1,
      started_at: ago(3 * HOUR),
      beat_at: ago(10_000),
      interval_ms: 15_000,
      jobs: [{ name: "invariants", cron: "10 * * * *", timezone: "UTC", fields: parse("10 * * * *") }],
      unwired: [{ name: "discovery", missing: "discovery" }],
      stopped_at: null,
      in_flight: [],
    });
    const missed = await check(scheduledJobsRan);
    expect(missed.status).toBe("violation");
    expect(missed.details["missed"]).toEqual([
      expect.objectContaining({ job: "invariants", expected_tick: new Date("2026-11-20T11:10:00Z") }),
    ]);
    // The tick is seen when a run of it starts.
    await db
      .collection<{ _id: string }>(JOB_STATUS_COLLECTION)
      .updateOne(
        { _id: "invariants" },
        { $max: { last_tick: new Date("2026-11-20T11:10:00Z") } },
        { upsert: true },
      );
    const ok = await check(scheduledJobsRan);
    expect(ok.status).toBe("warning");
    expect(ok.summary).toContain("discovery (needs discovery)");
  });

  it("job lanes: an abandoned run (running after its lease expired) is a violation", async () => {
    const { repos, check } = await setup("inv-abandoned");
    const status = repos.jobStatus;
    await status.started(
      "discovery",
      {
        run_id: "jr_x",
        instance_id: "dead-box",
        tick: ago(2 * HOUR),
        started_at: ago(2 * HOUR),
        lease_expires_at: ago(HOUR),
      },
      ago(2 * HOUR),
    );
    const r = await check(jobLanesSucceeding);
    expect(r.status).toBe("violation");
    expect(r.summary).toContain("abandoned run(s): discovery");
  });

  it("job lanes: a run whose lease is live on the database's clock is not abandoned, whatever the checker's clock says", async () => {
    const { repos, check } = await setup("inv-lease-db-clock");
    // The run's host stamped its lease's end on its own clock and on the database's. The checker's
    // clock (NOW) is weeks from the database's, so by its own clock the lease ended an hour ago.
    const dbNow = await repos.database.now();
    await repos.jobStatus.started(
      "discovery",
      {
        run_id: "jr_live",
        instance_id: "busy-box",
        tick: ago(2 * HOUR),
        started_at: ago(2 * HOUR),
        lease_expires_at: ago(HOUR),
        lease_db_expires_at: new Date(dbNow.getTime() + 10 * 60_000),
      },
      ago(2 * HOUR),
    );
    const r = await check(jobLanesSucceeding);
    expect(r.status, r.summary).toBe("pass");
    expect(r.details).toMatchObject({ abandoned: [] });
  });
});
