import { describe, expect, it } from "vitest";
import { applyBookkeeping } from "../../src/decisions/bookkeeping.js";
import { addModel } from "../../src/decisions/direct.js";
import { revertAs } from "../../src/decisions/service.js";
import { principalFor } from "../../src/policy/principal.js";
import { openTestDatabase } from "../helpers/database.js";

/** Every fleet change is a decision and a batch, or bookkeeping of models that are not measured. */

const NOW = new Date("2026-11-20T12:00:00Z");
const operator = principalFor("alice", "operator");
const viewer = principalFor("victor", "viewer");

describe("adding a model by hand", () => {
  it("records an enable decision whose batch creates the model, and reverting the batch removes it", async () => {
    const { repos } = await openTestDatabase("fleet-add");
    const req = {
      provider: "openai",
      model_id: "gpt-new",
      enabled: true,
      displayName: "GPT New",
      reason: "asked for",
    };

    const refused = await addModel(repos, viewer, req, NOW);
    expect(refused).toMatchObject({ decision: { action: "enable", status: "rejected" }, batch: null });
    expect(await repos.models.get({ provider: "openai", model_id: "gpt-new" })).toBeNull();

    const { decision, batch } = await addModel(repos, operator, req, NOW);
    expect(decision).toMatchObject({ action: "enable", status: "executed", batch_id: batch?._id });
    expect(decision.evidence).toEqual({ add: { enabled: true, display_name: "GPT New" } });
    expect(batch).toMatchObject({ status: "applied", decision_ids: [decision._id], actor: "alice" });
    expect(await repos.models.get({ provider: "openai", model_id: "gpt-new" })).toMatchObject({
      enabled: true,
      display_name: "GPT New",
    });

    // Adding it again is refused before anything is recorded: the batch could only fail.
    const decisions = await repos.decisions.count();
    await expect(addModel(repos, operator, req, NOW)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(
        /openai:gpt-new is already in the fleet and enabled; nothing was recorded/,
      ) as unknown,
    });
    expect(await repos.decisions.count()).toBe(decisions);
    expect((await repos.mutations.list({ limit: 10 })).map((b) => b._id)).toEqual([batch!._id]);

    await revertAs(repos, batch!._id, operator, NOW);
    expect(await repos.models.get({ provider: "openai", model_id: "gpt-new" })).toBeNull();
  });

  it("adds a model disabled when asked", async () => {
    const { repos } = await openTestDatabase("fleet-add-disabled");
    const req = { provider: "openai", model_id: "gpt-quiet", enabled: false, reason: "known, not measured" };
    const { batch } = await addModel(repos, operator, req, NOW);
    expect(batch?.status).toBe("applied");
    expect((await repos.models.get({ provider: "openai", model_id: "gpt-quiet" }))?.enabled).toBe(false);
  });
});

describe("bookkeeping without a decision", () => {
  it("moves a disabled model's recheck date in a revertible batch, and refuses to touch a measured model", async () => {
    const { repos } = await openTestDatabase("fleet-bookkeeping");
    await repos.models.insertMany([
      { provider: "openai", model_id: "gpt-off", enabled: false, created_at: NOW },
      { provider: "openai", model_id: "gpt-on", enabled: true, created_at: NOW },
    ]);
    const later = new Date(NOW.getTime() + 86_400_000);
    const ok = await applyBookkeeping(
      repos,
      {
        actor: "job:test",
        reason: "next recheck",
        changes: [{ provider: "openai", model_id: "gpt-off", set: { recheck_after: later } }],
      },
      NOW,
    );
    expect(ok).toMatchObject({ status: "applied", decision_ids: [], actor: "job:test" });
    expect((await repos.models.get({ provider: "openai", model_id: "gpt-off" }))?.recheck_after).toEqual(
      later,
    );

    const attempts = [
      { provider: "openai", model_id: "gpt-on", set: { recheck_after: later } },
      { provider: "openai", model_id: "gpt-off", set: { enabled: true } },
      { provider: "openai", model_id: "gpt-off", set: { deprecated: true } },
      { provider: "openai", model_id: "gpt-fresh", set: { enabled: true }, create: { created_at: NOW } },
    ];
    for (const change of attempts) {
      await expect(
        applyBookkeeping(repos, { actor: "job:test", reason: "sneaky", changes: [change] }, NOW),
        change.model_id,
      ).rejects.toMatchObject({
        code: "invalid_input",
        message: expect.stringMatching(/needs a decision/) as unknown,
      });
    }
    expect(await repos.mutations.list({ limit: 10 })).toHaveLength(1);
    expect(await repos.models.get({ provider: "openai", model_id: "gpt-on" })).toMatchObject({
      enabled: true,
    });
    expect(await repos.models.get({ provider: "openai", model_id: "gpt-fresh" })).toBeNull();

    await revertAs(repos, ok._id, operator, NOW);
    expect(
      (await repos.models.get({ provider: "openai", model_id: "gpt-off" }))?.recheck_after,
    ).toBeUndefined();
  });
});
