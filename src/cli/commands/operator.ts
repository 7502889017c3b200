import type { Command } from "commander";
import { runOperator } from "../../operator/run.js";
import { createOperatorLlmChain } from "../../providers/llm/index.js";
import { AppError } from "../../errors.js";
import type { ChosenVerdict, ModelProposal } from "../../operator/expand.js";
import type { CliContext } from "../context.js";
import { fleetProviderOption } from "../options.js";
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
    .option(
      "--ask-llm",
      "with --dry-run: ask the LLM once and show its verdicts; the call is charged and recorded in the spend ledger, nothing else is written",
    )
    .option("--provider <provider>", "only this provider")
    .option("--json", "print JSON")
    .action(async (opts: { dryRun?: boolean; askLlm?: boolean; provider?: string; json?: boolean }) => {
      if (opts.askLlm && !opts.dryRun) throw new AppError("invalid_input", "--ask-llm needs --dry-run");
      const progress = progressLine({
        label: "operator",
        enabled: opts.json !== true,
        stream: process.stderr,
        plain: plainProgress(ctx),
      });
      const result = await ctx
        .withDatabase(async ({ repos, config, logger }) => {
          const provider = await fleetProviderOption(repos, opts.provider);
          return runOperator(
            { repos, config, logger, chain: createOperatorLlmChain(config) },
            {
              dryRun: opts.dryRun === true,
              askLlm: opts.askLlm === true,
              ...(provider ? { provider } : {}),
              onProgress: (e) => progress.update(operatorProgressText(e)),
            },
          );
        })
        .finally(() => progress.stop());
      if (opts.json) return printJson({ ...result.run, llm_verdicts: llmVerdicts(result.verdicts) });
      const r = result.run;
      process.stdout.write(
        [
          `run ${r._id}${r.dry_run ? " (dry run: nothing written)" : ""}: ${r.outcome}, decided by ${r.decided_by}${r.fallback_reason ? ` (${r.fallback_reason})` : ""}, ${r.duration_ms} ms`,
          `LLM: ${r.llm.calls} calls, ${r.llm.input_tokens}+${r.llm.output_tokens} tokens, $${r.llm.cost_usd.toFixed(4)}`,
          `counts: ${Object.entries(r.counts)
            .map(([k, n]) => `${k}=${n}`)
            .join(" ")}`,
          ...r.provider_changes.map((c) => `provider ${c.provider}: ${c.from} -> ${c.to} (${c.reason})`),
          ...(r.dry_run ? [`LLM chain: ${chainText(ctx)}`, ...modelChanges(result.proposals)] : []),
          ...llmVerdicts(result.verdicts).map(
            (v) => `LLM ${v.model} on ${v.situation_id}: ${v.action} (${v.confidence}) ${v.reasoning}`,
          ),
          "",
          table(r.situations),
        ].join("\n") + "\n",
      );
    });
}

/**
 * What a dry run would change beyond the situations table's action: a rename's new id and a settings
 * change's values are per model, so each is named.
 */
function modelChanges(proposals: readonly ModelProposal[]): string[] {
  return proposals.flatMap((p) => {
    const key = `${p.provider}:${p.model_id}`;
    if (p.action === "rename" && p.successor) return [`would rename ${key} -> ${p.successor.to}`];
    if (p.action === "set_settings" && p.settings)
      return [`would set settings of ${key}: ${JSON.stringify(p.settings.settings)}`];
    return [];
  });
}

/** The LLM's verdicts, fresh or cached, as the output shows them (reasoning is the LLM's text). */
function llmVerdicts(verdicts: Map<string, ChosenVerdict>) {
  return [...verdicts.entries()]
    .filter(([, v]) => v.source === "llm")
    .map(([id, v]) => ({
      situation_id: id,
      model: v.model ?? "llm",
      action: v.verdict.action,
      confidence: v.verdict.confidence,
      reasoning: v.verdict.reasoning.replace(/\s+/g, " ").slice(0, 200),
    }));
}

function chainText(ctx: CliContext): string {
  const op = ctx.config().operator;
  const chain = op.llm.map((l) => `${l.backend}:${l.model}`).join(", ") || "none";
  return `${chain} (${op.llmChosenBy ?? "OPERATOR_LLM"})`;
}
