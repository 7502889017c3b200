import type { Command } from "commander";
import { pendingOn, pendingWords, readPending, type PendingChange } from "../../storage/pending-on-models.js";
import { emptyDatabaseNotice } from "../../fleet/overview.js";
import { readFleetState } from "../../operator/fleet-state.js";
import { situationFixNote } from "../../signals/settings.js";
import type { CliContext } from "../context.js";
import { fleetProviderOption } from "../provider-option.js";
import { printJson, table } from "../output.js";

export function registerSituationsCommands(program: Command, ctx: CliContext): void {
  program
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
}

/** "x: rename to y (dec_…); z: disable (dec_…); 3 more": a situation's pending decisions in a table cell. */
function pendingCell(pending: readonly PendingChange[]): string {
  const shown = pending.slice(0, 2).map((p) => `${p.modelId}: ${pendingWords(p)} (${p.decisionId})`);
  return [...shown, ...(pending.length > 2 ? [`${pending.length - 2} more`] : [])].join("; ");
}
