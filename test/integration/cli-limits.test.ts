import { describe, expect, it } from "vitest";
import { registerBatchesCommands } from "../../src/cli/commands/batches.js";
import { registerCatalogCommands } from "../../src/cli/commands/catalog.js";
import { registerDecisionsCommands } from "../../src/cli/commands/decisions.js";
import { registerDemoCommands } from "../../src/cli/commands/demo.js";
import { registerDiscoveryCommands } from "../../src/cli/commands/discovery.js";
import { registerJobsCommands } from "../../src/cli/commands/jobs.js";
import { registerReportCommands } from "../../src/cli/commands/report.js";
import { createCliContext } from "../../src/cli/context.js";
import { principalFor } from "../../src/policy/principal.js";
import { fakeCatalogsEnv, inProcessCli, inProcessCliOutcome } from "../helpers/cli.js";
import { executedBatch, openaiModel } from "../helpers/executed-batch.js";

const groups = [
  registerBatchesCommands,
  registerCatalogCommands,
  registerDecisionsCommands,
  registerDemoCommands,
  registerDiscoveryCommands,
  registerJobsCommands,
  registerReportCommands,
];
const env = fakeCatalogsEnv("cli_limits");
/** What one command printed on stdout (a failure rejects). */
const cli = inProcessCli(env, groups);
/** What one command line did: stdout, stderr and exit code, as the binary ends. */
const run = inProcessCliOutcome(env, groups);

/** Every numeric option of these commands, with what each must refuse. */
const NUMERIC: { args: string[]; flag: string; bad: string[]; range: RegExp }[] = [
  { args: ["decisions", "list"], flag: "--limit", bad: ["abc", "0", "-3", "2.5"], range: /from 1 to 10000/ },
  { args: ["batches", "list"], flag: "--limit", bad: ["abc", "0", "-3"], range: /from 1 to 10000/ },
  { args: ["jobs", "history"], flag: "--limit", bad: ["abc", "0", "-3"], range: /from 1 to 10000/ },
  { args: ["catalog", "search"], flag: "--limit", bad: ["abc", "0", "101"], range: /from 1 to 100;/ },
  { args: ["catalog", "search"], flag: "--offset", bad: ["abc", "-1", "1.5"], range: /from 0 to / },
  { args: ["catalog", "search"], flag: "--min-context", bad: ["lots", "-1"], range: /from 0 to / },
  {
    args: ["catalog", "search"],
    flag: "--max-input-price",
    bad: ["cheap", "-1", ""],
    range: /a number from 0/,
  },
  {
    args: ["report", "health", "--dry-run"],
    flag: "--days",
    bad: ["abc", "0", "91"],
    range: /from 1 to 90;/,
  },
  {
    args: ["discovery", "absent", "--provider", "openrouter"],
    flag: "--reads",
    bad: ["abc", "0", "-3"],
    range: /from 1 to 10000/,
  },
  { args: ["demo", "seed"], flag: "--models", bad: ["abc", "10", "-3"], range: /from 44 to 100000/ },
  { args: ["demo", "seed"], flag: "--cadence-hours", bad: ["0", "25", "x"], range: /above 0 up to 24/ },
];

describe("a numeric option", () => {
  it("refuses what is out of its range with exit code 2 and a message naming it, before anything runs", async () => {
    for (const { args, flag, bad, range } of NUMERIC)
      for (const value of bad) {
        const out = await run(...args, flag, value);
        const line = `${args.join(" ")} ${flag} ${JSON.stringify(value)}`;
        expect(out.exitCode, line).toBe(2);
        expect(out.stdout, line).toBe("");
        expect(out.stderr, line).toMatch(new RegExp(`^error \\(invalid_input\\): ${flag} must be a `));
        expect(out.stderr, line).toMatch(range);
        expect(out.stderr, line).toContain(`got "${value}"`);
      }
  });

  it("takes effect when it is valid: the lists hold that many, the search that page, the report that window", async () => {
    // Three decisions executed in one batch, then one more in a second batch.
    await createCliContext(env()).withDatabase(async ({ repos }) => {
      const now = new Date();
      const alice = principalFor("alice", "operator");
      await repos.models.insertMany(["a", "b", "c", "d"].map((id) => openaiModel(id, now)));
      await executedBatch(repos, alice, "disable", ["a", "b", "c"], now);
      await executedBatch(repos, alice, "disable", ["d"], now);
    });
    expect(JSON.parse(await cli("decisions", "list", "--json"))).toHaveLength(4);
    expect(JSON.parse(await cli("decisions", "list", "--limit", "2", "--json"))).toHaveLength(2);
    // The text says when it was cut, and says nothing when it was not.
    expect(await cli("decisions", "list", "--limit", "2")).toMatch(
      /\nshowing the newest 2 of 4; --limit 4 shows them all\n$/,
    );
    expect(await cli("decisions", "list")).not.toMatch(/showing the newest/);
    expect(JSON.parse(await cli("batches", "list", "--json"))).toHaveLength(2);
    expect(JSON.parse(await cli("batches", "list", "--limit", "1", "--json"))).toHaveLength(1);
    expect(await cli("jobs", "history", "--limit", "3", "--json")).toBe("[]\n");

    const report = await run("report", "health", "--dry-run", "--no-assessment", "--days", "3");
    expect(report.exitCode).toBe(0);
    expect(report.stdout).toMatch(/health report, .* \(last 3 days\)/);

    await cli("discovery", "fetch", "--provider", "openrouter", "--json");
    const page = JSON.parse(
      await cli("catalog", "search", "gpt", "--limit", "3", "--offset", "2", "--json"),
    ) as {
      offset: number;
      limit: number;
      hits: unknown[];
    };
    expect(page).toMatchObject({ offset: 2, limit: 3 });
    expect(page.hits).toHaveLength(3);
    // One complete read: enough for --reads 1, not for the default 3.
    const absent = (reads: string[]) =>
      cli("discovery", "absent", "--provider", "openrouter", ...reads, "--json").then(
        (text) => JSON.parse(text) as { evaluable: boolean },
      );
    expect(await absent(["--reads", "1"])).toMatchObject({ evaluable: true });
    expect(await absent([])).toMatchObject({ evaluable: false });
  });
});

describe("a command line that cannot run", () => {
  it("exits 2, as every refusal does, with commander's message naming what is wrong", async () => {
    const cases: [string[], RegExp][] = [
      [["decisions", "reject", "dec_0123456789abcdef"], /required option '--reason <text>' not specified/],
      [["decisions", "list", "--limt", "3"], /unknown option '--limt'/],
      [["decisions", "show"], /missing required argument 'id'/],
    ];
    for (const [args, message] of cases) {
      const out = await run(...args);
      expect(out.exitCode, args.join(" ")).toBe(2);
      expect(out.stderr, args.join(" ")).toMatch(message);
    }
  });
});
