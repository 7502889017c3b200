import { z } from "zod";
import { AppError } from "../errors.js";
import { humanAskLlmPath, humanRunPath } from "./human-paths.js";
import { storedFleetProvider } from "../fleet/provider-filter.js";
import { MODEL_ACTIONS } from "../operator/actions.js";
import { providerField } from "./schemas.js";
import { defineTool } from "./tool.js";

const input = z.strictObject({
  dry_run: z
    .boolean()
    .default(true)
    .describe(
      "true (default): compute what a run would decide and write nothing, without calling the LLM. false: a real run (human operators only).",
    ),
  ask_llm: z
    .boolean()
    .default(false)
    .describe(
      "With dry_run=true only: ask the operator LLM what it would decide (one call, charged to the operator budget and recorded in the spend ledger; nothing else written). Human operators only.",
    ),
  provider: providerField.optional().describe("Only this provider's models."),
});

const output = z.object({
  run_id: z.string(),
  dry_run: z.boolean(),
  outcome: z
    .string()
    .describe("ok, degraded (the LLM was unavailable and the classifier decided) or failed."),
  decided_by: z.string().describe("llm, classifier, cache or none."),
  fallback_reason: z.string().nullable(),
  duration_ms: z.number(),
  counts: z.record(z.string(), z.number()),
  situations: z
    .array(
      z.object({
        situation_id: z.string(),
        provider: z.string(),
        kind: z.string(),
        models: z.number(),
        action: z.string(),
        source: z.string(),
      }),
    )
    .describe("At most 50, largest first."),
  model_changes: z
    .array(
      z.object({
        provider: z.string(),
        model_id: z.string(),
        action: z.string().describe("disable, deprecate, rename or set_settings."),
        situation_id: z.string(),
        source: z.string().describe("llm or classifier."),
        confidence: z.number(),
        rename_to: z.string().nullable().describe("A rename's new id."),
        settings: z.record(z.string(), z.unknown()).nullable().describe("A settings change's values."),
      }),
    )
    .describe(
      "The change each model would get (a dry run) or was proposed (a real run), before the policy: at most 100. A real run's decision_ids say what was recorded and its status.",
    ),
  decision_ids: z.array(z.string()).describe("Decisions this run recorded (at most 100)."),
  batch_ids: z.array(z.string()),
  llm: z.object({
    calls: z.number(),
    input_tokens: z.number(),
    output_tokens: z.number(),
    cost_usd: z.number(),
  }),
  provider_changes: z.array(
    z.object({ provider: z.string(), from: z.string(), to: z.string(), reason: z.string() }),
  ),
});

export const runOperatorTool = defineTool({
  name: "run_operator",
  title: "Run the operator",
  description:
    "Runs the operator engine: groups failures into situations, decides per situation (the LLM on a real run, else the " +
    "deterministic classifier), applies the policy and, on a real run, executes what the policy allows and leaves the " +
    "rest pending. By default a dry run: it writes nothing and calls no LLM, which shows what a run would do; ask_llm=true (human operators) adds one charged LLM call to show what the LLM would decide. A real run " +
    "(dry_run=false) may spend money and is for human operators only. Returns counts, per-situation actions and the " +
    "decisions recorded. Next: list_decisions with status=pending.",
  operation: "run",
  input,
  output,
  async authorize(args, ctx) {
    if (args.ask_llm && !args.dry_run) {
      throw new AppError(
        "invalid_input",
        "ask_llm is for a dry run (dry_run=true): a real run asks the LLM anyway.",
      );
    }
    if (args.dry_run && !args.ask_llm) return;
    const p = ctx.principal;
    const humanOperator = p.kind === "human" && (p.role === "operator" || p.role === "admin");
    if (args.dry_run) {
      if (humanOperator) return;
      throw new AppError(
        "forbidden",
        `Only a human operator or admin spends on the operator LLM (you are ${p.name}, ${p.role}); a dry run without ask_llm shows what the classifier and cached verdicts decide. ${humanAskLlmPath(args.provider)}`,
      );
    }
    if (!humanOperator) {
      throw new AppError(
        "forbidden",
        `Only a human operator or admin starts a real operator run (you are ${p.name}, ${p.role}); call it with dry_run=true to see what it would do. ${humanRunPath(args.provider)}`,
      );
    }
    const { policy } = await ctx.deps.repos.policies.current();
    if (policy.kill_switch) {
      throw new AppError(
        "forbidden",
        "The kill switch is on: no real operator run until a human turns it off. A dry run still works.",
      );
    }
  },
  confirmation: (args) =>
    Promise.resolve(
      args.dry_run
        ? args.ask_llm
          ? {
              message: `Ask the operator LLM what it would decide${args.provider ? ` for ${args.provider}` : ""}? One call, charged to the operator budget; nothing else is written.`,
              effect:
                "spends on the operator LLM (one call, charged to the operator budget; a dry run changes nothing in the fleet)",
              humanAlternative: humanAskLlmPath(args.provider),
            }
          : null
        : {
            message: `Start a real operator run${args.provider ? ` for ${args.provider}` : ""}? It may call the operator LLM (spend) and executes what the policy allows on its own.`,
            humanAlternative: humanRunPath(args.provider),
          },
    ),
  async handler(args, ctx) {
    const { repos, config, logger } = ctx.deps;
    // A dry run never calls the LLM, so it does not need (or fail on) the LLM configuration.
    // A misspelt provider ran over nothing and answered "no situations".
    const provider = await storedFleetProvider(repos, args.provider, "list_models");
    // The LLM clients (OpenAI, the AWS SDK) are loaded on use: at import they would add half a
    // second to the start of every MCP server.
    const chain =
      args.dry_run && !args.ask_llm
        ? []
        : (await import("../providers/llm/index.js")).createOperatorLlmChain(config);
    // The operator run and everything it reaches load on the first call, not at the server's start.
    const { runOperator } = await import("../operator/run.js");
    const { run, proposals } = await runOperator(
      { repos, config, logger, chain },
      {
        dryRun: args.dry_run,
        askLlm: args.ask_llm,
        now: ctx.now,
        ...(provider ? { provider } : {}),
      },
    );
    return {
      run_id: run._id,
      dry_run: run.dry_run,
      outcome: run.outcome,
      decided_by: run.decided_by,
      fallback_reason: run.fallback_reason ?? null,
      duration_ms: run.duration_ms,
      counts: run.counts,
      situations: run.situations.slice(0, 50).map((s) => ({
        situation_id: s.id,
        provider: s.provider,
        kind: s.kind,
        models: s.models,
        action: s.action,
        source: s.source,
      })),
      model_changes: proposals
        .filter((p) => MODEL_ACTIONS.has(p.action))
        .slice(0, 100)
        .map((p) => ({
          provider: p.provider,
          model_id: p.model_id,
          action: p.action,
          situation_id: p.situation.id,
          source: p.source,
          confidence: p.confidence,
          rename_to: p.action === "rename" ? (p.successor?.to ?? null) : null,
          settings: p.action === "set_settings" && p.settings ? { ...p.settings.settings } : null,
        })),
      decision_ids: run.decision_ids.slice(0, 100),
      batch_ids: run.batch_ids,
      llm: {
        calls: run.llm.calls,
        input_tokens: run.llm.input_tokens,
        output_tokens: run.llm.output_tokens,
        cost_usd: run.llm.cost_usd,
      },
      provider_changes: run.provider_changes,
    };
  },
  refs: (out) => ({ runId: out.run_id, batchId: out.batch_ids[0] ?? null }),
});
