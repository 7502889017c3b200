import type { Command } from "commander";
import { runOperator } from "../../operator/run.js";
import { createOperatorLlmChain } from "../../providers/llm/index.js";
import type { CliContext } from "../context.js";
import { plainProgress, printJson, table } from "../output.js";
import { operatorProgressText, progressLine } from "../progress.js";

export function registerOperatorCommands(program: Command, ctx: CliContext): void {
  const operator = program
    .command("operator")
    .description("The operator engine: situations, one batched LLM decision, policy, execution.");

  operator
    .command("run")
    .description(
      "One operator run: catch up signals, decide, execute what the policy allows, leave the rest pending.",
    )
    .option("--dry-run", "compute everything and write nothing (the LLM is not called)")
    .option("--provider <provider>", "only this provider")
    .option("--json", "print JSON")
    .action(async (opts: { dryRun?: boolean; provider?: string; json?: boolean }) => {
      const progress = progressLine({
        label: "operator",
        enabled: opts.json !== true,
        stream: process.stderr,
        plain: plainProgress(ctx),
      });
      const result = await ctx
        .withDatabase(({ repos, config, logger }) =>
          runOperator(
            { repos, config, logger, chain: createOperatorLlmChain(config) },
            {
              dryRun: opts.dryRun === true,
              ...(opts.provider ? { provider: opts.provider } : {}),
              onProgress: (e) => progress.update(operatorProgressText(e)),
            },
          ),
        )
        .finally(() => progress.stop());
      if (opts.json) return printJson(result.run);
      const r = result.run;
      process.stdout.write(
        [
          `run ${r._id}${r.dry_run ? " (dry run: nothing written)" : ""}: ${r.outcome}, decided by ${r.decided_by}${r.fallback_reason ? ` (${r.fallback_reason})` : ""}, ${r.duration_ms} ms`,
          `LLM: ${r.llm.calls} calls, ${r.llm.input_tokens}+${r.llm.output_tokens} tokens, $${r.llm.cost_usd.toFixed(4)}`,
          `counts: ${Object.entries(r.counts)
            .map(([k, n]) => `${k}=${n}`)
            .join(" ")}`,
          ...r.provider_changes.map((c) => `provider ${c.provider}: ${c.from} -> ${c.to} (${c.reason})`),
          "",
          table(r.situations),
        ].join("\n") + "\n",
      );
    });
}
