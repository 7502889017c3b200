import type { Command } from "commander";
import type { CliContext } from "../context.js";

export type RegisterGroup = (program: Command, ctx: CliContext) => void;

export interface CommandGroup {
  /** The top-level command the group registers (`bench-operator <name> ...`). */
  name: string;
  /** One line for the top-level `--help`; the group's own help says the rest. */
  summary: string;
  /**
   * Imported only when this command runs or its help is asked for: importing every group costs
   * over a second (the AWS SDK, nodemailer, the tokenizer), more than `--help` may take.
   */
  load: () => Promise<RegisterGroup>;
}

/**
 * Every command group, in the order `--help` lists them: the top-level help and the dispatch in
 * main.ts are both built from this table. Add one line per new group.
 */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    name: "overview",
    summary: "The fleet at a glance: providers, successes, errors (24 h).",
    load: async () => (await import("./overview.js")).registerOverviewCommands,
  },
  {
    name: "models",
    summary: "The benchmarked models; every change is an audited batch.",
    load: async () => (await import("./models.js")).registerModelsCommands,
  },
  {
    name: "signals",
    summary: "Per-model signals: last success, failure streak, errors.",
    load: async () => (await import("./signals.js")).registerSignalsCommands,
  },
  {
    name: "errors",
    summary: "Classify provider error messages (offline).",
    load: async () => (await import("./errors.js")).registerErrorsCommands,
  },
  {
    name: "situations",
    summary: "Groups of failing models that share a cause, and the fix.",
    load: async () => (await import("./situations.js")).registerSituationsCommands,
  },
  {
    name: "operator",
    summary: "One operator run: situations, LLM decision, policy, execution.",
    load: async () => (await import("./operator.js")).registerOperatorCommands,
  },
  {
    name: "decisions",
    summary: "What was proposed, by whom, and what became of it.",
    load: async () => (await import("./decisions.js")).registerDecisionsCommands,
  },
  {
    name: "batches",
    summary: "Mutation batches: the audit trail of fleet changes, and undo.",
    load: async () => (await import("./batches.js")).registerBatchesCommands,
  },
  {
    name: "policy",
    summary: "The policy humans set: what runs alone, what needs approval.",
    load: async () => (await import("./policy.js")).registerPolicyCommands,
  },
  {
    name: "benchmark",
    summary: "Measure the models that are due, or list what is due and why.",
    load: async () => (await import("./benchmark.js")).registerBenchmarkCommands,
  },
  {
    name: "costs",
    summary: "Benchmark spend by provider, model or day; the operator's LLM spend today; budgets left.",
    load: async () => (await import("./benchmark.js")).registerBenchmarkCommands,
  },
  {
    name: "discovery",
    summary: "Read provider and OpenRouter model lists into the catalog.",
    load: async () => (await import("./discovery.js")).registerDiscoveryCommands,
  },
  {
    name: "catalog",
    summary: "Search the model catalog: capabilities and prices.",
    load: async () => (await import("./catalog.js")).registerCatalogCommands,
  },
  {
    name: "admission",
    summary: "Admit models by probing, retire them on evidence.",
    load: async () => (await import("./admission.js")).registerAdmissionCommands,
  },
  {
    name: "jobs",
    summary: "Scheduled jobs: what runs when, run one now, run history.",
    load: async () => (await import("./jobs.js")).registerJobsCommands,
  },
  {
    name: "invariants",
    summary: "Check what must always hold, against immutable snapshots.",
    load: async () => (await import("./invariants.js")).registerInvariantsCommands,
  },
  {
    name: "report",
    summary: "The daily health report: email it, or print it (--dry-run).",
    load: async () => (await import("./report.js")).registerReportCommands,
  },
  {
    name: "health",
    summary: "Liveness for container checks: exit 0 healthy, 1 not.",
    load: async () => (await import("./health.js")).registerHealthCommands,
  },
  {
    name: "mcp",
    summary: "Serve the MCP tools over stdio for a local client.",
    load: async () => (await import("./mcp.js")).registerMcpCommands,
  },
  {
    name: "db",
    summary: "The embedded database: build its FerretDB launcher ahead of time.",
    load: async () => (await import("./db.js")).registerDbCommands,
  },
  {
    name: "console",
    summary: "The web console for people: review, approve, revert, the fleet.",
    load: async () => (await import("./console.js")).registerConsoleCommands,
  },
  {
    name: "serve",
    summary: "Run the scheduled jobs and serve MCP over HTTP, with /healthz.",
    load: async () => (await import("./serve.js")).registerServeCommands,
  },
  {
    name: "runner",
    summary: "Remote runner: measure one provider here, post to a server.",
    load: async () => (await import("./runner.js")).registerRunnerCommands,
  },
  {
    name: "tokens",
    summary: "Bearer tokens for `serve`: each maps to a principal and role.",
    load: async () => (await import("./tokens.js")).registerTokensCommands,
  },
  {
    name: "demo",
    summary: "A synthetic fleet with known ground truth to try things on.",
    load: async () => (await import("./demo.js")).registerDemoCommands,
  },
  {
    name: "config",
    summary: "Inspect the configuration: every setting, effective values.",
    load: async () => (await import("./config.js")).registerConfigCommands,
  },
];

export function commandGroup(name: string): CommandGroup | undefined {
  return COMMAND_GROUPS.find((g) => g.name === name);
}
