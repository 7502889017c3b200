import { describe, expect, it } from "vitest";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import { revertBatch } from "../../src/mutations/revert.js";
import { defaultPolicy } from "../../src/policy/policy.js";
import { principalFor } from "../../src/policy/principal.js";
import { runJobNow } from "../../src/jobs/run-now.js";
import { LeaseLostError } from "../../src/jobs/job.js";
import { runOperator } from "../../src/operator/run.js";
import { silentLogger } from "../../src/logger.js";
import { openTestDatabase } from "../helpers/database.js";
import { addModels, DAY, depsFor, failure, HOUR, success, testClock } from "../unit/jobs/fixtures.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const admin = principalFor("alice", "admin");
const NOT_FOUND = (id: string): string =>
  `The model \`${id}\` does not exist or you do not have access to it.`;

describe("operator-run job", () => {
  it("an over-cap batch applies up to the caps, leaves the rest for the next passes, and every batch reverts", async () => {
    const t = await openTestDatabase("jobs-over-cap");
    const { repos } = t;
    const failing = ["f1", "f2", "f3", "f4", "f5"];
    await addModels(repos, "acme", ["h1", "h2", ...failing], new Date(NOW.getTime() - 60 * DAY));
    for (const h of ["h1", "h2"]) await success(repos, "acme", h, new Date(NOW.getTime() - HOUR));
    // The evidence holds: a hard-class streak of 72 h, no success in 7 days, the provider otherwise healthy.
    for (const f of failing) {
      for (const ago of [72, 24, 1])
        await failure(repos, "acme", f, new Date(NOW.getTime() - ago * HOUR), NOT_FOUND(f), 404);
    }
    await repos.policies.set(
      { ...defaultPolicy(), caps: { per_pass: 2, per_provider: 2 } },
      admin,
      NOW,
      "test: low caps",
    );
    const clock = testClock(NOW);
    const deps = depsFor(t, clock);

    const disabledAfterPass: number[] = [];
    const batchIds: string[] = [];
    for (let pass = 0; pass < 4; pass++) {
      const run = await runJobNow(deps, "operator-run", { services: { operatorChain: [] } });
      expect(run.outcome, run.error ?? "").toBe("ok");
      disabledAfterPass.push(await repos.models.count({ provider: "acme", enabled: false }));
      const batches = await repos.mutations.list({ limit: 10 });
      batchIds.splice(0, batchIds.length, ...batches.map((b) => b._id));
      clock.advance(2 * HOUR);
    }
    // One pass cannot clear the pool; repeated passes drain it; healthy models are untouched.
    expect(disabledAfterPass).toEqual([2, 4, 5, 5]);
    expect(batchIds).toHaveLength(3);
    expect(await repos.models.count({ model_id: { $in: ["h1", "h2"] }, enabled: true })).toBe(2);
    const batches = await t.db
      .collection<MutationBatchDoc>("mutation_batches")
      .find({ kind: "apply" })
      .toArray();
    expect(batches.map((b) => b.changes.length).sort()).toEqual([1, 2, 2]);
    expect(batches.every((b) => b.status === "applied" && b.actor === "operator-run")).toBe(true);

    // All reversible: each revert restores what its batch changed.
    for (const b of batches) {
      const revert = await revertBatch(repos, b._id, "alice", clock());
      expect(revert.failed_count).toBe(0);
    }
    expect(await repos.models.count({ provider: "acme", enabled: false })).toBe(0);
  });

  it("a run that loses its lease before recording writes no decision and disables nothing", async () => {
    const t = await openTestDatabase("jobs-operator-fenced");
    const { repos } = t;
    await addModels(repos, "acme", ["h1", "f1"], new Date(NOW.getTime() - 60 * DAY));
    await success(repos, "acme", "h1", new Date(NOW.getTime() - HOUR));
    for (const ago of [72, 24, 1])
      await failure(repos, "acme", "f1", new Date(NOW.getTime() - ago * HOUR), NOT_FOUND("f1"), 404);
    const deps = { repos, config: t.config, logger: silentLogger, chain: [] };
    let checks = 0;
    const lost = (): Promise<void> => {
      checks++;
      return Promise.reject(new LeaseLostError("another instance took the tick"));
    };
    await expect(runOperator(deps, { now: NOW, assertLease: lost })).rejects.toThrow(/took the tick/);
    expect(checks).toBe(1);
    expect(await repos.decisions.count()).toBe(0);
    expect(await repos.models.count({ enabled: false })).toBe(0);
    // With the lease held the same run disables the failing model.
    await runOperator(deps, { now: NOW, assertLease: async () => {} });
    expect((await repos.models.get({ provider: "acme", model_id: "f1" }))?.enabled).toBe(false);
  });

  it("a provider-wide auth failure blocks the provider and demotes no model", async () => {
    const t = await openTestDatabase("jobs-auth-outage");
    const { repos } = t;
    const models = ["a1", "a2", "a3", "a4"];
    await addModels(repos, "authco", models, new Date(NOW.getTime() - 60 * DAY));
    for (const m of models) {
      await success(repos, "authco", m, new Date(NOW.getTime() - 9 * DAY));
      for (const ago of [60, 30, 2]) {
        await failure(
          repos,
          "authco",
          m,
          new Date(NOW.getTime() - ago * HOUR),
          "Incorrect API key provided: sk-abc***. You can find your API key at https://platform.openai.com/account/api-keys.",
          401,
        );
      }
    }
    const run = await runJobNow(
      depsFor(t, () => NOW),
      "operator-run",
      { services: { operatorChain: [] } },
    );
    expect(run.outcome, run.error ?? "").toBe("ok");

    const state = await repos.operatorState.providerState("authco");
    expect(state).toMatchObject({ state: "blocked", kind: "auth", authority: "credentials" });
    expect(await repos.models.count({ provider: "authco", enabled: true })).toBe(4);
    const demotions = await repos.decisions.find({
      action: ["disable", "deprecate"],
      provider: "authco",
      status: ["pending", "approved", "executed"],
    });
    expect(demotions).toEqual([]);
    expect(await t.db.collection("mutation_batches").countDocuments({})).toBe(0);
  });
});
