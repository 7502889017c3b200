import type { Command } from "commander";
import { isLocallyConfigured } from "../../config/providers.js";
import { applyBookkeeping } from "../../decisions/bookkeeping.js";
import { AppError } from "../../errors.js";
import { storedFleetProvider } from "../../fleet/provider-filter.js";
import { runJobNow } from "../../jobs/run-now.js";
import { productionServices } from "../../jobs/wiring.js";
import { classOf } from "../../taxonomy/kinds.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";
import { cliPrincipal } from "../principal.js";

/**
 * `models recheck`: a person asks whether disabled models are back now, rather than at their
 * recheck date. Each model's recheck date is brought forward to now (bookkeeping: an audited,
 * revertible batch), then the recovery-probes job runs as a scheduled tick would, through the same
 * lease, run record, kill switch, daily benchmark budget and spend ledger; each probe goes to
 * `probe_runs`, never to the published measurements; a success proposes re-enabling the model,
 * which waits for a person. Prints what each probe found and what follows from it.
 */
export function registerModelsRecheck(models: Command, ctx: CliContext): void {
  models
    .command("recheck <provider> <model_ids...>")
    .description(
      "Probe disabled models now, as the recovery probes do at their recheck date (a paid call each, within the budget; a success proposes re-enabling).",
    )
    .requiredOption("--reason <text>", "why (stored with the batch that moves the recheck dates)")
    .option("--json", "print JSON (the job run and each model's probe)")
    .action(async (provider: string, ids: string[], opts: { reason: string; json?: boolean }) => {
      const principal = cliPrincipal(ctx);
      if (principal.role === "viewer")
        throw new AppError(
          "forbidden",
          `${principal.name} is a viewer: a recheck is a paid call (nothing was changed)`,
        );
      const out = await ctx.withDatabase(async (deps) => {
        const { repos, config } = deps;
        provider = (await storedFleetProvider(repos, provider, "`bench-operator models list`")) ?? provider;
        if (!isLocallyConfigured(config, provider))
          throw new AppError(
            "invalid_input",
            `${provider} is not configured here (no credentials), so it cannot be probed: nothing was changed`,
          );
        const found = await repos.models.rawByKeys(ids.map((model_id) => ({ provider, model_id })));
        const refused = ids.flatMap((id) => {
          const m = found.find((f) => f.model_id === id);
          const why = !m
            ? "not in the fleet"
            : m.enabled
              ? "enabled: it is measured already"
              : m.deprecated
                ? "deprecated: it is never probed"
                : m.status === "probing" || m.status === "rejected"
                  ? `a ${m.status} candidate: admission probes it (admission list)`
                  : null;
          return why ? [`${provider}:${id}: ${why}`] : [];
        });
        if (refused.length > 0)
          throw new AppError("invalid_input", `${refused.join("; ")} (nothing was changed)`);
        const start = new Date();
        await applyBookkeeping(
          repos,
          {
            actor: principal.name,
            reason: `recheck now: ${opts.reason}`,
            changes: ids.map((model_id) => ({ provider, model_id, set: { recheck_after: start } })),
          },
          start,
        );
        const jobDeps = { config, logger: deps.logger, repos, clock: () => new Date() };
        const run = await runJobNow(jobDeps, "recovery-probes", { services: productionServices(jobDeps) });
        const results = await Promise.all(
          ids.map(async (model_id) => {
            const probe = (await repos.probeRuns.forModel(provider, model_id, start))
              .filter((p) => p.purpose === "recheck")
              .at(-1);
            const model = (await repos.models.rawByKeys([{ provider, model_id }]))[0];
            return { provider, model_id, probe: probe ?? null, recheck_after: model?.recheck_after ?? null };
          }),
        );
        return { run, results };
      });
      if (out.run.outcome !== "ok") process.exitCode = 1;
      if (opts.json) return printJson(out);
      const lines = [
        `recovery-probes ${out.run.outcome}, run ${out.run._id}: ${out.run.summary ?? out.run.error ?? ""}`,
      ];
      for (const r of out.results) {
        const id = `${r.provider}:${r.model_id}`;
        const next = r.recheck_after ? r.recheck_after.toISOString() : "none";
        if (!r.probe)
          lines.push(`  ${id}: not probed this time (see the summary); its recheck date stays ${next}`);
        else if (r.probe.ok)
          lines.push(
            `  ${id}: answered; re-enabling proposed, waiting for a person (decisions list --status pending); next recheck ${next}`,
          );
        else
          lines.push(
            `  ${id}: failed, ${r.probe.error_kind} (${classOf(r.probe.error_kind ?? "unknown")}): ${(r.probe.message ?? "").slice(0, 200)}; next recheck ${next}`,
          );
      }
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
