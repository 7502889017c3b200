import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { AppError } from "../../errors.js";
import { budgetsInForce } from "../../policy/budgets.js";
import { parsePolicy } from "../../policy/policy.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";
import { cliPrincipal } from "../principal.js";
import { historyText, policyText } from "./policy-text.js";

export function registerPolicyCommands(program: Command, ctx: CliContext): void {
  const policy = program
    .command("policy")
    .description("The policy humans set: what runs on its own, what needs approval, caps, budgets.");

  policy
    .command("show")
    .description(
      "Print the policy in force, its version and the budgets in force (v0: the built-in default, until a version is stored).",
    )
    .option("--history", "list every stored version")
    .option("--json", "print JSON (the policy with `budgets_in_force`; with --history, the stored versions)")
    .action(async (opts: { history?: boolean; json?: boolean }) => {
      if (opts.history) {
        const versions = await ctx.withDatabase(({ repos }) => repos.policies.history());
        if (opts.json) return printJson(versions);
        process.stdout.write(`${historyText(versions)}\n`);
        return;
      }
      const { current, budgets } = await ctx.withDatabase(async ({ repos, config }) => {
        const current = await repos.policies.current();
        // What is enforced: the policy's budgets where it states them, else the environment's.
        return { current, budgets: budgetsInForce(current.policy, config) };
      });
      if (opts.json) return printJson({ ...current, budgets_in_force: budgets });
      process.stdout.write(`${policyText(current, budgets)}\n`);
    });

  policy
    .command("set")
    .description(
      "Store a new policy version from a JSON file (a human operator or admin only; every version is kept).",
    )
    .requiredOption("--file <path>", "policy JSON (see policy/default-policy.json)")
    .option("--note <text>", "why this change")
    .action(async (opts: { file: string; note?: string }) => {
      let text: string;
      try {
        text = readFileSync(opts.file, "utf8");
      } catch (e) {
        throw new AppError("invalid_input", `Cannot read ${opts.file}: ${(e as Error).message}`);
      }
      let parsed;
      try {
        parsed = parsePolicy(text);
      } catch (e) {
        throw new AppError("invalid_input", (e as Error).message);
      }
      const version = await ctx.withDatabase(({ repos }) =>
        repos.policies.set(parsed, cliPrincipal(ctx), new Date(), opts.note),
      );
      process.stdout.write(`policy version ${version} is in force\n`);
    });
}
