import { describe, expect, it } from "vitest";
import type { ModelStatusDoc } from "../../src/storage/documents.js";
import {
  approve,
  executeApproved,
  expirePending,
  propose,
  proposeMany,
  reject,
} from "../../src/decisions/service.js";
import { principalFor, SYSTEM_PRINCIPAL } from "../../src/policy/principal.js";
import { openTestDatabase } from "../helpers/database.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const agent = principalFor("triage-bot", "agent");
const otherAgent = principalFor("second-bot", "agent");
const operator = principalFor("alice", "operator");
const viewer = principalFor("victor", "viewer");

async function setup(label: string) {
  const t = await openTestDatabase(label);
  await t.repos.models.insertMany([
    { provider: "openai", model_id: "gpt-old", enabled: true, created_at: NOW },
    { provider: "openai", model_id: "gpt-new", enabled: true, created_at: NOW },
  ]);
  return t;
}

const proposal = (model_id: string, by = agent) => ({
  action: "disable" as const,
  targets: [{ provider: "openai", model_id }],
  confidence: 0.9,
  reasoning: "404 for five days",
  proposer: { kind: by.kind === "agent" ? ("agent" as const) : ("human" as const), name: by.name },
});

describe("decisions", () => {
  it("proposeMany records a pass at once: supersedes open decisions and mirrors every target", async () => {
    const { repos, db } = await setup("dec-many");
    const models = Array.from({ length: 6 }, (_, i) => `m${i}`);
    // Another change of m0 (the same change would be handed back as already pending).
    const older = await propose(repos, { ...proposal("m0"), action: "deprecate" }, agent, { now: NOW }, NOW);
    // m1 already has a status document that says what the watch will say; m2 says something else.
    const watchMirror = {
      action: "monitor",
      confidence: 0.5,
      reasoning: "earlier watch",
      suggested_at: NOW,
      suggested_by: "classifier-fallback-batch",
      status: "approved",
      executed_at: NOW,
      decision_id: "dec_earlier",
    };
    await repos.modelStatus.mirrorDecision("openai", "m1", watchMirror, NOW);
    await repos.modelStatus.mirrorDecision("openai", "m2", { ...watchMirror, action: "disable" }, NOW);

    const later = new Date(NOW.getTime() + 60_000);
    const docs = await proposeMany(
      repos,
      [
        proposal("m0"),
        {
          action: "monitor",
          targets: models.slice(1).map((model_id) => ({ provider: "openai", model_id })),
          confidence: 0.6,
          reasoning: "transient errors",
          proposer: { kind: "classifier", name: "deterministic-classifier" },
        },
      ],
      SYSTEM_PRINCIPAL,
      { now: later },
      later,
    );
    expect(docs.map((d) => [d.action, d.status])).toEqual([
      ["disable", "pending"],
      ["monitor", "executed"],
    ]);
    expect(docs[0]!.supersedes).toEqual([older._id]);
    expect((await repos.decisions.get(older._id))?.status).toBe("superseded");
    expect(await db.collection("decisions").countDocuments({ run_id: { $exists: false } })).toBe(3);

    const mirrors = new Map(
      (await db.collection<ModelStatusDoc>("model_status").find({}).toArray()).map((d) => [
        d.model_id,
        d.operator_decision,
      ]),
    );
    expect(mirrors.get("m0")).toMatchObject({
      action: "disable",
      status: "pending",
      decision_id: docs[0]!._id,
    });
    // Same action, status and author: the mirror is left as it was (one write saved per model).
    expect(mirrors.get("m1")).toMatchObject({ decision_id: "dec_earlier" });
    expect(mirrors.get("m2")).toMatchObject({ action: "monitor", decision_id: docs[1]!._id });
    for (const m of ["m3", "m4", "m5"]) {
      expect(mirrors.get(m), m).toMatchObject({ action: "monitor", status: "approved" });
    }
    expect(await db.collection<ModelStatusDoc>("model_status").countDocuments({})).toBe(6);
  });

  it("an agent proposes, cannot approve its own proposal, and an operator's approval executes once", async () => {
    const { repos, db } = await setup("dec-approve");
    const d = await propose(repos, proposal("gpt-old"), agent, { now: NOW }, NOW);
    expect(d.status).toBe("pending");
    expect(d.policy_verdict.approver_roles).toEqual(["operator", "admin"]);

    await expect(approve(repos, d._id, agent, NOW, "mcp")).rejects.toThrow(/may not approve/);
    await expect(approve(repos, d._id, otherAgent, NOW, "mcp")).rejects.toThrow(/agent role may not approve/);
    await expect(approve(repos, d._id, viewer, NOW)).rejects.toThrow(/viewer/);
    expect((await repos.models.get({ provider: "openai", model_id: "gpt-old" }))?.enabled).toBe(true);

    const first = await approve(repos, d._id, operator, NOW, "cli");
    expect(first.alreadyDone).toBe(false);
    expect(first.decision.status).toBe("executed");
    expect(first.decision.approved_by).toBe("alice");
    expect(first.batch?.decision_ids).toEqual([d._id]);
    expect((await repos.models.get({ provider: "openai", model_id: "gpt-old" }))?.enabled).toBe(false);

    const again = await approve(repos, d._id, operator, NOW, "cli");
    expect(again.alreadyDone).toBe(true);
    expect(again.batch?._id).toBe(first.batch?._id);
    expect(await db.collection("mutation_batches").countDocuments({ decision_ids: d._id })).toBe(1);

    // The existing readers see the newest decision in model_status.
    const status = await repos.modelStatus.get("openai", "gpt-old");
    expect(status?.operator_decision).toMatchObject({
      action: "disable",
      status: "approved",
      decision_id: d._id,
      suggested_by: "triage-bot",
    });
    expect(d.history[0]).toMatchObject({ status: "pending", by: "triage-bot" });
    expect((await repos.decisions.get(d._id))?.history.map((h) => h.status)).toEqual([
      "pending",
      "approved",
      "executed",
    ]);
  });

  it("two concurrent approvals execute once", async () => {
    const { repos, db } = await setup("dec-concurrent");
    const d = await propose(repos, proposal("gpt-old"), agent, { now: NOW }, NOW);
    const results = await Promise.all([
      approve(repos, d._id, operator, NOW),
      approve(repos, d._id, principalFor("bob", "admin"), NOW),
    ]);
    expect(results.filter((r) => !r.alreadyDone)).toHaveLength(1);
    expect(await db.collection("mutation_batches").countDocuments({ decision_ids: d._id })).toBe(1);
    const final = await repos.decisions.get(d._id);
    expect(final?.status).toBe("executed");
    // Whichever call executed, the batch and the model name the approver that won the move.
    const batch = await repos.mutations.get(final!.batch_id!);
    expect(batch?.actor).toBe(final?.approved_by);
    const model = await db.collection("models").findOne({ provider: "openai", model_id: "gpt-old" });
    expect(model?.disabled_by).toBe(final?.approved_by);
  });

  it("an approval a crash cut off before its batch is executed in the approver's name by the next call", async () => {
    const { repos, db } = await setup("dec-cutoff");
    const d = await propose(repos, proposal("gpt-old"), agent, { now: NOW }, NOW);
    // What alice's approval left when the process died between the move and the execution claim.
    await db
      .collection("decisions")
      .updateOne(
        { _id: d._id as never },
        { $set: { status: "approved", approved_by: "alice", approved_at: NOW, approval_channel: "mcp" } },
      );
    const r = await approve(repos, d._id, principalFor("bob", "admin"), NOW);
    expect(r.alreadyDone).toBe(false);
    expect(r.batch?.actor).toBe("alice");
    expect(r.decision).toMatchObject({ status: "executed", approved_by: "alice" });
    const model = await db.collection("models").findOne({ provider: "openai", model_id: "gpt-old" });
    expect(model).toMatchObject({ enabled: false, disabled_by: "alice" });
  });

  it("a newer decision supersedes an older open one; rejection and expiry are recorded", async () => {
    const { repos } = await setup("dec-supersede");
    const older = await propose(repos, proposal("gpt-old"), agent, { now: NOW }, NOW);
    const newer = await propose(
      repos,
      { ...proposal("gpt-old"), action: "monitor" },
      agent,
      { now: NOW },
      NOW,
    );
    expect(newer.supersedes).toEqual([older._id]);
    expect(await repos.decisions.get(older._id)).toMatchObject({
      status: "superseded",
      superseded_by: newer._id,
    });
    // Whoever was handed the older id is told which decision to look at instead.
    await expect(approve(repos, older._id, operator, NOW)).rejects.toThrow(
      `Decision ${older._id} is superseded by ${newer._id}, a newer decision about its models; only a pending decision can be approved.`,
    );
    await expect(reject(repos, older._id, operator, "not this one", NOW)).rejects.toThrow(
      `is superseded by ${newer._id}, a newer decision`,
    );

    const r = await propose(repos, proposal("gpt-new"), agent, { now: NOW }, NOW);
    expect((await reject(repos, r._id, operator, "it is fine", NOW)).reject_reason).toBe("it is fine");
    await expect(approve(repos, r._id, operator, NOW)).rejects.toThrow(/rejected/);

    const e = await propose(repos, proposal("gpt-new"), agent, { now: NOW }, NOW);
    expect(await expirePending(repos, new Date(NOW.getTime() + 8 * 86_400_000))).toBe(1);
    expect((await repos.decisions.get(e._id))?.status).toBe("expired");
  });

  it("the system may not disable without evidence, and a human operator acts in one step", async () => {
    const { repos } = await setup("dec-system");
    const d = await propose(
      repos,
      { ...proposal("gpt-old"), proposer: { kind: "classifier", name: "c" } },
      SYSTEM_PRINCIPAL,
      { now: NOW },
      NOW,
    );
    expect(d.status).toBe("pending");
    expect(d.policy_verdict.reasons.join(" ")).toMatch(/no signals/);

    const h = await propose(repos, proposal("gpt-new", operator), operator, { now: NOW }, NOW);
    expect(h.status).toBe("approved");
    const { executed, batches } = await executeApproved(repos, [h], operator.name, NOW);
    expect(executed[0]?.status).toBe("executed");
    expect(batches[0]?.actor).toBe("alice");
  });
});
