import { spawn } from "node:child_process";
import { inject } from "vitest";
import type { ProviderStateDoc } from "../../src/storage/operator-state-repository.js";
import { describe, expect, it } from "vitest";
import { healthz } from "../../src/liveness/healthz.js";
import { startScheduler } from "../../src/jobs/scheduler.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { createRepositories } from "../../src/storage/repositories.js";
import { openTestDatabase } from "../helpers/database.js";
import { addModels, DAY, depsFor, HOUR, success } from "../unit/jobs/fixtures.js";

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "src/cli/main.ts", ...args], {
      cwd: process.cwd(),
      env: { ...process.env, ...env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

describe("healthz", () => {
  it("reports per-provider progress and per-job runs; a stuck provider never makes it unhealthy, a stale scheduler does", async () => {
    const t = await openTestDatabase("health-healthz");
    const now = new Date();
    await addModels(t.repos, "acme", ["a1", "a2"], new Date(now.getTime() - 30 * DAY));
    await addModels(t.repos, "stuckco", ["s1"], new Date(now.getTime() - 30 * DAY));
    await addModels(t.repos, "pausedco", ["p1"], new Date(now.getTime() - 30 * DAY));
    await success(t.repos, "acme", "a1", new Date(now.getTime() - HOUR));
    await success(t.repos, "stuckco", "s1", new Date(now.getTime() - 10 * HOUR));
    await t.db.collection<ProviderStateDoc>("provider_state").insertOne({
      _id: "pausedco",
      state: "paused",
      reason: "credit",
      since: now,
      updated_at: now,
      history: [],
    });
    const deps = depsFor(t);
    const s = startScheduler(deps, { instanceId: "hz", heartbeatSeconds: 1 });
    await s.ready;
    await t.repos.jobStatus.started(
      "discovery",
      {
        run_id: "jr_dead",
        instance_id: "gone",
        tick: new Date(now.getTime() - 2 * HOUR),
        started_at: new Date(now.getTime() - 2 * HOUR),
        lease_expires_at: new Date(now.getTime() - HOUR),
      },
      now,
    );

    // A run whose lease its host also stamped on the database's clock, live there though past by the
    // reader's clock (a reader whose clock runs an hour ahead): not abandoned.
    const dbNow = await t.repos.database.now();
    await t.repos.jobStatus.started(
      "admission-retirement",
      {
        run_id: "jr_live",
        instance_id: "other-host",
        tick: new Date(now.getTime() - HOUR / 2),
        started_at: new Date(now.getTime() - HOUR / 2),
        lease_expires_at: new Date(now.getTime() - HOUR / 4),
        lease_db_expires_at: new Date(dbNow.getTime() + 10 * 60_000),
      },
      now,
    );

    const { ok, body } = await healthz(deps, { instanceId: "hz" });
    expect(ok).toBe(true);
    // The scheduler computed the progress into its heartbeat; healthz read it from there.
    expect(body.progress.source).toBe("heartbeat");
    expect(body.scheduler).toMatchObject({
      required: true,
      ok: true,
      instances: [{ id: "hz", fresh: true }],
    });
    expect(body.providers.map((p) => [p.provider, p.state, p.stalled])).toEqual([
      ["acme", "healthy", false],
      ["pausedco", "paused", false],
      ["stuckco", "healthy", true],
    ]);
    expect(body.jobs.find((j) => j.name === "discovery")).toMatchObject({
      abandoned: true,
      running: { run_id: "jr_dead" },
    });
    expect(body.jobs.find((j) => j.name === "admission-retirement")).toMatchObject({
      abandoned: false,
      running: { run_id: "jr_live" },
    });
    expect(body.duration_ms).toEqual(expect.any(Number));

    // Five minutes without a beat: the scheduler is stuck, and that is what makes the process unhealthy.
    const later = await healthz(deps, { instanceId: "hz", now: new Date(Date.now() + 5 * 60_000) });
    expect(later.ok).toBe(false);
    expect(later.body.reasons).toEqual(["the scheduler heartbeat is stale"]);
    await s.stop();
    const stopped = await healthz(deps, { instanceId: "hz" });
    expect(stopped.ok).toBe(false);

    // The CLI: exit 1 when unhealthy (stopped scheduler, required), 0 when no scheduler is required.
    const env = { MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.db.databaseName };
    const strict = await runCli(["health", "--json", "--instance", "hz"], env);
    expect(strict.code).toBe(1);
    expect((JSON.parse(strict.stdout) as { ok: boolean }).ok).toBe(false);
    const relaxed = await runCli(["health", "--json"], env);
    expect(relaxed.code).toBe(0);
  });

  it("on a database where no job has run, says so for providers and jobs rather than a bare (none)", async () => {
    const t = await openTestDatabase("health-nojobs");
    const text = await runCli(["health"], { MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.db.databaseName });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      "\njobs: none has run yet (`bench-operator serve` runs them on their schedules)\n",
    );
    expect(text.stdout).toContain("\nproviders: none with enabled models\n");
    expect(text.stdout).not.toContain("(none)");
  }, 60_000);

  it("is unhealthy when the database cannot be reached", async () => {
    const t = await openTestDatabase("health-nodb");
    const client = await connectMongo(inject("mongoUri"));
    await client.close();
    const deps = depsFor({
      config: t.config,
      repos: createRepositories(client.db("gone"), t.config.collections),
    });
    const { ok, body } = await healthz(deps);
    expect(ok).toBe(false);
    expect(body.database.ok).toBe(false);
    expect(body.reasons).toEqual(["the database is unreachable"]);

    // The CLI a container's health check runs: exit 1 with the reason, never 2 (reserved by Docker).
    const gone = { MONGODB_URI: "mongodb://127.0.0.1:1/", MONGODB_DB: t.db.databaseName };
    const text = await runCli(["health"], gone);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^UNHEALTHY: Nothing answers at 127\.0\.0\.1:1 \(the connection was refused/);
    const json = await runCli(["health", "--json"], gone);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      reasons: [expect.stringMatching(/^Nothing answers at 127\.0\.0\.1:1 /)],
    });
  }, 60_000);
});
