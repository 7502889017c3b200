import type { Config } from "../config/config.js";
import { AppError } from "../errors.js";
import { readFleetState } from "../operator/fleet-state.js";
import type { Evidence, ProviderHealth } from "../policy/evaluate.js";
import { getModelSignals, type ModelSignals } from "../signals/read.js";
import type { DecisionTarget } from "../storage/decisions-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { classOf, isErrorKind, type ErrorClass, type ErrorKind } from "../taxonomy/kinds.js";

/**
 * The evidence a proposal from a person or an agent is judged by: the targets' real signals and
 * their providers' health, read as the operator reads them. Without it the policy could only say
 * "no signals to judge by", whatever the model's history showed.
 */
export async function readEvidence(
  repos: Repositories,
  targets: readonly DecisionTarget[],
  now: Date,
  /** Which providers are configured here; without it provider health is not judged. */
  config?: Pick<Config, "providers" | "bedrock" | "vertex">,
): Promise<Evidence> {
  const signals = new Map<string, ModelSignals>();
  for (const t of targets) {
    const s = await getModelSignals(repos, t.provider, t.model_id, now);
    if (s) signals.set(`${t.provider}:${t.model_id}`, s);
  }
  const providers = new Map<string, ProviderHealth>();
  if (config)
    for (const provider of new Set(targets.map((t) => t.provider))) {
      const state = await readFleetState(repos, config, now, { provider, windows: false });
      const health = state.health.get(provider);
      if (health) providers.set(provider, health);
    }
  return { now, signals, providers };
}

/** What a model's failure says about it, for a disable: the class of its current streak. */
export interface FailureBasis {
  target: string;
  kind: ErrorKind | null;
  class: ErrorClass | null;
  failingForHours: number | null;
}

export function failureBasis(t: DecisionTarget, evidence: Evidence): FailureBasis {
  const id = `${t.provider}:${t.model_id}`;
  const s = evidence.signals?.get(id);
  const failing = s?.lastError && s.streakStartedAt ? s.lastError : null;
  return {
    target: id,
    kind: failing?.kind ?? null,
    class: failing?.class ?? null,
    failingForHours: s?.failingForHours ?? null,
  };
}

const WHY_NOT: Record<Exclude<ErrorClass, "hard">, string> = {
  provider_wide:
    "provider-wide errors (credentials, account, credit) say nothing about the model: fix the provider and it recovers",
  transient: "transient errors (rate limits, overload, timeouts, network) pass on their own",
  ours: "these errors come from our request or adapter, not from the model: fix the adapter instead",
  unknown: "the errors are not classified yet: read them (get_model_signals) before judging the model",
};

/**
 * A disable must rest on evidence about the model itself. A model whose current failures are
 * provider-wide, transient or ours is refused unless the caller overrides with a reason of their
 * own (unknown errors too); a model that is not failing may be disabled by human judgement (recorded as unsuitable).
 */
export function checkDisableBasis(bases: FailureBasis[], override: string | undefined): void {
  const weak = bases.filter((b) => b.class !== null && b.class !== "hard");
  if (weak.length === 0 || (override && override.trim().length >= 10)) return;
  const lines = weak.map(
    (b) =>
      `${b.target} fails with ${b.kind} (${b.class}) for ${b.failingForHours ?? 0} h: ${WHY_NOT[b.class as Exclude<ErrorClass, "hard">]}`,
  );
  throw new AppError(
    "invalid_input",
    `Refused: ${lines.join("; ")}. A disable needs hard evidence (model_not_found, model_retired, model_unavailable). ` +
      "If you still mean it, give an override reason of at least 10 characters (CLI --override, MCP override); the model gets a recheck date.",
  );
}

const HOUR_MS = 3_600_000;

/**
 * The `disabled_class` and `recheck_after` a disable records, from the kind of evidence it rests
 * on (the fleet database's vocabulary): terminal for a model that is gone, a recheck date for
 * every cause that can go away, so that the recovery probes look again.
 */
export function disableClass(
  kind: string | null,
  recordedClass: string | null,
  now: Date,
): { disabled_class: string; recheck_after: Date | null } {
  const cls = recordedClass ?? (isErrorKind(kind) ? classOf(kind) : null);
  const at = (hours: number): Date => new Date(now.getTime() + hours * HOUR_MS);
  if (kind === "model_retired") return { disabled_class: "provider_retired", recheck_after: null };
  if (kind === "model_not_found") return { disabled_class: "hard_model", recheck_after: null };
  // Access problems (terms, gating, verification) can be fixed by a human: look again in 30 days.
  if (kind === "model_unavailable") return { disabled_class: "hard_model", recheck_after: at(30 * 24) };
  if (kind === "auth" || kind === "billing") return { disabled_class: kind, recheck_after: at(24) };
  if (kind === "rate_limit") return { disabled_class: "rate_limit", recheck_after: at(6) };
  if (cls === "transient") return { disabled_class: "transient", recheck_after: at(6) };
  if (cls === "ours" || cls === "unknown") return { disabled_class: "unsuitable", recheck_after: at(7 * 24) };
  // Not failing: a person judged the model unsuitable; it stays off until someone enables it.
  return { disabled_class: "unsuitable", recheck_after: null };
}
