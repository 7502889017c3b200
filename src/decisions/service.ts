import { randomBytes } from "node:crypto";
import { AppError } from "../errors.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import {
  evaluateApproval,
  evaluatePolicy,
  type Evidence,
  type PolicyAction,
  type Verdict,
} from "../policy/evaluate.js";
import type { Principal } from "../policy/principal.js";
import { modelKey } from "../storage/signals-repository.js";
import type { Repositories } from "../storage/repositories.js";
import type {
  DecisionDoc,
  DecisionStatus,
  DecisionTarget,
  Proposer,
} from "../storage/decisions-repository.js";
import { executeApproved, isSafe } from "./execute.js";
import { recoverInterrupted } from "./recover.js";
import { mirrorMany, transition } from "./transition.js";

export { executeApproved } from "./execute.js";

/**
 * Decisions: propose (the policy decides whether it may run now, waits for approval, or is
 * refused), approve, reject, expire, execute through the one mutation path. Every status move is
 * appended to the decision's history and mirrored into `model_status.operator_decision`.
 */

export interface Proposal {
  action: PolicyAction;
  targets: DecisionTarget[];
  situationId?: string | null;
  evidence?: Record<string, unknown>;
  confidence: number;
  reasoning: string;
  proposer: Proposer;
  runId?: string;
  evidenceDigest?: string;
}

export function newDecisionId(): string {
  return `dec_${randomBytes(8).toString("hex")}`;
}

const OPEN: DecisionStatus[] = ["pending", "approved"];

/** Records a decision with the policy's verdict for `actingAs` (who would execute it now). */
export async function propose(
  repos: Repositories,
  p: Proposal,
  actingAs: Principal,
  evidence: Evidence,
  now: Date,
): Promise<DecisionDoc> {
  const [doc] = await proposeMany(repos, [p], actingAs, evidence, now);
  return doc!;
}

/**
 * Records many decisions with the reads and writes of one: the policy and the open decisions
 * are read once, the decisions go in with one insert, and the `model_status` mirror is written
 * in bulk. An operator pass proposes hundreds at a time, and on the test database every
 * separate non-`_id` read is a collection scan and every update costs several inserts.
 */
export async function proposeMany(
  repos: Repositories,
  proposals: readonly Proposal[],
  actingAs: Principal,
  evidence: Evidence,
  now: Date,
): Promise<DecisionDoc[]> {
  if (proposals.length === 0) return [];
  const { version, policy } = await repos.policies.current();
  const docs = proposals.map((p): DecisionDoc => {
    const verdict = evaluatePolicy(policy, actingAs, p.action, p.targets, evidence);
    const status: DecisionStatus =
      verdict.outcome === "allowed"
        ? isSafe(p.action)
          ? "executed"
          : "approved"
        : verdict.outcome === "needs_approval"
          ? "pending"
          : "rejected";
    return {
      _id: newDecisionId(),
      action: p.action,
      targets: p.targets,
      situation_id: p.situationId ?? null,
      evidence: p.evidence ?? {},
      confidence: clamp01(p.confidence),
      reasoning: p.reasoning.slice(0, 2_000),
      proposed_by: p.proposer,
      status,
      created_at: now,
      updated_at: now,
      expires_at: new Date(now.getTime() + policy.pending_expiry_hours * 3_600_000),
      policy_version: version,
      policy_verdict: verdictRecord(verdict),
      ...(status === "approved"
        ? actingAs.kind === "human"
          ? { approved_by: actingAs.name, approved_at: now, approval_channel: "direct" }
          : { approved_by: `policy:v${version}`, approved_at: now, approval_channel: "policy" }
        : {}),
      ...(status === "rejected"
        ? { rejected_by: `policy:v${version}`, reject_reason: verdict.reasons.join("; ") }
        : {}),
      ...(p.runId ? { run_id: p.runId } : {}),
      ...(p.evidenceDigest ? { evidence_digest: p.evidenceDigest } : {}),
      history: [{ at: now, status, by: p.proposer.name, note: verdict.reasons.join("; ").slice(0, 500) }],
    };
  });
  // A newer decision about the same model supersedes older open ones.
  const open = await openDecisionsByTarget(repos);
  const supersede: { older: DecisionDoc; by: DecisionDoc }[] = [];
  for (const doc of docs) {
    const older = new Map<string, DecisionDoc>();
    for (const t of doc.targets)
      for (const o of open.get(modelKey(t.provider, t.model_id)) ?? []) older.set(o._id, o);
    if (older.size > 0) {
      doc.supersedes = [...older.keys()];
      for (const o of older.values()) supersede.push({ older: o, by: doc });
    }
  }
  await repos.decisions.insertMany(docs);
  for (const { older, by } of supersede) {
    await transition(
      repos,
      older._id,
      older.status,
      "superseded",
      by.proposed_by.name,
      now,
      { superseded_by: by._id },
      `superseded by ${by._id}`,
    );
  }
  await mirrorMany(repos, docs, now);
  return docs;
}

/** Every open decision, by target model: one read for a whole pass. */
export async function openDecisionsByTarget(repos: Repositories): Promise<Map<string, DecisionDoc[]>> {
  const out = new Map<string, DecisionDoc[]>();
  for (const d of await repos.decisions.find({ status: OPEN })) {
    for (const t of d.targets) {
      const k = modelKey(t.provider, t.model_id);
      out.set(k, [...(out.get(k) ?? []), d]);
    }
  }
  return out;
}

export interface ApprovalResult {
  decision: DecisionDoc;
  batch: MutationBatchDoc | null;
  /** True when this call did nothing because the decision was already executed or in progress. */
  alreadyDone: boolean;
}

/**
 * Approves and executes. Idempotent and safe under concurrency: the pending → approved move is a
 * compare-and-swap, so of two concurrent approvals exactly one executes; the other (and any
 * later call) gets the same decision and batch back, and no second batch exists.
 */
export async function approve(
  repos: Repositories,
  id: string,
  principal: Principal,
  now: Date,
  channel = "cli",
): Promise<ApprovalResult> {
  // What a crash interrupted is finished first, so the status read below is the true one.
  await recoverInterrupted(repos, principal.name, now);
  const decision = await repos.decisions.get(id);
  if (!decision)
    throw new AppError(
      "not_found",
      `No decision ${id}. List pending ones with \`bench-operator decisions list --status pending\`.`,
    );
  if (decision.status === "approved" && !decision.batch_id && decision.approval_channel !== "policy") {
    // A human approval whose execution a crash cut off: execute it now (the execution claim
    // keeps it to one batch). Policy approvals wait for the operator run and its caps.
    const { batches } = await executeApproved(repos, [decision], principal.name, now);
    const final = (await repos.decisions.get(id))!;
    return { decision: final, batch: batches[0] ?? null, alreadyDone: batches.length === 0 };
  }
  if (decision.status === "executed" || decision.status === "approved" || decision.status === "failed") {
    return {
      decision,
      batch: decision.batch_id ? await repos.mutations.get(decision.batch_id) : null,
      alreadyDone: true,
    };
  }
  if (decision.status !== "pending") {
    throw new AppError(
      "conflict",
      `Decision ${id} is ${decision.status}; only a pending decision can be approved.`,
    );
  }
  const { policy } = await repos.policies.current();
  const verdict = evaluateApproval(policy, principal, decision.action, decision.proposed_by);
  if (verdict.outcome !== "allowed") throw new AppError("forbidden", verdict.reasons.join("; "));

  const moved = await transition(repos, id, "pending", "approved", principal.name, now, {
    approved_by: principal.name,
    approved_at: now,
    approval_channel: channel,
  });
  if (!moved) {
    const current = (await repos.decisions.get(id))!;
    return {
      decision: current,
      batch: current.batch_id ? await repos.mutations.get(current.batch_id) : null,
      alreadyDone: true,
    };
  }
  const { batches } = await executeApproved(repos, [moved], principal.name, now);
  const final = (await repos.decisions.get(id))!;
  return { decision: final, batch: batches[0] ?? null, alreadyDone: false };
}

export async function reject(
  repos: Repositories,
  id: string,
  principal: Principal,
  reason: string,
  now: Date,
): Promise<DecisionDoc> {
  if (principal.role === "viewer") throw new AppError("forbidden", "The viewer role can only read.");
  const decision = await repos.decisions.get(id);
  if (!decision) throw new AppError("not_found", `No decision ${id}.`);
  if (decision.status === "rejected") return decision;
  if (decision.status !== "pending")
    throw new AppError(
      "conflict",
      `Decision ${id} is ${decision.status}; only a pending decision can be rejected.`,
    );
  const moved = await transition(
    repos,
    id,
    "pending",
    "rejected",
    principal.name,
    now,
    { rejected_by: principal.name, reject_reason: reason },
    reason,
  );
  if (!moved) throw new AppError("conflict", `Decision ${id} changed while rejecting it; look at it again.`);
  return moved;
}

/** Pending decisions past their expiry become expired; returns how many. */
export async function expirePending(repos: Repositories, now: Date): Promise<number> {
  const stale = await repos.decisions.find({ status: "pending", expiresBefore: now });
  let n = 0;
  for (const d of stale)
    if (await transition(repos, d._id, "pending", "expired", "expiry", now, {}, "not approved in time")) n++;
  return n;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function verdictRecord(v: Verdict): DecisionDoc["policy_verdict"] {
  return {
    outcome: v.outcome,
    reasons: v.reasons,
    ...(v.outcome === "needs_approval" ? { approver_roles: v.approverRoles } : {}),
  };
}
