import { describe, expect, it } from "vitest";
import { registerCatalogCommands } from "../../src/cli/commands/catalog.js";
import { registerDiscoveryCommands } from "../../src/cli/commands/discovery.js";
import { cliAgainstFakeCatalogs } from "../helpers/cli.js";
import { FAKE_API_KEY } from "../helpers/fake-catalog-server.js";

/** Runs one CLI command in-process and returns what it printed on stdout. */
const cli = cliAgainstFakeCatalogs("catalog_cli", [registerDiscoveryCommands, registerCatalogCommands]);

describe("discovery and catalog commands", () => {
  it("fetch reads every configured provider and reports skipped ones", { timeout: 90_000 }, async () => {
    const outcomes = JSON.parse(await cli("discovery", "fetch", "--json")) as Record<string, unknown>[];
    const byProvider = Object.fromEntries(outcomes.map((o) => [o["provider"], o]));
    expect(byProvider["bedrock"]).toMatchObject({ skipped: expect.stringMatching(/no AWS credentials/) });
    expect(byProvider["openrouter"]).toMatchObject({ run: { complete: true, accepted_count: 344 } });
    expect(byProvider["fireworks"]).toMatchObject({ run: { complete: true, pages: 1, accepted_count: 142 } });
    expect(JSON.stringify(outcomes)).not.toContain(FAKE_API_KEY);

    const report = await cli("discovery", "report");
    expect(report).toMatch(/openrouter\s+2026-|openrouter\s+\d{4}-/);
    expect(report).toMatch(/bedrock\s+never/);

    const diff = JSON.parse(await cli("discovery", "diff", "--provider", "openrouter", "--json")) as Record<
      string,
      unknown
    >[];
    expect(diff[0]).toMatchObject({ comparable: false, reason: "only one complete read on record" });
  });

  it("catalog search answers the question and prints a table with sources", async () => {
    const json = JSON.parse(
      await cli(
        "catalog",
        "search",
        "--reasoning",
        "--tools",
        "--max-output-price",
        "1",
        "--new-since",
        "2026-01-01",
        "--limit",
        "100",
        "--json",
      ),
    ) as { total: number; hits: { facts: { outputPricePerMillion: { value: number } | null } }[] };
    expect(json.total).toBeGreaterThan(0);
    expect(json.hits.every((h) => h.facts.outputPricePerMillion!.value <= 1)).toBe(true);

    const exact = JSON.parse(await cli("catalog", "search", "gpt-4o", "--json")) as {
      hits: { key: string; matchedOn: string }[];
    };
    expect(exact.hits.slice(0, 2).map((h) => h.matchedOn)).toEqual(["id-exact", "id-exact"]);

    const text = await cli("catalog", "search", "claude", "--provider", "anthropic", "--limit", "3");
    expect(text).toMatch(/^model\s+family\s+tools/m);
    expect(text).toMatch(/anthropic:claude-/);
    expect(text).toMatch(/next page: --offset 3/);
    expect(text).toMatch(/derived from the id/);

    const stats = await cli("catalog", "stats");
    expect(stats).toMatch(/openrouter\s+344/);

    // A provider never read (no AWS credentials here) is not an empty catalog: it says why it is empty.
    expect(await cli("catalog", "search", "llama", "--provider", "bedrock")).toMatch(
      /^\(no matches\): bedrock has no complete catalog read here, so its models are not in the catalog yet \(`discovery report` says why; `discovery fetch --provider bedrock` reads it once its key is set\)$/m,
    );
    // A read provider's empty answer is only that.
    expect(await cli("catalog", "search", "no-such-model-xyz", "--provider", "anthropic")).toMatch(
      /^\(no matches\)$/m,
    );
  });

  it("rejects bad input with a coded error", async () => {
    await expect(cli("catalog", "search", "--new-since", "not-a-date")).rejects.toThrow(
      /--new-since must be a date/,
    );
    await expect(cli("discovery", "fetch", "--provider", "nowhere")).rejects.toThrow(
      /No provider "nowhere" is read into the catalog/,
    );
    await expect(cli("catalog", "search", "--in-fleet", "--not-in-fleet")).rejects.toThrow(
      /exclude each other/,
    );
  });

  it("refuses an unknown --provider in every command that takes one, naming the known ones", async () => {
    for (const args of [
      ["catalog", "search", "claude", "--provider", "nowhere"],
      ["discovery", "diff", "--provider", "nowhere"],
      ["discovery", "absent", "--provider", "nowhere"],
    ]) {
      const refused = cli(...args);
      await expect(refused, args.join(" ")).rejects.toMatchObject({ code: "invalid_input" });
      await expect(refused, args.join(" ")).rejects.toThrow(
        /No provider "nowhere" is read into the catalog\. Its providers: anthropic, bedrock, cerebras/,
      );
    }
  });
});
