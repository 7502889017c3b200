import type { Command } from "commander";
import { listGuessLoops, type GuessLoopRow, type GuessLoopState } from "../../admission/guesses.js";
import { listCandidates } from "../../admission/list.js";
import { runAdmissionPass } from "../../admission/service.js";
import { AppError } from "../../errors.js";
import { createOperatorLlmChain } from "../../providers/llm/index.js";
import type { ModelAdmissionStatus } from "../../storage/documents.js";
import type { CliContext } from "../context.js";
import { printJson, table } from "../output.js";

const STATUSES: ModelAdmissionStatus[] = ["probing", "probation", "rejected"];

export function registerAdmissionCommands(program: Command, ctx: CliContext): void {
  const admission = program
    .command("admission")
    .description("Admission by probing, retirement on evidence and catalog matching (one pass of the job).");

  admission
    .command("run")
    .description(
      "Run one admission pass now: judge candidates, recheck rejected ones, register new ones, propose deprecations, match the catalog.",
    )
    .option("--dry-run", "report what the pass would do; write nothing and make no LLM call")
    .option("--json", "print JSON")
    .action(async (opts: { dryRun?: boolean; json?: boolean }) => {
      const report = await ctx.withDatabase(async ({ repos, config, logger }) =>
        runAdmissionPass(
          { repos, config, logger, clock: () => new Date() },
          {
            runId: `cli-${Date.now().toString(36)}`,
            chain: opts.dryRun ? [] : createOperatorLlmChain(config),
            dryRun: opts.dryRun === true,
          },
        ),
      );
      if (opts.json) return printJson(report);
      const lines = [
        report.summary,
        ...report.newCandidates.map((c) => `  + candidate ${c.provider}:${c.model_id} (${c.source})`),
        ...report.promotions.map((p) => `  ^ promote ${p.provider}:${p.model_id}: ${p.status} (${p.reason})`),
        ...report.rejections.map((r) => `  x reject ${r.provider}:${r.model_id}: ${r.kind} (${r.reason})`),
        ...report.rechecks.map((r) => `  ~ back to probing ${r.provider}:${r.model_id}`),
        ...report.retirements.map((r) => `  - deprecate ${r.provider}:${r.model_id}: ${r.status}`),
        ...report.notEvaluable.map((n) => `  ? ${n.provider}: retirement not evaluable (${n.reason})`),
        ...report.problems.slice(0, 10).map((p) => `  ! ${p}`),
        report.batches.length > 0 ? `batches: ${report.batches.join(", ")}` : "",
      ];
      process.stdout.write(lines.filter((l) => l !== "").join("\n") + "\n");
    });

  admission
    .command("list")
    .description("Candidates (probing, probation, rejected) with their probe evidence and what happens next.")
    .option("--status <status>", `only this status (${STATUSES.join(", ")})`)
    .option("--json", "print JSON")
    .action(async (opts: { status?: string; json?: boolean }) => {
      if (opts.status !== undefined && !STATUSES.includes(opts.status as ModelAdmissionStatus))
        throw new AppError("invalid_input", `--status must be one of ${STATUSES.join(", ")}`);
      const rows = await ctx.withDatabase(({ repos, config, logger }) =>
        listCandidates(
          { repos, config, logger, clock: () => new Date() },
          { status: opts.status as ModelAdmissionStatus | undefined },
        ),
      );
      if (opts.json) return printJson(rows);
      process.stdout.write(
        table(
          rows.map((r) => ({
            model: `${r.provider}:${r.model_id}`,
            status: r.status,
            since: r.admission_started_at,
            probes: r.evidence.probes,
            ok_windows: r.evidence.successWindows,
            definitive: r.evidence.definitiveFailures,
            last_probe: r.evidence.lastProbeAt,
            next: r.next
              ? r.next.kind
              : r.status === "rejected"
                ? `recheck ${r.recheck_after?.toISOString().slice(0, 10) ?? "never"}`
                : "",
            decision: r.open_decision ? `${r.open_decision.id} ${r.open_decision.status}` : "",
          })),
        ) + "\n",
      );
    });

  admission
    .command("guesses")
    .description(
      "The id-guess loop: each OpenRouter entry the LLM matcher guessed a direct-provider id for, every guess, what its probe answered, and where the loop stands.",
    )
    .option("--state <state>", `only entries in this state (${GUESS_STATES.join(", ")})`)
    .option("--json", "print JSON")
    .action(async (opts: { state?: string; json?: boolean }) => {
      if (opts.state !== undefined && !GUESS_STATES.includes(opts.state as GuessLoopState))
        throw new AppError("invalid_input", `--state must be one of ${GUESS_STATES.join(", ")}`);
      const rows = (await ctx.withDatabase(({ repos }) => listGuessLoops(repos))).filter(
        (r) => opts.state === undefined || r.state === opts.state,
      );
      if (opts.json) return printJson(rows);
      if (rows.length === 0) {
        process.stdout.write(
          opts.state !== undefined
            ? `No entry is ${opts.state} (\`admission guesses\` lists them all).\n`
            : "No LLM guesses yet: an admission pass asks the matcher (an operator LLM is needed) about OpenRouter entries the rules could not place.\n",
        );
        return;
      }
      const lines = rows.flatMap((r) => [
        `openrouter:${r.openrouter_id}  ${stateText(r)}  (${r.guesses.length} guess(es), $${r.spend_usd.toFixed(4)})`,
        ...r.guesses.map(
          (g, i) =>
            `  ${i + 1}. ${g.provider}:${g.model_id}  ${g.outcome}` +
            (g.outcome === "refuted"
              ? `: ${g.error_kind ?? "unknown"}: ${(g.error ?? "").slice(0, 160)}`
              : ""),
        ),
      ]);
      const counts = GUESS_STATES.map((s) => `${rows.filter((r) => r.state === s).length} ${s}`).join(", ");
      process.stdout.write(`${lines.join("\n")}\n\n${rows.length} entries: ${counts}\n`);
    });
}

const GUESS_STATES: GuessLoopState[] = ["verified", "probing", "gave_up", "no_match"];

function stateText(r: GuessLoopRow): string {
  const at = r.matched ? `${r.matched.provider}:${r.matched.model_id}` : "";
  switch (r.state) {
    case "verified":
      return `verified: ${at}`;
    case "probing":
      return `waiting for the probe of ${at}`;
    case "gave_up":
      return `gave up: ${r.reasoning ?? "the bounds were reached"}`;
    case "no_match":
      return "no further guess (the matcher answered no match)";
  }
}
