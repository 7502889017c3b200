import { describe, expect, inject, it } from "vitest";
import { registerBatchesCommands } from "../../src/cli/commands/batches.js";
import { revertAs } from "../../src/decisions/revert.js";
import { applyBatch } from "../../src/mutations/mutate.js";
import { principalFor } from "../../src/policy/principal.js";
import { inProcessCliOutcome } from "../helpers/cli.js";
import { openTestDatabase } from "../helpers/database.js";
import { executedBatch, openaiModel } from "../helpers/executed-batch.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const alice = principalFor("alice", "operator");

describe("batches show", () => {
  it("prints the batch as text, the stored document with --json, and refuses an unknown id", async () => {
    const t = await openTestDatabase("batches-show-cli");
    await t.repos.models.insertMany(["show-a", "show-b"].map((id) => openaiModel(id, NOW)));
    const batch = await executedBatch(t.repos, alice, "disable", ["show-a", "show-b"], NOW);
    const { revert } = await revertAs(t.repos, batch._id, alice, NOW);
    const run = inProcessCliOutcome(
      () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
      [registerBatchesCommands],
    );

    for (const id of [batch._id, revert._id]) {
      const stored = await t.repos.mutations.get(id);
      const json = await run("batches", "show", id, "--json");
      expect(json.exitCode).toBe(0);
      // Exactly what is stored, dates as JSON writes them: nothing added, nothing left out.
      expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(stored)));
    }

    const text = await run("batches", "show", batch._id);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(
      new RegExp(`^batch ${batch._id}: apply, applied \\(applied 2, failed 0\\)\\n`),
    );
    expect(text.stdout).toContain("by alice at 2026-11-20T12:00:00Z");
    expect(text.stdout).toContain(`reverted by: ${revert._id}`);
    expect(text.stdout).toMatch(/ {2}openai:show-a {2}applied\n {4}enabled: true → false\n/);
    expect(text.stdout).toContain("openai:show-b  applied");
    expect(text.stdout).toContain("changes (2):");
    // Reverted already: no undo offered for it; its revert offers its own.
    expect(text.stdout).not.toContain("undo:");

    const undo = await run("batches", "show", revert._id);
    expect(undo.stdout).toContain(`reverts: ${batch._id}`);
    expect(undo.stdout).toMatch(/ {4}enabled: false → true\n/);
    // What the disable added goes back to absent, once each.
    expect(undo.stdout).toMatch(/ {4}disabled_at: 2026-11-20T12:00:00.000Z → \(absent\)\n/);
    expect(undo.stdout.match(/disabled_at:/g)).toHaveLength(2);
    expect(undo.stdout).toContain(`\nundo: bench-operator batches revert ${revert._id} --reason "why"\n`);

    const missing = await run("batches", "show", "no-such-batch", "--json");
    expect(missing).toEqual({
      stdout: "",
      stderr:
        `error (not_found): No batch no-such-batch in database "${t.config.mongodb.db}". An id from an agent or ` +
        "another server is in that server's database: run this with its MONGODB_URI and MONGODB_DB. " +
        "`bench-operator batches list` lists this database's.\n",
      exitCode: 2,
    });
  });

  it("a revert tells which later batch changed a model since, not its bookkeeping field", async () => {
    const t = await openTestDatabase("batches-revert-kept-cli");
    await t.repos.models.insertMany(["kept-c", "kept-d"].map((id) => openaiModel(id, NOW)));
    const batch = await executedBatch(t.repos, alice, "disable", ["kept-c", "kept-d"], NOW);
    // A later batch changes kept-c in a field the disable did not set, and kept-d in one it did.
    const later = await applyBatch(
      t.repos,
      {
        actor: "bob",
        reason: "edit",
        changes: [
          { provider: "openai", model_id: "kept-c", set: { model_metadata: { temperature: false } } },
          { provider: "openai", model_id: "kept-d", set: { disabled_reason: "edited by bob" } },
        ],
      },
      NOW,
    );
    const run = inProcessCliOutcome(
      () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
      [registerBatchesCommands],
    );

    const out = await run("batches", "revert", batch._id, "--reason", "check");
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(
      `  openai:kept-c restored; changed since by ${later._id}, whose changes stay\n`,
    );
    expect(out.stdout).toContain(`  openai:kept-d kept (changed since by ${later._id}): disabled_reason\n`);
    expect(out.stdout).not.toContain("mutation_batch_id");
    // What was stored: the disable undone on both, bob's changes kept.
    const c = await t.repos.models.get({ provider: "openai", model_id: "kept-c" });
    const d = await t.repos.models.get({ provider: "openai", model_id: "kept-d" });
    expect([c?.enabled, c?.model_metadata]).toEqual([true, { temperature: false }]);
    expect([d?.enabled, d?.disabled_reason]).toEqual([true, "edited by bob"]);

    const revertId = /in (mb_\S+):/.exec(out.stdout)![1]!;
    const shown = await run("batches", "show", revertId);
    expect(shown.stdout).toContain(`    changed since by ${later._id}\n`);
    expect(shown.stdout).not.toContain("mutation_batch_id: kept");
  });
});
