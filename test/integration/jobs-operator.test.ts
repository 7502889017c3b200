import { describe, expect, it } from "vitest";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import { revertBatch } from "../../src/mutations/revert.js";
import { defaultPolicy } from "../../src/policy/policy.js";
import { principalFor } from "../../src/policy/principal.js";
import { runJobNow } from "../../src/jobs/run-now.js";
import { LeaseLostError } from "../../src/jobs/job.js";
import { runOperator } from "../../src/operator/run.js";
import { silentLogger, type Logger } from "../../src/logger.js";
import { createOperatorLlmChain } from "../../src/providers/llm/index.js";
import { openTestDatabase } from "../helpers/database.js";
import { startFakeLlmServer, verdictsFor } from "../helpers/fake-llm-server.js";
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

  it("a run whose LLM answers garbage is degraded and says why, even when the cache decided another situation", async () => {
    const fake = await startFakeLlmServer((req) => ({
      kind: "answer",
      answer: verdictsFor(req.situationIds, "monitor", 0.6, "watch it"),
    }));
    try {
      const t = await openTestDatabase("jobs-operator-degraded", {
        OPENAI_API_KEY: "sk-test-key-000000",
        OPENAI_BASE_URL: fake.openaiBaseUrl,
        OPERATOR_LLM: "openai:gpt-5-mini",
      });
      const { repos } = t;
      await addModels(repos, "acme", ["h1", "f1", "f2"], new Date(NOW.getTime() - 60 * DAY));
      await success(repos, "acme", "h1", new Date(NOW.getTime() - HOUR));
      await failure(repos, "acme", "f1", new Date(NOW.getTime() - 2 * HOUR), NOT_FOUND("f1"), 404);
      const clock = testClock(NOW);
      const lines: { level: string; msg: string }[] = [];
      const keep =
        (level: string) =>
        (msg: string): void =>
          void lines.push({ level, msg });
      const logger: Logger = {
        debug: keep("debug"),
        info: keep("info"),
        warn: keep("warn"),
        error: keep("error"),
      };
      const deps = { ...depsFor(t, clock), logger };
      const services = { services: { operatorChain: createOperatorLlmChain(t.config) } };

      const first = await runJobNow(deps, "operator-run", services);
      expect(first.summary).toMatch(/: ok, decided by llm/);

      // A second model goes missing: a new situation for the LLM, which now answers garbage; f1's
      // situation is unchanged, so its cached verdict decides it.
      clock.advance(2 * HOUR);
      await failure(repos, "acme", "f2", new Date(clock().getTime() - HOUR), `Model f2 was not found.`, 404);
      fake.setScript(() => ({ kind: "text", text: 'Sure! {"verdicts": [{"situation_id": ' }));
      const second = await runJobNow(deps, "operator-run", services);

      const run = (await repos.operatorState.latestRun())!;
      expect(run.decided_by).toBe("cache");
      expect(run.outcome).toBe("degraded");
      expect(run.fallback_reason).toMatch(/^garbage: /);
      expect(second.summary).toMatch(
        /: degraded, decided by cache, 0 batch\(es\); the LLM gave no verdict: garbage: /,
      );
      expect(lines.filter((l) => l.level === "warn" && l.msg.includes(`operator run ${run._id}`))).toEqual([
        { level: "warn", msg: expect.stringMatching(/decided by cache; degraded: garbage: /) },
      ]);
      expect(fake.requests).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });
});
