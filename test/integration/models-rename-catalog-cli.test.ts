import { describe, expect, it } from "vitest";
import { registerDiscoveryCommands } from "../../src/cli/commands/discovery.js";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { cliAgainstFakeCatalogs } from "../helpers/cli.js";

/**
 * Issue 17 (walk, item 1): `models rename` checks the new id against the provider's newest catalog
 * read (the fake catalog server's Cerebras list): refused without --force when a complete read
 * does not list it, a warning when no read can tell, silent when the catalog lists it.
 */
const cli = cliAgainstFakeCatalogs("models_rename_catalog", [
  registerModelsCommands,
  registerDiscoveryCommands,
]);

type Row = { model_id: string; renamed_from?: string };
type Check = { outcome: string; reason: string; read: { complete: boolean; model_count: number } | null };
const ids = async () =>
  (JSON.parse(await cli("models", "list", "--json")) as Row[]).map((r) => r.model_id).sort();

describe("models rename against the provider's catalog", () => {
  it(
    "warns without a read, refuses an unlisted id after a complete read unless --force, and says nothing for a listed one",
    { timeout: 60_000 },
    async () => {
      for (const id of ["old-a", "old-b", "old-c"])
        await cli("models", "add", "cerebras", id, "--reason", "measured");

      // No catalog read on record: it goes ahead, and says it could not check.
      const unchecked = await cli("models", "rename", "cerebras", "old-a", "new-a", "--reason", "r");
      expect(unchecked).toMatch(
        /^warning: could not check new-a against cerebras's catalog: no catalog read of cerebras on record\n/,
      );
      expect(unchecked).toContain("renamed cerebras:old-a to new-a");

      const fetched = JSON.parse(await cli("discovery", "fetch", "--provider", "cerebras", "--json")) as {
        run: { complete: boolean };
      }[];
      expect(fetched[0]?.run.complete).toBe(true);

      await expect(
        cli("models", "rename", "cerebras", "old-b", "qwen-3-32b-typo", "--reason", "r"),
      ).rejects.toThrow(
        /newest catalog read of cerebras \(.*complete, 9 models\) does not list qwen-3-32b-typo: check the id, or rename anyway with --force \(nothing was changed\)/,
      );
      expect(await ids()).toEqual(["new-a", "old-b", "old-c"]);

      const forced = JSON.parse(
        await cli(
          "models",
          "rename",
          "cerebras",
          "old-b",
          "qwen-3-32b-typo",
          "--reason",
          "r",
          "--force",
          "--json",
        ),
      ) as { catalog_check: Check; batch: { status: string } };
      expect(forced.catalog_check).toMatchObject({
        outcome: "not_listed",
        read: { complete: true, model_count: 9 },
      });
      expect(forced.batch.status).toBe("applied");
      const forcedText = await cli(
        "models",
        "rename",
        "cerebras",
        "qwen-3-32b-typo",
        "qwen-3-32b-typo2",
        "--reason",
        "r",
        "--force",
      );
      expect(forcedText).toMatch(
        /^warning: the newest catalog read of cerebras .* does not list qwen-3-32b-typo2 \(renamed anyway: --force\)\n/,
      );

      // A listed id (any case): no warning, and the JSON says so.
      const listed = await cli(
        "models",
        "rename",
        "cerebras",
        "old-c",
        "QWEN-3-32B",
        "--reason",
        "r",
        "--json",
      );
      expect((JSON.parse(listed) as { catalog_check: Check }).catalog_check.outcome).toBe("listed");
      expect(await ids()).toEqual(["QWEN-3-32B", "new-a", "qwen-3-32b-typo2"].sort());
    },
  );
});
