import { randomBytes } from "node:crypto";
import type { Deps } from "../deps.js";
import { redactSecrets } from "../logger.js";
import { allChecks } from "./all-checks.js";
import type { CheckRunDoc } from "../storage/check-runs-repository.js";
import type { DesiredSetSnapshot } from "../storage/desired-set-repository.js";
import {
  CannotEvaluate,
  SNAPSHOT_MIN_AGE_MS,
  THRESHOLD_VERSION,
  type CheckContext,
  type CheckStatus,
  type InvariantCheck,
} from "./types.js";

export interface Evaluation {
  evaluation_id: string;
  at: Date;
  results: CheckRunDoc[];
  counts: Record<CheckStatus, number>;
  /** True when any check found a violation or failed with an error. */
  failed: boolean;
}

export interface RunInvariantsOptions {
  now?: Date;
  checks?: readonly InvariantCheck[];
  /** Write the check-run rows (default true). Every evaluation that counts is recorded. */
  record?: boolean;
}

/**
 * Evaluates every check, each on its own (one failing check does not stop the others), and
 * records one immutable check-run row per check.
 */
export async function runInvariants(deps: Deps, opts: RunInvariantsOptions = {}): Promise<Evaluation> {
  const checks = opts.checks ?? allChecks;
  const now = opts.now ?? deps.clock();
  const evaluationId = `ev_${now.toISOString().replace(/[-:.]/g, "").slice(0, 15)}_${randomBytes(3).toString("hex")}`;
  const snapshots = deps.repos.desiredSets;
  let snapshot: Promise<DesiredSetSnapshot | null> | undefined;
  let usedSnapshot: string | null = null;
  const ctx: CheckContext = {
    deps,
    now,
    snapshot: async () => {
      const snap = await (snapshot ??= snapshots.forEvaluation(now, SNAPSHOT_MIN_AGE_MS));
      if (!snap)
        throw new CannotEvaluate(
          "no desired-set snapshot at least an hour old (the invariants job captures them)",
        );
      usedSnapshot = snap._id;
      return snap;
    },
  };

  const results: CheckRunDoc[] = [];
  for (const check of checks) {
    usedSnapshot = null;
    const started = performance.now();
    let status: CheckStatus;
    let summary: string;
    let details: Record<string, unknown> = {};
    try {
      const outcome = await check.evaluate(ctx);
      ({ status, summary } = outcome);
      details = outcome.details ?? {};
    } catch (e) {
      status = e instanceof CannotEvaluate ? "cannot_evaluate" : "error";
      summary = redactSecrets(e instanceof Error ? e.message : String(e)).slice(0, 500);
    }
    results.push({
      _id: `${evaluationId}:${check.name}`,
      evaluation_id: evaluationId,
      check: check.name,
      at: now,
      status,
      evaluated: status !== "cannot_evaluate",
      summary,
      details,
      threshold_version: THRESHOLD_VERSION,
      snapshot_id: usedSnapshot,
      duration_ms: Math.round(performance.now() - started),
    });
  }
  if (opts.record !== false) await deps.repos.checkRuns.insertMany(results);
  const counts: Record<CheckStatus, number> = {
    pass: 0,
    warning: 0,
    violation: 0,
    cannot_evaluate: 0,
    error: 0,
  };
  for (const r of results) counts[r.status]++;
  return {
    evaluation_id: evaluationId,
    at: now,
    results,
    counts,
    failed: counts.violation + counts.error > 0,
  };
}
