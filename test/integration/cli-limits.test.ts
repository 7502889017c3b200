import { describe, expect, it } from "vitest";
import { registerBatchesCommands } from "../../src/cli/commands/batches.js";
import { registerDecisionsCommands } from "../../src/cli/commands/decisions.js";
import { registerJobsCommands } from "../../src/cli/commands/jobs.js";
import { cliAgainstFakeCatalogs } from "../helpers/cli.js";

/** Runs one CLI command in-process and returns what it printed on stdout. */
const cli = cliAgainstFakeCatalogs("cli_limits", [
  registerBatchesCommands,
  registerDecisionsCommands,
  registerJobsCommands,
]);

describe("a list command's --limit", () => {
  it("refuses what is not a whole number from 1, naming the flag, where it was once called a lost database", async () => {
    for (const args of [
      ["decisions", "list"],
      ["batches", "list"],
      ["jobs", "history"],
    ]) {
      for (const bad of ["abc", "0", "-1", "2.5"]) {
        const failed = await cli(...args, "--limit", bad).then(
          () => null,
          (e: unknown) => e as { code?: string; message: string },
        );
        expect(failed, `${args.join(" ")} --limit ${bad}`).toMatchObject({ code: "invalid_input" });
        expect(failed!.message).toMatch(/--limit must be a whole number from 1/);
      }
      expect(await cli(...args, "--limit", "3", "--json")).toBe("[]\n");
    }
  });
});
