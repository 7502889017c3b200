import { describe, expect, it } from "vitest";
import { registerDecisionsCommands } from "../../src/cli/commands/decisions.js";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { actDirectly } from "../../src/decisions/direct.js";
import { propose } from "../../src/decisions/service.js";
import { proposeRename } from "../../src/decisions/rename.js";
import { transition } from "../../src/decisions/transition.js";
import { findHalfApplied } from "../../src/invariants/half-applied.js";
import { silentLogger } from "../../src/logger.js";
import { runOperator } from "../../src/operator/run.js";
import { defaultPolicy } from "../../src/policy/policy.js";
import { principalFor } from "../../src/policy/principal.js";
import type { Repositories } from "../../src/storage/repositories.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { inProcessCli, inProcessCliOutcome } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * A decision's way from proposal to its end, as a person drives it: approving a monitor or an
 * ignore, a person's rename beside an agent's, a person adding a model that is already there.
 */

const NOW = new Date("2026-11-20T12:00:00Z");
const bot = principalFor("triage-bot", "agent");

async function setup(label: string): Promise<TestDatabase & { cli: (...args: string[]) => Promise<string> }> {
  const t = await openTestDatabase(label);
  await t.repos.models.insertMany([
    { provider: "openai", model_id: "gpt-busy", enabled: true, created_at: NOW },
    { provider: "fireworks", model_id: "deepseek-v3", enabled: true, created_at: NOW },
    { provider: "groq", model_id: "llama-3.3-70b-versatile", enabled: false, created_at: NOW },
  ]);
  const cli = inProcessCli(
    () => ({
      MONGODB_URI: t.config.mongodb.uri!,
      MONGODB_DB: t.config.mongodb.db,
      BENCH_OPERATOR_PRINCIPAL: "alice:operator",
    }),
    [registerDecisionsCommands, registerModelsCommands],
  );
  return { ...t, cli };
}

/** A pending monitor (or ignore): the operator holds it for a person, as after a person's word. */
function pendingSafe(repos: Repositories, action: "monitor" | "ignore") {
  return propose(
    repos,
    {
      action,
      targets: [{ provider: "openai", model_id: "gpt-busy" }],
      confidence: 0.8,
      reasoning: "rate_limit is transient: keep measuring",
      proposer: { kind: "classifier", name: "deterministic-classifier" },
      waitFor: "a person rejected the disable of this model yesterday",
    },
    bot,
    { now: NOW },
    NOW,
  );
}

describe("approving a monitor or an ignore", () => {
  it("through the CLI records it executed by the approver, with no batch, and says nothing in the fleet changed", async () => {
    const { repos, cli } = await setup("lifecycle-safe-cli");
    const d = await pendingSafe(repos, "monitor");
    expect(d.status).toBe("pending");

    const out = await cli("decisions", "approve", d._id);
    expect(out).toMatch(new RegExp(`approved: ${d._id} is executed`));
    expect(out).toMatch(/a monitor changes nothing in the fleet: no batch was written/);

    const stored = await repos.decisions.get(d._id);
    expect(stored).toMatchObject({ status: "executed", approved_by: "alice", approval_channel: "cli" });
    expect(stored?.batch_id).toBeUndefined();
    const last = stored!.history.at(-1)!;
    expect(last).toMatchObject({ status: "executed", by: "alice" });
    expect(last.note).toMatch(/nothing in the fleet changed/);
    expect(await repos.mutations.list({ limit: 10 })).toEqual([]);
    expect((await repos.models.get({ provider: "openai", model_id: "gpt-busy" }))?.enabled).toBe(true);
    // Nothing is left for the invariant to report as approved and never executed.
    expect((await findHalfApplied(repos, NOW, 0)).approvedNotExecuted).toEqual([]);

    // Approving it again changes nothing and says it was already done.
    expect(await cli("decisions", "approve", d._id)).toMatch(
      new RegExp(`already done: ${d._id} is executed`),
    );
  });

  it("through approve_decision answers executed, with no batch and a next step that says nothing changed", async () => {
    const t = await setup("lifecycle-safe-mcp");
    const d = await pendingSafe(t.repos, "ignore");
    const alice = await connect(await sharedFor(t, NOW), {
      principal: principalFor("alice", "operator"),
      delegated: true,
      elicit: () => ({ action: "accept", content: { confirm: true } }),
    });
    const r = await call(alice, "approve_decision", { decision_id: d._id });
    expect(r.isError, r.text).toBe(false);
    expect(r.structured).toMatchObject({
      status: "executed",
      already_done: false,
      approved_by: "alice",
      batch: null,
    });
    expect(String(r.structured?.["next_step"])).toMatch(
      /an ignore changes nothing in the fleet: no batch was written, so there is nothing to revert/,
    );
    expect(await t.repos.decisions.get(d._id)).toMatchObject({ status: "executed", approved_by: "alice" });
    expect(await t.repos.mutations.list({ limit: 10 })).toEqual([]);
  });
});

/** An agent's rename of fireworks:deepseek-v3 to deepseek-v3-0324: pending, as a rename is authority-gated. */
function agentsRename(repos: Repositories) {
  const req = {
    provider: "fireworks",
    from: "deepseek-v3",
    to: "deepseek-v3-0324",
    reason: "the catalog lists it",
  };
  return proposeRename(repos, bot, req, NOW);
}

describe("a monitor an earlier version left approved", () => {
  it("is recorded executed by the next operator run, with no batch, and no longer reported half applied", async () => {
    const { repos, config } = await setup("lifecycle-safe-left");
    const d = await pendingSafe(repos, "monitor");
    // What approving did before: the move to approved, and nothing after it.
    const fields = { approved_by: "alice", approved_at: NOW, approval_channel: "cli" };
    await transition(repos, d._id, "pending", "approved", "alice", NOW, fields);
    expect((await findHalfApplied(repos, NOW, 0)).approvedNotExecuted).toEqual([d._id]);

    const run = await runOperator({ repos, config, logger: silentLogger, chain: [] }, { now: NOW });
    expect(run.run.outcome).toBe("ok");
    const stored = await repos.decisions.get(d._id);
    expect(stored).toMatchObject({ status: "executed", approved_by: "alice" });
    expect(stored?.history.at(-1)?.note).toMatch(/approved by alice; nothing in the fleet changed/);
    expect(await repos.mutations.list({ limit: 10 })).toEqual([]);
    expect((await findHalfApplied(repos, NOW, 0)).approvedNotExecuted).toEqual([]);
  });
});

describe("a person's rename beside an agent's pending rename of the same model", () => {
  it("supersedes the agent's rename to another id, names the person's rename, and renames to the person's id", async () => {
    const { repos, cli } = await setup("lifecycle-rename");
    const agents = await agentsRename(repos);
    expect(agents.decision.status).toBe("pending");

    const out = await cli(
      "models",
      "rename",
      "fireworks",
      "deepseek-v3",
      "deepseek-v3.1",
      "--reason",
      "the provider announced the new id",
    );
    expect(out).toMatch(/renamed fireworks:deepseek-v3 to deepseek-v3\.1 \(batch mb_\w+, decision dec_\w+/);
    expect(out).toContain(`superseded ${agents.decision._id}`);

    const older = await repos.decisions.get(agents.decision._id);
    expect(older?.status).toBe("superseded");
    expect(older?.history.at(-1)?.note).toMatch(
      /superseded by dec_\w+: rename to deepseek-v3\.1 by human alice/,
    );
    const mine = await repos.decisions.get(older!.superseded_by!);
    expect(mine).toMatchObject({
      status: "executed",
      action: "rename",
      evidence: { rename_to: "deepseek-v3.1" },
    });
    expect(mine?.supersedes).toEqual([agents.decision._id]);
    expect(await repos.models.get({ provider: "fireworks", model_id: "deepseek-v3.1" })).toMatchObject({
      renamed_from: "deepseek-v3",
    });
    expect(await repos.models.get({ provider: "fireworks", model_id: "deepseek-v3" })).toBeNull();
  });

  it("approves the pending decision as the person, with their reason, when they ask for the same rename", async () => {
    const { repos, cli } = await setup("lifecycle-rename-same");
    const agents = await agentsRename(repos);
    const out = await cli(
      "models",
      "rename",
      "fireworks",
      "deepseek-v3",
      "deepseek-v3-0324",
      "--reason",
      "confirmed with fireworks support",
    );
    expect(out).toContain(
      `the same rename was pending as decision ${agents.decision._id} (proposed by agent triage-bot): approved it as alice`,
    );
    expect(out).toMatch(
      new RegExp(
        `renamed fireworks:deepseek-v3 to deepseek-v3-0324 \\(batch mb_\\w+, decision ${agents.decision._id};`,
      ),
    );
    expect(out).not.toContain("authority-gated");

    const stored = await repos.decisions.get(agents.decision._id);
    expect(stored).toMatchObject({ status: "executed", approved_by: "alice", approval_channel: "direct" });
    const approval = stored!.history.find((h) => h.status === "approved");
    expect(approval).toMatchObject({ by: "alice", note: "confirmed with fireworks support" });
    // One decision and one batch: the person's request proposed nothing of its own.
    expect(await repos.decisions.find({ action: "rename" })).toHaveLength(1);
    const [batch] = await repos.mutations.list({ limit: 10 });
    expect(batch).toMatchObject({ _id: stored!.batch_id, actor: "alice", status: "applied" });
    expect(await repos.models.get({ provider: "fireworks", model_id: "deepseek-v3-0324" })).toMatchObject({
      renamed_from: "deepseek-v3",
    });
  });

  it("says why, for the person, when the policy does not let their role approve the same rename", async () => {
    const { repos, cli } = await setup("lifecycle-rename-same-refused");
    await repos.policies.set(
      {
        ...defaultPolicy(),
        approvers: { evidence_gated: ["operator", "admin"], authority_gated: ["admin"] },
      },
      principalFor("root", "admin"),
      NOW,
    );
    const agents = await agentsRename(repos);
    await expect(
      cli("models", "rename", "fireworks", "deepseek-v3", "deepseek-v3-0324", "--reason", "yes"),
    ).rejects.toThrow(
      new RegExp(
        `already pending as decision ${agents.decision._id} \\(proposed by triage-bot\\), and alice \\(operator\\) may not approve it: the operator role may not approve rename; admin may\\. Nothing was changed and the reason given was not recorded`,
      ),
    );
    const stored = await repos.decisions.get(agents.decision._id);
    expect(stored?.status).toBe("pending");
    expect(stored?.history).toHaveLength(1);
    expect(await repos.mutations.list({ limit: 10 })).toEqual([]);
    expect(await repos.models.get({ provider: "fireworks", model_id: "deepseek-v3" })).not.toBeNull();
  });
});

describe("a person's enable or disable of a model an agent's decision already proposes it for", () => {
  it("approves that decision as the person, keeping their reason; an agent asking again leaves it pending", async () => {
    const { repos, cli } = await setup("lifecycle-enable-same");
    const target = { provider: "groq", model_id: "llama-3.3-70b-versatile" };
    const agents = await actDirectly(
      repos,
      bot,
      { action: "enable", targets: [target], reason: "it answers again" },
      NOW,
      { execute: false },
    );
    expect(agents.decision.status).toBe("pending");

    const again = await actDirectly(
      repos,
      bot,
      { action: "enable", targets: [target], reason: "still" },
      NOW,
    );
    expect(again).toMatchObject({ duplicate: true, approvedPending: false });
    expect(again.decision._id).toBe(agents.decision._id);

    const out = await cli("models", "enable", "groq", "llama-3.3-70b-versatile", "--reason", "groq fixed it");
    expect(out).toContain(
      `the same enable was pending as decision ${agents.decision._id} (proposed by agent triage-bot): approved it as alice`,
    );
    expect(out).toMatch(new RegExp(`enabled 1 of 1 \\(batch mb_\\w+, decision ${agents.decision._id};`));
    const stored = await repos.decisions.get(agents.decision._id);
    expect(stored).toMatchObject({ status: "executed", approved_by: "alice" });
    expect(stored!.history.find((h) => h.status === "approved")?.note).toBe("groq fixed it");
    expect((await repos.models.get(target))?.enabled).toBe(true);
  });
});

describe("models add of a model already in the fleet", () => {
  it("is refused before anything is recorded, with or without --force, and says how to enable it", async () => {
    const { repos, cli } = await setup("lifecycle-add-existing");
    for (const force of [[], ["--force"]])
      await expect(cli("models", "add", "groq", "llama-3.3-70b-versatile", ...force)).rejects.toThrow(
        /groq:llama-3\.3-70b-versatile is already in the fleet \(disabled\).*bench-operator models enable groq llama-3\.3-70b-versatile --reason/,
      );
    await expect(cli("models", "add", "openai", "gpt-busy", "--force")).rejects.toThrow(
      /openai:gpt-busy is already in the fleet and enabled; nothing was recorded/,
    );
    expect(await repos.decisions.find({})).toEqual([]);
    expect(await repos.mutations.list({ limit: 10 })).toEqual([]);
    expect((await repos.models.get({ provider: "groq", model_id: "llama-3.3-70b-versatile" }))?.enabled).toBe(
      false,
    );
  });
});

describe("a person's disable or enable that would change nothing", () => {
  it("is refused with exit 2 before anything is recorded, naming who disabled the model and why", async () => {
    const t = await setup("lifecycle-disable-noop");
    const cli = inProcessCliOutcome(
      () => ({
        MONGODB_URI: t.config.mongodb.uri!,
        MONGODB_DB: t.config.mongodb.db,
        BENCH_OPERATOR_PRINCIPAL: "alice:operator",
      }),
      [registerModelsCommands],
    );
    const disable = (...ids: string[]) =>
      cli("models", "disable", "openai", ...ids, "--reason", "retired", "--override", "the provider said so");

    const gone = await disable("gpt-busy", "gpt-gone");
    expect(gone.exitCode).toBe(2);
    expect(gone.stderr).toMatch(
      /Not in the fleet: openai:gpt-gone; nothing was recorded\. `bench-operator models list --provider openai` lists its ids/,
    );
    expect(await t.repos.decisions.find({})).toEqual([]);

    const first = await disable("gpt-busy");
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/disabled 1 of 1 \(batch mb_\w+/);

    const again = await disable("gpt-busy");
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(
      /Already disabled: openai:gpt-busy \(by alice at 2\d{3}-[\d-]+T[\d:.]+Z: retired\); nothing was recorded\. Remove it from the targets\./,
    );
    expect(await t.repos.decisions.find({})).toHaveLength(1);
    expect(await t.repos.mutations.list({ limit: 10 })).toHaveLength(1);

    const enable = await cli("models", "enable", "fireworks", "deepseek-v3", "--reason", "x");
    expect(enable.exitCode).toBe(2);
    expect(enable.stderr).toContain("Already enabled: fireworks:deepseek-v3; nothing was recorded.");
  });
});
