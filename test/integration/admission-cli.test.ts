import { describe, expect, it } from "vitest";
import { registerAdmissionCommands } from "../../src/cli/commands/admission.js";
import { registerDiscoveryCommands } from "../../src/cli/commands/discovery.js";
import { cliAgainstFakeCatalogs } from "../helpers/cli.js";

/** Runs one CLI command in-process and returns what it printed on stdout. */
const cli = cliAgainstFakeCatalogs("admission_cli", [registerDiscoveryCommands, registerAdmissionCommands]);

describe("bench-operator admission", () => {
  it(
    "run --dry-run writes nothing; run registers candidates; list shows them with their evidence",
    { timeout: 60_000 },
    async () => {
      await cli("discovery", "fetch", "--provider", "cerebras", "--json");
      const dry = JSON.parse(await cli("admission", "run", "--dry-run", "--json")) as {
        dryRun: boolean;
        newCandidates: unknown[];
        batches: string[];
      };
      expect(dry.dryRun).toBe(true);
      expect(dry.newCandidates).toHaveLength(9);
      expect(dry.batches).toEqual([]);
      expect(JSON.parse(await cli("admission", "list", "--json"))).toEqual([]);

      const text = await cli("admission", "run");
      expect(text).toMatch(/^9 new candidate\(s\)/);
      expect(text).toContain("+ candidate cerebras:gpt-oss-120b (provider_catalog)");
      const rows = JSON.parse(await cli("admission", "list", "--status", "probing", "--json")) as {
        model_id: string;
        evidence: { probes: number };
        next: { kind: string };
      }[];
      expect(rows).toHaveLength(9);
      expect(rows[0]).toMatchObject({ evidence: { probes: 0 }, next: { kind: "wait" } });
      expect(await cli("admission", "list")).toContain("cerebras:qwen-3-32b");
      await expect(cli("admission", "list", "--status", "nope")).rejects.toThrow(/--status must be one of/);
    },
  );
});
