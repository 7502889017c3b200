import { describe, expect, inject, it } from "vitest";
import { registerJobsCommands } from "../../src/cli/commands/jobs.js";
import { jobStores } from "../../src/jobs/stores.js";
import { inProcessCliOutcome } from "../helpers/cli.js";
import { openTestDatabase } from "../helpers/database.js";
import { instanceBeat } from "../unit/jobs/fixtures.js";

/**
 * `jobs run <name>` while another instance runs the job: a refusal a person can act on (exit 2, the
 * instance named, nothing run), not a bare "skipped_lease (busy)" with the exit code of a failed run.
 */
describe("jobs run while another instance holds the job", () => {
  it("refuses with exit 2, names the instance, and runs nothing", async () => {
    const t = await openTestDatabase("jobs-run-busy");
    const now = new Date();
    await t.repos.heartbeats.register(instanceBeat("serve-host-a", now, ["operator-run"]));
    const held = await jobStores(t.repos).leases.acquire({
      job: "operator-run",
      tick: new Date(now.getTime() - (now.getTime() % 60_000)),
      runId: "jr_held",
      instanceId: "serve-host-a",
      now,
      ttlMs: 16 * 60_000,
    });
    expect(held.ok).toBe(true);
    const cli = inProcessCliOutcome(
      () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
      [registerJobsCommands],
    );

    const ran = await cli("jobs", "run", "operator-run");
    expect(ran.exitCode).toBe(2);
    expect(ran.stdout).toMatch(
      /^operator-run not run: it is running on instance serve-host-a; nothing was run \(run jr_operator-run_\S+\)\. `bench-operator jobs history` shows that run when it ends\.\n$/,
    );
    const runs = await t.repos.jobRuns.list({ name: "operator-run" });
    expect(runs.map((r) => [r.outcome, r.skip_reason, r.skip_holder])).toEqual([
      ["skipped_lease", "busy", "serve-host-a"],
    ]);
    expect((await t.repos.jobStatus.get("operator-run"))?.running?.run_id).toBe("jr_held");

    const history = await cli("jobs", "history");
    expect(history.stdout).toContain("skipped_lease (busy: serve-host-a)");

    const json = await cli("jobs", "run", "operator-run", "--json");
    expect(json.exitCode).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      outcome: "skipped_lease",
      skip_reason: "busy",
      skip_holder: "serve-host-a",
    });
  });
});
