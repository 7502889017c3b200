import { describe, expect, inject, it } from "vitest";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { registerOperatorCommands } from "../../src/cli/commands/operator.js";
import { loadConfig } from "../../src/config/config.js";
import { approve } from "../../src/decisions/review.js";
import { seedDemoCatalog } from "../../src/demo/seed-catalog.js";
import { seedDemoFleet } from "../../src/demo/seed.js";
import { DEMO_RENAMES } from "../../src/demo/renames.js";
import { silentLogger } from "../../src/logger.js";
import { revertBatch } from "../../src/mutations/revert.js";
import { runOperator } from "../../src/operator/run.js";
import { principalFor } from "../../src/policy/principal.js";
import { createOperatorLlmChain } from "../../src/providers/llm/index.js";
import { getModelSignals } from "../../src/signals/read.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * Issue 17 item 1 on the demo fleet: the "renamed" scenario's models fail with OpenRouter's
 * model_not_found answer, and the demo's complete OpenRouter catalog read lacks their ids and
 * lists one successor each, so an operator run proposes renames (pending: rename is
 * authority-gated); a human's approval moves the row, and reverting the batch moves it back.
 */
const NOW = new Date("2026-11-20T12:00:00Z");

describe("the demo fleet's renamed models", () => {
  it("become pending rename proposals with the catalog's successor, which a human can approve and revert", async () => {
    const t = await openTestDatabase("demo_rename");
    const { manifest } = await seedDemoFleet(t.repos, {
      seed: 7,
      now: NOW,
      models: 120,
      days: 7,
      cadenceHours: 3,
    });
    await seedDemoCatalog(t.repos, NOW);
    const renamed = manifest.models_truth.filter((m) => m.scenario === "renamed");
    expect(renamed.map((m) => m.model_id).sort()).toEqual(DEMO_RENAMES.map((r) => r.from).sort());
    for (const m of renamed) expect(m.expected_action).toBe("rename");

    const config = loadConfig({ MONGODB_DB: t.config.mongodb.db });
    const deps = { repos: t.repos, config, logger: silentLogger, chain: createOperatorLlmChain(config) };
    await runOperator(deps, { now: NOW });

    const decisions = await t.repos.decisions.find({ action: ["rename"] });
    const byOld = new Map(decisions.map((d) => [d.targets[0]!.model_id, d]));
    expect([...byOld.keys()].sort()).toEqual(DEMO_RENAMES.map((r) => r.from).sort());
    for (const r of DEMO_RENAMES) {
      const d = byOld.get(r.from)!;
      expect(d.status).toBe("pending");
      expect(d.targets).toEqual([expect.objectContaining({ provider: r.provider, model_id: r.from })]);
      expect(d.evidence).toMatchObject({
        rename_to: r.to,
        successor: { from: r.from, to: r.to, listing: { finished_at: NOW } },
      });
    }
    // No other demo model was turned into a rename, and the renamed ones were not disabled.
    const disabled = await t.repos.decisions.find({ action: ["disable", "deprecate"] });
    const disabledIds = new Set(disabled.flatMap((d) => d.targets.map((x) => x.model_id)));
    for (const r of DEMO_RENAMES) expect(disabledIds.has(r.from)).toBe(false);

    // A human approves one: the row moves to the new id and its signals link the old one.
    const [first] = DEMO_RENAMES;
    const result = await approve(
      t.repos,
      byOld.get(first!.from)!._id,
      principalFor("alice", "operator"),
      NOW,
    );
    expect(result.decision.status).toBe("executed");
    expect(await t.repos.models.get({ provider: first!.provider, model_id: first!.from })).toBeNull();
    const moved = await t.repos.models.get({ provider: first!.provider, model_id: first!.to });
    expect(moved?.renamed_from).toBe(first!.from);
    expect(moved?.enabled).toBe(true);
    const signals = await getModelSignals(t.repos, first!.provider, first!.to, NOW);
    expect(signals?.renamedFrom?.model_id).toBe(first!.from);
    expect(signals?.renamedFrom?.errors_total).toBeGreaterThan(0);

    // Reverting the batch restores the old id.
    await revertBatch(t.repos, result.batch!._id, "alice", NOW);
    expect(await t.repos.models.get({ provider: first!.provider, model_id: first!.to })).toBeNull();
    expect((await t.repos.models.get({ provider: first!.provider, model_id: first!.from }))?.enabled).toBe(
      true,
    );
  }, 180_000);

  it("are named, with their new ids, by a person's `operator run --dry-run`", async () => {
    const { t, cli } = await demoOnTheClock("demo_rename_cli");
    const out = await cli("operator", "run", "--dry-run");
    for (const r of DEMO_RENAMES) expect(out).toContain(`would rename ${r.provider}:${r.from} -> ${r.to}`);
    expect(out).toMatch(/would_rename=2/);
    expect(await t.repos.decisions.count()).toBe(0);
  });

  it("are named with their pending ids by a person's `operator run`, beside what it executed; the person's same rename approves one", async () => {
    const { t, cli } = await demoOnTheClock("demo_rename_run", {
      BENCH_OPERATOR_PRINCIPAL: "alice:operator",
    });
    const out = await cli("operator", "run");

    // Every model change of the run's batches is a row: action, model, batch.
    const run = await t.repos.operatorState.latestRun();
    const batches = await t.repos.mutations.getMany(run!.batch_ids);
    const changes = batches.flatMap((b) => b.changes.map((c) => ({ batch: b._id, c })));
    expect(changes.length).toBeGreaterThan(0);
    expect(out).toContain(`executed: ${changes.length} change(s)`);
    for (const { batch, c } of changes.slice(0, 20))
      expect(out).toMatch(
        new RegExp(`^\\w+\\s+${escape(`${c.provider}:${c.model_id}`)}\\s+${batch}\\s+applied$`, "m"),
      );

    // Every pending decision of the run is counted; the renames (a person's to make) lead the list.
    const pending = await t.repos.decisions.find({ status: "pending" });
    expect(out).toContain(
      `waiting for a person: ${pending.length} new decision(s) from this run (bench-operator decisions show|approve <id>; reject <id> --reason); ${pending.length} in all\n`,
    );
    const renames = pending.filter((d) => d.action === "rename");
    expect(renames).toHaveLength(DEMO_RENAMES.length);
    for (const d of renames) {
      const r = DEMO_RENAMES.find((x) => x.from === d.targets[0]!.model_id)!;
      expect(out).toMatch(
        new RegExp(`^${d._id}\\s+rename\\s+${escape(`${r.provider}:${r.from} -> ${r.to}`)}$`, "m"),
      );
    }

    // A second run finds them open (it proposes none again) and still says how many wait.
    const again = await cli("operator", "run");
    expect(again).toContain(
      `waiting for a person: 0 new decision(s) from this run; ${pending.length} in all (bench-operator decisions list --status pending)\n`,
    );

    // The walk-through's next step: the person renames the same model to the same id.
    const [first] = DEMO_RENAMES;
    const decision = renames.find((d) => d.targets[0]!.model_id === first!.from)!;
    const renamed = await cli(
      "models",
      "rename",
      first!.provider,
      first!.from,
      first!.to,
      "--reason",
      "the provider's changelog says so",
    );
    expect(renamed).toContain(`the same rename was pending as decision ${decision._id}`);
    expect(await t.repos.decisions.get(decision._id)).toMatchObject({
      status: "executed",
      approved_by: "alice",
    });
    expect((await t.repos.models.get({ provider: first!.provider, model_id: first!.to }))?.renamed_from).toBe(
      first!.from,
    );
  }, 180_000);

  it("are listed in `operator run --json` as pending_decisions, beside executed_changes", async () => {
    const { t, cli } = await demoOnTheClock("demo_rename_json");
    const json = JSON.parse(await cli("operator", "run", "--json")) as {
      batch_ids: string[];
      executed_changes: { action: string; model: string; batch: string; status: string }[];
      pending_decisions: { id: string; action: string; model: string }[];
    };
    const pending = await t.repos.decisions.find({ status: "pending" });
    expect(json.pending_decisions.map((p) => p.id).sort()).toEqual(pending.map((d) => d._id).sort());
    const batches = await t.repos.mutations.getMany(json.batch_ids);
    expect(json.executed_changes).toHaveLength(batches.reduce((n, b) => n + b.changes.length, 0));
    expect(json.executed_changes.every((c) => json.batch_ids.includes(c.batch))).toBe(true);
  }, 180_000);
});

/**
 * A 120-model demo fleet in a database of its own, seeded up to the current hour (the CLI runs on
 * the clock), and the in-process CLI's operator and models commands over it.
 */
async function demoOnTheClock(label: string, env: Record<string, string> = {}) {
  const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const t = await openTestDatabase(label);
  await seedDemoFleet(t.repos, { seed: 7, now, models: 120, days: 7, cadenceHours: 3 });
  await seedDemoCatalog(t.repos, now);
  const cli = inProcessCli(
    () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db, ...env }),
    [registerOperatorCommands, registerModelsCommands],
  );
  return { t, cli };
}

/** `text` matched literally in a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
