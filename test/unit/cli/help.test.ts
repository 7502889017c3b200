import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { registerBatchesCommands } from "../../../src/cli/commands/batches.js";
import { registerCatalogCommands } from "../../../src/cli/commands/catalog.js";
import { registerDecisionsCommands } from "../../../src/cli/commands/decisions.js";
import { registerDemoCommands } from "../../../src/cli/commands/demo.js";
import { registerDiscoveryCommands } from "../../../src/cli/commands/discovery.js";
import { registerReportCommands } from "../../../src/cli/commands/report.js";
import { registerTokensCommands } from "../../../src/cli/commands/tokens.js";
import { registerJobsCommands } from "../../../src/cli/commands/jobs.js";
import { registerModelsCommands } from "../../../src/cli/commands/models.js";
import { registerPolicyCommands } from "../../../src/cli/commands/policy.js";
import { createCliContext } from "../../../src/cli/context.js";
import { markRequiredOptions } from "../../../src/cli/help.js";
import { allJobs } from "../../../src/jobs/index.js";

/**
 * What `--help` says, read from the commands as the binary registers them (no database is opened:
 * help never reaches an action): every option a command takes, numbers shown as numbers.
 */
function helpOf(...path: string[]): string {
  const program = markRequiredOptions(new Command("bench-operator"));
  const ctx = createCliContext({});
  for (const register of [
    registerBatchesCommands,
    registerCatalogCommands,
    registerDecisionsCommands,
    registerDiscoveryCommands,
    registerReportCommands,
    registerTokensCommands,
    registerDemoCommands,
    registerJobsCommands,
    registerModelsCommands,
    registerPolicyCommands,
  ])
    register(program, ctx);
  let command = program;
  for (const name of path) command = command.commands.find((c) => c.name() === name)!;
  // Commander adds the "after" texts when it prints help; outputHelp writes through this.
  let text = "";
  command.configureOutput({ writeOut: (s) => (text += s) });
  command.outputHelp();
  return text;
}

describe("--help", () => {
  it("of demo lists the options it takes, which are demo seed's", () => {
    const help = helpOf("demo");
    for (const option of [
      "--models <n>",
      "--days <n>",
      "--seed <n>",
      "--db <name>",
      "--manifest <path>",
      "--json",
    ])
      expect(help).toContain(option);
    expect(help).toMatch(/--models <n> +number of models \(default: 523\)/);
  });

  it("of jobs run names every job it can run", () => {
    const help = helpOf("jobs", "run");
    for (const job of allJobs)
      expect(help).toMatch(new RegExp(`^  ${job.name} +${job.description.slice(0, 20)}`, "m"));
  });

  it("shows numeric defaults as numbers", () => {
    expect(helpOf("jobs", "history")).toMatch(/--limit <n> +at most this many \(default: 30\)/);
    expect(helpOf("decisions", "list")).toMatch(/--limit <n> +at most this many \(default: 50\)/);
    expect(helpOf("batches", "list")).toMatch(/--limit <n> +at most this many \(default: 30\)/);
    const search = helpOf("catalog", "search");
    expect(search).toMatch(/--limit <n> +results per page \(at most 100\) \(default: 20\)/);
    expect(search).toMatch(/--offset <n> +skip this many results \(default: 0\)/);
    expect(helpOf("report", "health")).toMatch(/--days <n> +window in days \(at most 90\) \(default: 7\)/);
    expect(helpOf("discovery", "absent")).toMatch(/--reads <n> +how many complete reads \(default: 3\)/);
    for (const path of [
      ["decisions", "list"],
      ["batches", "list"],
      ["catalog", "search"],
      ["demo", "seed"],
    ])
      expect(helpOf(...path)).not.toMatch(/default: "\d/);
  });

  it("marks the options a command cannot run without as required, and only those", () => {
    expect(helpOf("decisions", "reject")).toMatch(
      /--reason <text> +why \(stored with the decision\) \(required\)/,
    );
    expect(helpOf("models", "disable")).toMatch(
      /--reason <text> +why \(stored with the decision and the batch\)\s+\(required\)/,
    );
    expect(helpOf("tokens", "create")).toMatch(/--name <name> .*\(required\)/);
    expect(helpOf("discovery", "absent")).toMatch(
      /--provider <id> +the provider whose fleet[^(]*\([^)]*\)\s+\(required\)/,
    );
    // Needed only with --model, which its description says; not required.
    expect(helpOf("batches", "revert")).not.toContain("(required)");
    expect(helpOf("decisions", "list")).not.toContain("(required)");
  });

  it("of models add offers --json; of policy show says what --json prints", () => {
    expect(helpOf("models", "add")).toMatch(/--json +print JSON/);
    const policy = helpOf("policy", "show");
    expect(policy).not.toContain("(the default)");
    expect(policy).toMatch(/--json +print JSON \(the policy with `budgets_in_force`/);
  });
});
