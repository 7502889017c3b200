import { describe, expect, it } from "vitest";
import { runJobNow } from "../../src/jobs/run-now.js";
import { jobStores } from "../../src/jobs/stores.js";
import { depsFor, instanceBeat } from "../unit/jobs/fixtures.js";
import { flat, signIn, smallFleetConsole } from "./support.js";

/**
 * A job run skipped because another instance runs the job says, on the console's Jobs page, which
 * instance holds it (as `jobs run` and `jobs history` do): the page reads list_job_runs' `skip_holder`.
 */
const s = smallFleetConsole("console-jobs-skipped");

describe("the Jobs page and a skipped run", () => {
  it("names the instance that holds the job", async () => {
    const now = new Date();
    await s.t.repos.heartbeats.register(instanceBeat("serve-host-a", now, ["invariants"]));
    const held = await jobStores(s.t.repos).leases.acquire({
      job: "invariants",
      tick: new Date(now.getTime() - (now.getTime() % 60_000)),
      runId: "jr_held",
      instanceId: "serve-host-a",
      now,
      ttlMs: 10 * 60_000,
    });
    expect(held.ok).toBe(true);
    const skipped = await runJobNow(depsFor(s.t), "invariants");
    expect(skipped).toMatchObject({
      outcome: "skipped_lease",
      skip_reason: "busy",
      skip_holder: "serve-host-a",
    });

    const page = await (await s.browser.newContext()).newPage();
    await signIn(page, s.f.origin, s.f.tokens.operator);
    await page.goto(`${s.f.origin}/console/jobs`);
    const row = page.locator("tr", { hasText: "skipped_lease" });
    expect(flat(await row.textContent()).trim()).toMatch(
      /^invariants .*skipped_lease \(busy: serve-host-a\) 0 ms/,
    );
  });
});
