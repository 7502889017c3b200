import { isLocallyConfigured } from "../config/providers.js";
import { applyBookkeeping } from "../decisions/bookkeeping.js";
import { propose } from "../decisions/propose.js";
import { AppError } from "../errors.js";
import type { ChangeRequest } from "../mutations/mutate.js";
import { isProtected } from "../policy/evaluate.js";
import { SYSTEM_PRINCIPAL } from "../policy/principal.js";
import type { Repositories } from "../storage/repositories.js";
import { classOf } from "../taxonomy/kinds.js";
import type { JobContext, JobDefinition } from "./job.js";
import { errorText } from "./run-job.js";
import type { ProbeOutcome, RecoveryProbeTarget } from "./services.js";

const DAY_MS = 86_400_000;
/** Recheck probes per tick, oldest date first, so that every due model gets its turn. */
const MAX_RECHECKS_PER_TICK = 10;
/** When to look again, by what the probe found. */
const NEXT_CHECK_MS = { success: 7 * DAY_MS, hard: 30 * DAY_MS, other: DAY_MS };
const ACTOR = "job:recovery-probes";
/**
 * Rejected and probing candidates belong to admission: it sends a rejected candidate whose
 * recheck date came back to probing (src/admission), so probing it here too would act twice.
 */
const ADMISSION_OWNED = new Set(["rejected", "probing"]);

/**
 * Recovery probes (DESIGN section 8): one probe per paused or blocked provider (its success lets
 * the next operator run move the provider back to healthy), and one per disabled model whose
 * `recheck_after` date came. A recheck that succeeds proposes re-enabling the model, which a
 * human approves (enabling costs money: authority-gated). Every probed recheck gets its next date
 * in one mutation batch, so the date is honoured and the change is revertible. The kill switch
 * stops it all (probes are paid calls); protected targets are never probed or changed. Each probe
 * is a claimed run within the day's benchmark budget and charged to the spend ledger; a disabled
 * model's goes to `probe_runs` only (src/benchmark/recovery-probe.ts). A probe the budget or a
 * claim elsewhere prevents changes nothing and is tried again next tick.
 */
export const recoveryProbesJob: JobDefinition = {
  name: "recovery-probes",
  description:
    "Probe paused or blocked providers once, and disabled models whose recheck date came; propose re-enabling what recovered.",
  timeoutMs: 15 * 60_000,
  requires: "recoveryProbe",
  async run(ctx) {
    const { repos } = ctx.deps;
    const probe = ctx.services.recoveryProbe;
    if (!probe)
      throw new AppError("unavailable", "recovery probes need the recoveryProbe service, which is not wired");
    const { policy } = await repos.policies.current();
    if (policy.kill_switch) return { counts: { probed: 0 }, summary: "kill switch is on: no probes" };
    const now = ctx.deps.clock();
    // A provider without credentials here would only fail its probe: it is not configured, not down.
    const targets = (await selectTargets(repos, now)).filter(
      (t) => !isProtected(policy, t) && isLocallyConfigured(ctx.deps.config, t.provider),
    );
    const counts: Record<string, number> = {
      probed: 0,
      ok: 0,
      failed: 0,
      not_run: 0,
      enable_proposed: 0,
      rechecks_moved: 0,
    };
    let costUsd = 0;
    const notRun: string[] = [];
    const next: ChangeRequest[] = [];
    for (const target of targets) {
      if (ctx.signal.aborted) break;
      const outcome = await probeSafely(probe, target, ctx);
      // No call (budget, kill switch, claimed elsewhere): nothing learned, so the date stays and
      // the next tick tries again.
      if ("skipped" in outcome) {
        counts["not_run"]!++;
        notRun.push(`${target.provider}:${target.model_id}: ${outcome.skipped} (${outcome.detail})`);
        continue;
      }
      costUsd += outcome.costUsd ?? 0;
      counts["probed"]!++;
      counts[outcome.ok ? "ok" : "failed"]!++;
      if (target.reason !== "recheck_due") continue;
      const wait = outcome.ok
        ? NEXT_CHECK_MS.success
        : classOf(outcome.kind) === "hard"
          ? NEXT_CHECK_MS.hard
          : NEXT_CHECK_MS.other;
      next.push({
        provider: target.provider,
        model_id: target.model_id,
        set: { recheck_after: new Date(now.getTime() + wait) },
      });
      if (outcome.ok) {
        await ctx.assertLease();
        await proposeEnable(repos, target, now);
        counts["enable_proposed"]!++;
      }
    }
    if (next.length > 0) {
      await ctx.assertLease();
      // Bookkeeping of disabled models: a batch without a decision (src/decisions/bookkeeping.ts).
      const batch = await applyBookkeeping(
        repos,
        { actor: ACTOR, reason: "recovery probes: next recheck dates", changes: next },
        now,
      );
      counts["rechecks_moved"] = batch.applied_count;
    }
    const summary = `${counts["probed"]} probe(s): ${counts["ok"]} ok, ${counts["failed"]} failed`;
    return {
      counts,
      costUsd,
      summary: notRun.length > 0 ? `${summary}; not run: ${notRun.slice(0, 5).join("; ")}` : summary,
    };
  },
};

/** Paused or blocked providers (one model each, the one that succeeded last) and due rechecks. */
export async function selectTargets(repos: Repositories, now: Date): Promise<RecoveryProbeTarget[]> {
  const targets: RecoveryProbeTarget[] = [];
  for (const state of (await repos.operatorState.providerStates()).values()) {
    if (state.state !== "paused" && state.state !== "blocked") continue;
    if (state.until && state.until > now) continue;
    const models = await repos.models.find({ provider: state._id, enabled: true });
    if (models.length === 0) continue;
    const signals = await repos.signals.statuses({ provider: state._id });
    const lastOk = new Map(signals.map((s) => [s.model_id, s.last_success_at?.getTime() ?? 0]));
    const best = [...models].sort(
      (a, b) => (lastOk.get(b.model_id) ?? 0) - (lastOk.get(a.model_id) ?? 0),
    )[0]!;
    targets.push({ provider: best.provider, model_id: best.model_id, reason: "provider_stopped" });
  }
  const due = (
    await repos.models.find({ enabled: false, deprecated: { $ne: true }, recheck_after: { $lte: now } })
  ).filter((m) => !ADMISSION_OWNED.has(m.status ?? ""));
  due.sort((a, b) => (a.recheck_after?.getTime() ?? 0) - (b.recheck_after?.getTime() ?? 0));
  for (const m of due.slice(0, MAX_RECHECKS_PER_TICK)) {
    targets.push({ provider: m.provider, model_id: m.model_id, reason: "recheck_due" });
  }
  return targets;
}

async function probeSafely(
  probe: (t: RecoveryProbeTarget, ctx: JobContext) => Promise<ProbeOutcome>,
  target: RecoveryProbeTarget,
  ctx: JobContext,
): Promise<ProbeOutcome> {
  try {
    return await probe(target, ctx);
  } catch (e) {
    ctx.logger.warn(`recovery probe of ${target.provider}:${target.model_id} threw`, { error: errorText(e) });
    return { ok: false, kind: "unknown", message: errorText(e) };
  }
}

async function proposeEnable(repos: Repositories, target: RecoveryProbeTarget, now: Date): Promise<void> {
  const [open] = await repos.decisions.find(
    {
      status: ["pending", "approved"],
      action: "enable",
      provider: target.provider,
      model_id: target.model_id,
    },
    { limit: 1 },
  );
  if (open) return;
  await propose(
    repos,
    {
      action: "enable",
      targets: [{ provider: target.provider, model_id: target.model_id }],
      evidence: { recovery_probe_succeeded_at: now },
      confidence: 0.8,
      reasoning: "a recovery probe succeeded after the recheck date: the reason it was disabled may be gone",
      proposer: { kind: "fast_pass", name: "recovery-probes" },
    },
    SYSTEM_PRINCIPAL,
    { now },
    now,
  );
}
