import type { Command } from "commander";
import { actDirectly, addModel, checkEachChanges } from "../../decisions/direct.js";
import { AppError } from "../../errors.js";
import { checkModelId } from "../../catalog/model-id-rules.js";
import type { CliContext } from "../context.js";
import { fleetProviderOption } from "../provider-option.js";
import { printJson, table } from "../output.js";
import { cliPrincipal } from "../principal.js";
import { approvedPendingText, notExecutedText } from "./models-pending.js";
import { storedFleetProvider } from "../../fleet/provider-filter.js";
import { registerModelsRecheck } from "./models-recheck.js";
import { registerModelsRename } from "./models-rename.js";

export function registerModelsCommands(program: Command, ctx: CliContext): void {
  const models = program
    .command("models")
    .description(
      "The fleet: the models we benchmark (not the providers' catalogs: see `catalog search`). Every change goes through the audited mutation path.",
    );

  registerList(models, ctx);

  models
    .command("add <provider> <model_id>")
    .description(
      "Add a model to the fleet (enabled). Checks the id rules it knows; a human operator or admin acts in one step.",
    )
    .option("--display-name <name>", "display name for the dashboard")
    .option("--disabled", "add it disabled")
    .option("--force", "add even if an id rule objects")
    .option("--reason <text>", "why", "added by hand")
    .option("--json", "print JSON (the decision and its batch)")
    .action(
      async (
        provider: string,
        modelId: string,
        opts: { displayName?: string; disabled?: boolean; force?: boolean; reason: string; json?: boolean },
      ) => {
        const check = checkModelId(provider, modelId);
        for (const w of check.warnings) process.stderr.write(`warning: ${w}\n`);
        if (check.errors.length > 0 && !opts.force) {
          throw new AppError("invalid_input", `${check.errors.join("; ")} (use --force to add it anyway)`);
        }
        const principal = cliPrincipal(ctx);
        const result = await ctx.withDatabase(({ repos }) =>
          addModel(
            repos,
            principal,
            {
              provider,
              model_id: modelId,
              enabled: !opts.disabled,
              ...(opts.displayName ? { displayName: opts.displayName } : {}),
              reason: opts.reason,
            },
            new Date(),
          ),
        );
        if (opts.json) return printJson(result);
        const { decision, batch } = result;
        if (decision.status === "rejected")
          throw new AppError("forbidden", decision.policy_verdict.reasons.join("; "));
        if (!batch) {
          process.stdout.write(`${notExecutedText(result, principal.name)}\n`);
          return;
        }
        if (batch.status !== "applied")
          throw new AppError("conflict", batch.changes[0]?.error ?? "not added");
        process.stdout.write(
          `added ${provider}:${modelId} in batch ${batch._id}, decision ${decision._id} (undo: bench-operator batches revert ${batch._id})\n`,
        );
      },
    );

  registerEnableDisable(models, ctx);
  registerModelsRename(models, ctx);
  registerModelsRecheck(models, ctx);
}

function registerList(models: Command, ctx: CliContext): void {
  models
    .command("list")
    .description("List models.")
    .option("--provider <provider>", "only this provider")
    .option("--enabled", "only enabled models")
    .option("--disabled", "only disabled models")
    .option("--json", "print JSON")
    .action(async (opts: { provider?: string; enabled?: boolean; disabled?: boolean; json?: boolean }) => {
      const list = await ctx.withDatabase(async ({ repos }) => {
        const filter: { provider?: string; enabled?: boolean } = {};
        const provider = await fleetProviderOption(repos, opts.provider);
        if (provider) filter.provider = provider;
        if (opts.enabled) filter.enabled = true;
        if (opts.disabled) filter.enabled = false;
        return repos.models.find(filter);
      });
      if (opts.json) return printJson(list);
      process.stdout.write(
        table(
          list.map((m) => ({
            provider: m.provider,
            model_id: m.model_id,
            enabled: m.enabled,
            deprecated: m.deprecated === true,
            status: m.status ?? "",
            disabled_class: m.disabled_class ?? "",
            disabled_reason: (m.disabled_reason ?? "").slice(0, 50),
            renamed: m.renamed_from ? `renamed from ${m.renamed_from}` : "",
          })),
        ) + `\n${list.length} models\n`,
      );
    });
}

/** `models disable` and `models enable`: each a direct human action, recorded as a decision and a batch. */
function registerEnableDisable(models: Command, ctx: CliContext): void {
  for (const action of ["disable", "enable"] as const) {
    const command = models
      .command(`${action} <provider> <model_ids...>`)
      .description(
        `${action === "disable" ? "Disable" : "Enable"} models, recorded as a decision and a batch. Exits 2 when a model's change could not be made (changed by someone else at the same moment), naming each; refuses, recording nothing, a model not in the fleet or already in the asked state.`,
      )
      .requiredOption("--reason <text>", "why (stored with the decision and the batch)");
    // Only a disable needs evidence of the models' own failure, and so a way to act without it.
    if (action === "disable")
      command.option(
        "--override <text>",
        "disable anyway when the models fail only with provider-wide, transient or our own errors: why (stored)",
      );
    command
      .option("--json", "print JSON")
      .action(
        async (
          provider: string,
          modelIds: string[],
          opts: { reason: string; override?: string; json?: boolean },
        ) => {
          const principal = cliPrincipal(ctx);
          const result = await ctx.withDatabase(async ({ repos, config }) => {
            // `OpenAI` is the fleet's `openai`; a provider the fleet does not have is named as such.
            provider =
              (await storedFleetProvider(repos, provider, "`bench-operator models list`")) ?? provider;
            const targets = modelIds.map((model_id) => ({ provider, model_id }));
            await checkEachChanges(
              repos,
              action,
              targets,
              `\`bench-operator models list --provider ${provider}\` lists its ids.`,
            );
            return actDirectly(
              repos,
              principal,
              {
                action,
                targets,
                reason: opts.reason,
                ...(opts.override ? { override: opts.override } : {}),
              },
              new Date(),
              { config },
            );
          });
          const { decision, batch } = result;
          // Not all of what was asked was done (a model changed by someone acting at the same
          // moment: the batch's compare-and-swap kept their write): a refusal's code, as the lines
          // below name each one.
          if (batch && batch.failed_count > 0) process.exitCode = 2;
          if (opts.json) return printJson(result);
          if (result.approvedPending)
            process.stdout.write(`${approvedPendingText(decision, principal.name)}\n`);
          if (batch) {
            process.stdout.write(
              `${action}d ${batch.applied_count} of ${modelIds.length} (batch ${batch._id}, decision ${decision._id}; undo: bench-operator batches revert ${batch._id})\n`,
            );
            for (const c of batch.changes.filter((c) => c.status === "failed"))
              process.stdout.write(`  failed ${c.model_id}: ${c.error}\n`);
          } else {
            process.stdout.write(`${notExecutedText(result, principal.name)}\n`);
          }
        },
      );
  }
}
