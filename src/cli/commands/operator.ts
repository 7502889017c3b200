import type { Command } from "commander";
import { runOperator } from "../../operator/run.js";
import { createOperatorLlmChain } from "../../providers/llm/index.js";
import { AppError } from "../../errors.js";
import { ACTION_CLASS, type PolicyAction } from "../../policy/evaluate.js";
import type { ChosenVerdict, ModelProposal } from "../../operator/expand.js";
import { renameTarget, type DecisionDoc } from "../../storage/decisions-repository.js";
import type { OperatorRunDoc } from "../../storage/operator-state-repository.js";
import type { Repositories } from "../../storage/repositories.js";
import type { CliContext } from "../context.js";
import { fleetProviderOption } from "../provider-option.js";
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
      const { result, outcome } = await ctx
        .withDatabase(async ({ repos, config, logger }) => {
          const provider = await fleetProviderOption(repos, opts.provider);
          const result = await runOperator(
            { repos, config, logger, chain: createOperatorLlmChain(config) },
            {
              dryRun: opts.dryRun === true,
              askLlm: opts.askLlm === true,
              ...(provider ? { provider } : {}),
              onProgress: (e) => progress.update(operatorProgressText(e)),
            },
          );
          return { result, outcome: await runOutcome(repos, result.run) };
        })
        .finally(() => progress.stop());
      if (opts.json)
        return printJson({
          ...result.run,
          llm_verdicts: llmVerdicts(result.verdicts),
          executed_changes: outcome.executed,
          pending_decisions: outcome.pending,
          pending_decisions_in_all: outcome.pendingInAll,
        });
      const r = result.run;
      process.stdout.write(
        [
          `run ${r._id}${r.dry_run ? " (dry run: nothing written)" : ""}: ${r.outcome}, decided by ${r.decided_by}${r.fallback_reason ? ` (${r.fallback_reason}${askHint(ctx, r, opts.askLlm)})` : ""}, ${r.duration_ms} ms`,
          `LLM: ${r.llm.calls} calls, ${r.llm.input_tokens}+${r.llm.output_tokens} tokens, $${r.llm.cost_usd.toFixed(4)}`,
          `counts: ${Object.entries(r.counts)
            .map(([k, n]) => `${k}=${n}`)
            .join(" ")}`,
          ...r.provider_changes.map((c) => `provider ${c.provider}: ${c.from} -> ${c.to} (${c.reason})`),
          ...(r.dry_run
            ? [`LLM chain: ${chainText(ctx)}`, ...modelChanges(result.proposals, result.alreadyOpen)]
            : []),
          ...llmVerdicts(result.verdicts).map(
            (v) => `LLM ${v.model} on ${v.situation_id}: ${v.action} (${v.confidence}) ${v.reasoning}`,
          ),
          ...(r.dry_run ? [] : outcomeLines(outcome)),
          "",
          table(situationRows(r.situations, result.proposals)),
        ].join("\n") + "\n",
      );
    });
}

/** How many executed changes and pending decisions the text shows; the rest are counted and pointed to. */
const SHOWN = 20;

/** One model's change a batch of the run made. */
interface ExecutedChange {
  action: string;
  model: string;
  batch: string;
  /** Failed changes say why; applied ones are the rest. */
  status: string;
}

/** A decision the run recorded that waits for a person. */
interface PendingDecision {
  id: string;
  action: PolicyAction;
  model: string;
}

/**
 * What the run changed (each model's change in its batches) and which of its decisions still wait
 * for a person, read back from what it stored: the counts alone gave a newcomer no id to approve.
 */
async function runOutcome(
  repos: Repositories,
  run: OperatorRunDoc,
): Promise<{ executed: ExecutedChange[]; pending: PendingDecision[]; pendingInAll: number }> {
  if (run.dry_run) return { executed: [], pending: [], pendingInAll: 0 };
  const batches = await repos.mutations.getMany(run.batch_ids);
  const batchDecisions = await repos.decisions.getMany(batches.flatMap((b) => b.decision_ids));
  const executed = batches.flatMap((b) =>
    b.changes.map((c) => {
      const d = batchDecisions.find(
        (x) =>
          b.decision_ids.includes(x._id) &&
          x.targets.some((t) => t.provider === c.provider && t.model_id === c.model_id),
      );
      return {
        action: d?.action ?? "?",
        model: modelText(c.provider, c.model_id, d),
        batch: b._id,
        status: c.status === "failed" ? `failed: ${c.error ?? "?"}` : c.status,
      };
    }),
  );
  const pending = (await repos.decisions.getMany(run.decision_ids))
    .filter((d) => d.status === "pending")
    .map((d) => ({
      id: d._id,
      action: d.action,
      model: d.targets.map((t) => modelText(t.provider, t.model_id, d)).join(", "),
    }))
    .sort(
      (a, b) =>
        classRank(a.action) - classRank(b.action) ||
        a.action.localeCompare(b.action) ||
        a.model.localeCompare(b.model),
    );
  // The run's own pending decisions are new ones: those of earlier runs that still wait are counted too.
  return { executed, pending, pendingInAll: await repos.decisions.count({ status: "pending" }) };
}

/**
 * Pending decisions only a person can carry out (authority-gated: a rename, an enable) come first,
 * so a bounded list still names them when many disables wait beside them.
 */
function classRank(action: PolicyAction): number {
  return ["authority_gated", "reversible", "evidence_gated", "safe"].indexOf(ACTION_CLASS[action]);
}

/** A model as the lists show it; a rename names where it moves. */
function modelText(provider: string, modelId: string, d?: DecisionDoc): string {
  const to = d ? renameTarget(d) : null;
  return `${provider}:${modelId}${to !== null ? ` -> ${to}` : ""}`;
}

/** The executed changes and the pending decisions, each bounded to `SHOWN` rows and a pointer to the rest. */
function outcomeLines(o: {
  executed: ExecutedChange[];
  pending: PendingDecision[];
  pendingInAll: number;
}): string[] {
  const more = (n: number, where: string): string[] => (n > SHOWN ? [`and ${n - SHOWN} more: ${where}`] : []);
  return [
    "",
    `executed: ${o.executed.length} change(s)${o.executed.length ? " (undo one batch: bench-operator batches revert <batch>)" : ""}`,
    ...(o.executed.length ? [table(o.executed.slice(0, SHOWN).map((r) => ({ ...r })))] : []),
    ...more(o.executed.length, "bench-operator decisions list --status executed"),
    "",
    `waiting for a person: ${o.pending.length} new decision(s) from this run${o.pending.length ? " (bench-operator decisions show|approve <id>; reject <id> --reason)" : ""}; ${o.pendingInAll} in all${o.pendingInAll > o.pending.length ? " (bench-operator decisions list --status pending)" : ""}`,
    ...(o.pending.length ? [table(o.pending.slice(0, SHOWN).map((r) => ({ ...r })))] : []),
    ...more(o.pending.length, "bench-operator decisions list --status pending"),
  ];
}

/**
 * The run's situations, with what each one's models get when that is not all the situation's action:
 * a rename or a settings change decided per model ("2 rename, 1 disable"), so that a situation
 * whose models are renamed is not read as one whose models are disabled.
 */
function situationRows(
  situations: OperatorRunDoc["situations"],
  proposals: readonly ModelProposal[],
): Array<OperatorRunDoc["situations"][number] & { per_model: string }> {
  return situations.map((s) => {
    const counts = new Map<string, number>();
    for (const p of proposals)
      if (p.situation.id === s.id) counts.set(p.action, (counts.get(p.action) ?? 0) + 1);
    const mixed = [...counts.keys()].some((a) => a !== s.action);
    const perModel = mixed
      ? [...counts.entries()]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([action, n]) => `${n} ${action}`)
          .join(", ")
      : "";
    return { ...s, per_model: perModel };
  });
}

/**
 * What a dry run would change beyond the situations table's action: a rename's new id and a settings
 * change's values are per model, so each is named.
 */
function modelChanges(proposals: readonly ModelProposal[], open: readonly ModelProposal[]): string[] {
  return proposals.flatMap((p) => {
    const key = `${p.provider}:${p.model_id}`;
    // Already waiting as a decision: the run proposes it no more.
    const would = open.includes(p) ? "already proposed (decisions list --status pending):" : "would";
    if (p.action === "rename" && p.successor) return [`${would} rename ${key} -> ${p.successor.to}`];
    if (p.action === "set_settings" && p.settings)
      return [`${would} set settings of ${key}: ${JSON.stringify(p.settings.settings)}`];
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

/** After a dry run's "the LLM is not called", how to see what it would decide, when one is configured. */
function askHint(ctx: CliContext, r: { dry_run: boolean }, askLlm: boolean | undefined): string {
  if (!r.dry_run || askLlm === true || ctx.config().operator.llm.length === 0) return "";
  return "; --ask-llm asks it once, charged to the operator's daily budget";
}
