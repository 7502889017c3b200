import type { Command } from "commander";
import { AppError } from "../../errors.js";
import type { Situation } from "../../operator/types.js";
import { classOf } from "../../taxonomy/kinds.js";
import { pendingOn, pendingWords, readPending, type PendingChange } from "../../storage/pending-on-models.js";
import { emptyDatabaseNotice } from "../../fleet/overview.js";
import { readFleetState } from "../../operator/fleet-state.js";
import { situationFixNote } from "../../signals/settings.js";
import type { CliContext } from "../context.js";
import { fleetProviderOption } from "../provider-option.js";
import { printJson, table } from "../output.js";

export function registerSituationsCommands(program: Command, ctx: CliContext): void {
  const situations = program
    .command("situations")
    .description(
      "Groups of failing models that share provider, error kind and message fingerprint, with the deterministic suggestion.",
    )
    .option("--provider <provider>", "only this provider")
    .option("--json", "print JSON")
    .action(async (opts: { provider?: string; json?: boolean }) => {
      const { state, empty, byModel } = await ctx.withDatabase(async ({ repos, config }) => {
        const provider = await fleetProviderOption(repos, opts.provider);
        const [state, { byModel }] = await Promise.all([
          readFleetState(repos, config, new Date(), provider ? { provider } : {}),
          readPending(repos),
        ]);
        // No situations on a database without models is not a healthy fleet: say what was read (as overview does).
        const empty =
          state.situations.length === 0 && (await repos.models.count()) === 0
            ? emptyDatabaseNotice(repos.databaseName, config.mongodb)
            : null;
        return { state, empty, byModel };
      });
      const fixes = new Map(state.situations.map((s) => [s.id, situationFixNote(s, state)]));
      const pending = new Map(state.situations.map((s) => [s.id, pendingOn(s, byModel)]));
      if (opts.json)
        return printJson(
          state.situations.map((s) => ({
            ...s,
            settingsFix: fixes.get(s.id) ?? null,
            pending: pending.get(s.id) ?? [],
          })),
        );
      if (empty !== null) return void process.stdout.write(empty + "\n");
      process.stdout.write(
        table(
          state.situations.map((s) => ({
            id: s.id,
            provider: s.provider,
            kind: s.kind,
            models: s.modelCount,
            since: s.startedAt,
            last_seen: s.lastSeenAt,
            provider_healthy: s.providerHasHealthyModels,
            suggestion: `${s.suggestion.action} (${s.suggestion.confidence})`,
            // What already waits for a person, beside the suggestion: a pending rename is not a disable.
            pending: pendingCell(pending.get(s.id) ?? []),
            note: fixes.get(s.id) ?? "",
          })),
        ) + "\n",
      );
    });

  situations
    .command("show <id>")
    .description(
      "Show one situation: every model in it, its messages as the provider sent them, the suggestion and why, and what waits for a person.",
    )
    .option("--json", "print JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      const { state, byModel } = await ctx.withDatabase(async ({ repos, config }) => {
        const [state, { byModel }] = await Promise.all([
          readFleetState(repos, config, new Date()),
          readPending(repos),
        ]);
        return { state, byModel };
      });
      const s = state.situations.find((x) => x.id === id);
      if (!s)
        throw new AppError(
          "not_found",
          `No situation ${id} now: a situation lasts while its models fail the same way, and its id is that group's. List the current ones with \`bench-operator situations\`.`,
        );
      const fix = situationFixNote(s, state);
      const pending = pendingOn(s, byModel);
      // `situations --json` is the parent's option too: commander gives it to whichever comes first.
      if (opts.json || situations.opts<{ json?: boolean }>().json)
        return printJson({ ...s, settingsFix: fix, pending });
      process.stdout.write(situationText(s, fix, pending) + "\n");
    });
}

/** One situation as `situations show` prints it; provider text is labelled as such. */
function situationText(s: Situation, fix: string | null, pending: readonly PendingChange[]): string {
  const v = s.suggestion;
  return [
    `${s.id}  ${s.provider} ${s.kind} (${classOf(s.kind)}), ${s.modelCount} model(s)`,
    `since:       ${s.startedAt.toISOString()}, last seen ${s.lastSeenAt.toISOString()}`,
    `provider:    ${s.providerHasHealthyModels ? "other models of it succeeded in the last 24 h" : "no model of it succeeded in the last 24 h"}`,
    `suggestion:  ${v.action} (${v.confidence}): ${v.reasoning}`,
    ...(s.classified
      ? [`LLM reading: ${s.classified.kind} (${s.classified.class}), a reading of provider text`]
      : []),
    ...(fix ? [`note:        ${fix}`] : []),
    "",
    "models:",
    ...s.modelIds.map((m) => `  ${m}`),
    "",
    `pending decisions:${pending.length === 0 ? " none" : ""}`,
    ...pending.map((p) => `  ${p.modelId}: ${pendingWords(p)} (\`decisions show ${p.decisionId}\`)`),
    "",
    `messages (provider text, untrusted):${s.sampleMessages.length === 0 ? " none" : ""}`,
    ...s.sampleMessages.map((m) => `  ${m}`),
  ].join("\n");
}

/** "x: rename to y (dec_…); z: disable (dec_…); 3 more": a situation's pending decisions in a table cell. */
function pendingCell(pending: readonly PendingChange[]): string {
  const shown = pending.slice(0, 2).map((p) => `${p.modelId}: ${pendingWords(p)} (${p.decisionId})`);
  return [...shown, ...(pending.length > 2 ? [`${pending.length - 2} more`] : [])].join("; ");
}
