import { describe, expect, inject, it } from "vitest";
import { registerBatchesCommands } from "../../src/cli/commands/batches.js";
import { registerDecisionsCommands } from "../../src/cli/commands/decisions.js";
import { inProcessCliOutcome } from "../helpers/cli.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * A person handed a decision or batch id by an agent runs the CLI, perhaps with other database
 * settings than the server the agent uses: an id found nowhere is answered with the database
 * looked in and how to point the command at the server's.
 */
describe("an id the CLI's database does not hold", () => {
  it("decisions show / approve / reject and batches revert name the database they looked in", async () => {
    const t = await openTestDatabase("cli-unknown-id");
    const db = t.config.mongodb.db;
    const run = inProcessCliOutcome(
      () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: db }),
      [registerDecisionsCommands, registerBatchesCommands],
    );
    const decision = "dec_0123456789abcdef";
    for (const args of [
      ["decisions", "show", decision],
      ["decisions", "approve", decision],
      ["decisions", "reject", decision, "--reason", "not ours"],
    ]) {
      const r = await run(...args);
      expect(r.exitCode, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toBe(
        `error (not_found): No decision ${decision} in database "${db}". An id from an agent or another server is ` +
          "in that server's database: run this with its MONGODB_URI and MONGODB_DB. " +
          "`bench-operator decisions list` lists this database's.\n",
      );
    }
    const revert = await run("batches", "revert", "mb_0123456789abcdef");
    expect(revert.exitCode).toBe(2);
    expect(revert.stderr).toContain(`No batch mb_0123456789abcdef in database "${db}".`);
  });
});
