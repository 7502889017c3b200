import { expect } from "vitest";
import { propose } from "../../src/decisions/service.js";
import type { Config } from "../../src/config/config.js";
import { nothingHalfApplied } from "../../src/invariants/checks/nothing-half-applied.js";
import { countHalfApplied, findHalfApplied } from "../../src/invariants/half-applied.js";
import { runInvariants } from "../../src/invariants/run.js";
import { silentLogger } from "../../src/logger.js";
import type { CheckRunDoc } from "../../src/storage/check-runs-repository.js";
import { revertBatch } from "../../src/mutations/revert.js";
import { principalFor } from "../../src/policy/principal.js";
import type { DecisionDoc } from "../../src/storage/decisions-repository.js";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import type { Repositories } from "../../src/storage/repositories.js";
import { addModels, DAY, failure, HOUR, success } from "../unit/jobs/fixtures.js";
import type { FaultDb, FaultSession } from "./fault-db.js";

export const NOW = new Date("2026-11-20T12:00:00Z");
export const FAILING = ["f1", "f2", "f3", "f4", "f5", "f6"];

/**
 * acme:gone (and acme:fine beside it), and an agent's disable of gone, pending for a person: the
 * decision that the approval scenarios approve.
 */
export async function pendingDisableOfGone(repos: Repositories): Promise<DecisionDoc> {
  await addModels(repos, "acme", ["gone", "fine"], new Date(NOW.getTime() - 60 * DAY));
  const agent = principalFor("triage-bot", "agent");
  const d = await propose(
    repos,
    {
      action: "disable",
      targets: [{ provider: "acme", model_id: "gone" }],
      evidence: { kind: "model_not_found" },
      confidence: 0.9,
      reasoning: "the provider says the model does not exist",
      proposer: { kind: "agent", name: agent.name },
    },
    agent,
    { now: NOW },
    NOW,
  );
  expect(d.status).toBe("pending");
  return d;
}

/** Two healthy models and six whose model is gone (hard evidence): the classifier disables six. */
export async function seedFailingFleet(repos: Repositories): Promise<void> {
  await addModels(repos, "acme", ["h1", "h2", ...FAILING], new Date(NOW.getTime() - 60 * DAY));
  for (const h of ["h1", "h2"]) await success(repos, "acme", h, new Date(NOW.getTime() - HOUR));
  for (const f of FAILING)
    for (const ago of [72, 1])
      await failure(
        repos,
        "acme",
        f,
        new Date(NOW.getTime() - ago * HOUR),
        `The model \`${f}\` does not exist.`,
        404,
      );
}

/**
 * Runs `work` with the database killed `k` commands after `arm` is called, restarts it, and
 * returns a fresh session (a new process) on the same database. The work must have failed:
 * a kill point past its end is a mistake in the test, not a pass.
 */
export async function crashDuring(
  fdb: FaultDb,
  name: string,
  work: (s: FaultSession, arm: () => void) => Promise<unknown>,
  k: number,
  env: Record<string, string> = {},
): Promise<FaultSession> {
  const s = await fdb.open(name, env);
  let armed = false;
  const outcome = await work(s, () => {
    armed = true;
    fdb.killAfter(k);
  }).then(
    () => "finished",
    (e: unknown) => String(e),
  );
  await s.close();
  if (!fdb.isDown()) fdb.killAfter(Infinity); // disarmed: a kill point past the end must not hit the next test
  expect(armed, "the kill point was never armed").toBe(true);
  expect(outcome, `kill point ${k} fell after the end of the work`).not.toBe("finished");
  expect(outcome).toMatch(/connect|closed|selection|ECONN|socket|topology|database/i);
  await fdb.restart();
  return fdb.open(name, env);
}

/** The state invariants of issue 16, right after recovery at `at` (no grace period). */
export async function expectNothingHalfApplied(repos: Repositories, at: Date = NOW): Promise<void> {
  const h = await findHalfApplied(repos, at, 0);
  expect(h, JSON.stringify(h)).toMatchObject({
    applying: [],
    claimedNotSettled: [],
    approvedNotExecuted: [],
    movesNotWritten: [],
    executedTwice: [],
    revertNotRecorded: [],
    runsWithoutRecord: [],
  });
  expect(countHalfApplied(h)).toBe(0);
}

/** The invariant nothing_half_applied evaluated at `at` and recorded, as the invariants job does. */
export async function evaluateHalfApplied(
  repos: Repositories,
  config: Config,
  at: Date,
): Promise<CheckRunDoc> {
  const deps = { repos, config, logger: silentLogger, clock: () => at };
  return (await runInvariants(deps, { now: at, checks: [nothingHalfApplied] })).results[0]!;
}

/** What nothing_half_applied lists of alice's approval of `d` claimed at NOW and never written. */
export function approvalListed(d: DecisionDoc): unknown {
  const move = { decision: d._id, from: "pending", to: "approved", claimed_by: "alice" };
  return { count: 1, items: [{ ...move, claimed_at: NOW.toISOString() }], truncated: false };
}

/** Forward batches that changed something, oldest first. */
export async function appliedForward(repos: Repositories): Promise<MutationBatchDoc[]> {
  const all = await repos.mutations.createdBetween(new Date(0), { kind: "apply" });
  return all.filter((b) => !b.abandoned && b.applied_count > 0).reverse();
}

/** Reverting every forward batch (newest first) gives every model back as seeded. */
export async function expectEveryBatchReverts(repos: Repositories, ids: string[]): Promise<void> {
  for (const b of (await appliedForward(repos)).reverse()) {
    const r = await revertBatch(repos, b._id, "tester", NOW);
    expect(r.failed_count, JSON.stringify(r.changes)).toBe(0);
  }
  for (const id of ids) {
    const m = await repos.models.rawGet({ provider: "acme", model_id: id });
    expect(m, id).toMatchObject({ enabled: true });
    for (const f of ["disabled_reason", "disabled_at", "disabled_by", "disabled_class", "mutation_batch_id"])
      expect(Object.hasOwn(m!, f), `${id}.${f} left after revert`).toBe(false);
  }
}
