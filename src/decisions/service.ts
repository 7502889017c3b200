import { randomBytes } from "node:crypto";
import { AppError } from "../errors.js";
import { applyBatch, type ChangeRequest } from "../mutations/mutate.js";
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
import type { OperatorDecisionMirror } from "../storage/documents.js";
import type {
  DecisionDoc,
  DecisionStatus,
  DecisionTarget,
  Proposer,
} from "../storage/decisions-repository.js";

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
  const decision = await repos.decisions.get(id);
  if (!decision)
    throw new AppError(
      "not_found",
      `No decision ${id}. List pending ones with \`bench-operator decisions list --status pending\`.`,
    );
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

/**
 * Executes approved decisions in one mutation batch (per call), at most `cap` of them in
 * total and `perProvider` per provider; the rest stay approved for the next pass. Safe actions
 * (monitor, ignore) are marked executed without a batch.
 */
export async function executeApproved(
  repos: Repositories,
  decisions: DecisionDoc[],
  actor: string,
  now: Date,
  caps: { total: number; perProvider: number } = { total: Infinity, perProvider: Infinity },
): Promise<{ executed: DecisionDoc[]; deferred: DecisionDoc[]; batches: MutationBatchDoc[] }> {
  const take: DecisionDoc[] = [];
  const deferred: DecisionDoc[] = [];
  const perProvider = new Map<string, number>();
  let changes = 0;
  for (const d of decisions) {
    if (isSafe(d.action)) continue;
    const providers = [...new Set(d.targets.map((t) => t.provider))];
    const fits =
      changes + d.targets.length <= caps.total &&
      providers.every(
        (p) =>
          (perProvider.get(p) ?? 0) + d.targets.filter((t) => t.provider === p).length <= caps.perProvider,
      );
    if (!fits) {
      deferred.push(d);
      continue;
    }
    take.push(d);
    changes += d.targets.length;
    for (const t of d.targets) perProvider.set(t.provider, (perProvider.get(t.provider) ?? 0) + 1);
  }
  if (take.length === 0) return { executed: [], deferred, batches: [] };

  const requests: ChangeRequest[] = take.flatMap((d) =>
    d.targets.map((t) => ({ ...t, set: changesFor(d, actor, now) })),
  );
  const batch = await applyBatch(
    repos,
    {
      actor,
      reason: take
        .map((d) => `${d.action}: ${d.reasoning}`)
        .join(" | ")
        .slice(0, 1_000),
      decisionIds: take.map((d) => d._id),
      changes: requests,
    },
    now,
  );
  const executed: DecisionDoc[] = [];
  for (const d of take) {
    const results = batch.changes.filter((c) =>
      d.targets.some((t) => t.provider === c.provider && t.model_id === c.model_id),
    );
    const ok = results.length > 0 && results.every((c) => c.status === "applied");
    const moved = await transition(
      repos,
      d._id,
      "approved",
      ok ? "executed" : "failed",
      actor,
      now,
      { batch_id: batch._id },
      ok ? `batch ${batch._id}` : results.map((c) => c.error).join("; "),
    );
    if (moved) executed.push(moved);
    if (ok && (d.action === "disable" || d.action === "deprecate")) await snapshot(repos, d, batch._id, now);
  }
  return { executed, deferred, batches: [batch] };
}

function changesFor(d: DecisionDoc, actor: string, now: Date): ChangeRequest["set"] {
  const kind = typeof d.evidence["kind"] === "string" ? d.evidence["kind"] : null;
  switch (d.action) {
    case "disable":
    case "deprecate":
      return {
        enabled: false,
        ...(d.action === "deprecate" ? { deprecated: true } : {}),
        disabled_reason: d.reasoning.slice(0, 300),
        disabled_at: now,
        disabled_by: actor,
        disabled_class: d.action === "deprecate" ? "deprecated" : disabledClass(kind),
        // Access problems (terms, gating) can be fixed by a human: look again in 30 days.
        recheck_after: kind === "model_unavailable" ? new Date(now.getTime() + 30 * 86_400_000) : null,
      };
    case "enable":
      return {
        enabled: true,
        disabled_reason: null,
        disabled_at: null,
        disabled_by: null,
        disabled_class: null,
        recheck_after: null,
      };
    case "promote":
      // A candidate that passed its probes: measured from now on, on probation (DESIGN section 10).
      // Reverting the batch puts back `enabled:false, status:"probing"` by compare-and-swap.
      return {
        enabled: true,
        status: "probation",
        promoted_at: now,
        disabled_reason: null,
        disabled_at: null,
        disabled_by: null,
        disabled_class: null,
        recheck_after: null,
      };
    case "monitor":
    case "ignore":
    case "revert":
      throw new AppError("invalid_input", `${d.action} does not change a model through a decision`);
  }
}

/** The existing `disabled_class` vocabulary of the fleet database. */
function disabledClass(kind: string | null): string {
  if (kind === "model_retired") return "provider_retired";
  if (kind === "model_not_found" || kind === "model_unavailable") return "hard_model";
  return "unsuitable";
}

/**
 * Keeps the final statistics of a disabled model for the dashboard's historical baseline. They
 * come from the model's status document (one _id read), not from its history.
 */
async function snapshot(repos: Repositories, d: DecisionDoc, batchId: string, now: Date): Promise<void> {
  for (const t of d.targets) {
    const s = await repos.signals.getStatus(modelKey(t.provider, t.model_id));
    await repos.operatorState.recordSnapshot({
      provider: t.provider,
      model_id: t.model_id,
      at: now,
      batch_id: batchId,
      reason: d.reasoning.slice(0, 300),
      stats: s
        ? {
            last_success_at: s.last_success_at ?? null,
            last_ttft: s.last_ttft ?? null,
            last_tokens_per_second: s.last_tokens_per_second ?? null,
            successes_total: s.successes_total ?? 0,
            errors_total: s.errors_total ?? 0,
            last_error_kind: s.last_error_kind ?? null,
          }
        : {},
    });
  }
}

/** Moves a decision from one status to another with compare-and-swap; null if it had moved on. */
async function transition(
  repos: Repositories,
  id: string,
  from: DecisionStatus,
  to: DecisionStatus,
  by: string,
  now: Date,
  fields: Partial<DecisionDoc> = {},
  note?: string,
): Promise<DecisionDoc | null> {
  // A status is left once: of two concurrent transitions out of it, one claims it, one stops.
  if (!(await repos.claims.claimOnce(`decision:${id}:leave:${from}`, now, by))) return null;
  const doc = await repos.decisions.transition(
    id,
    from,
    { ...fields, status: to, updated_at: now },
    { at: now, status: to, by, ...(note ? { note: note.slice(0, 500) } : {}) },
  );
  if (doc) await mirror(repos, doc, now);
  return doc;
}

/** Keeps `model_status.operator_decision` in the layout the existing readers know. */
async function mirror(repos: Repositories, d: DecisionDoc, now: Date): Promise<void> {
  await mirrorMany(repos, [d], now);
}

/**
 * The mirror of many decisions: later decisions in `docs` win for a model they share. Models
 * without a status document get theirs in one insert; the others are updated one by one.
 */
async function mirrorMany(repos: Repositories, docs: readonly DecisionDoc[], now: Date): Promise<void> {
  const newest = new Map<string, { target: DecisionTarget; mirror: OperatorDecisionMirror }>();
  for (const d of docs) {
    // The existing vocabulary says auto_executed for what the policy executed on its own.
    const status =
      d.status === "executed" ? (d.approval_channel === "policy" ? "auto_executed" : "approved") : d.status;
    for (const t of d.targets) {
      newest.set(modelKey(t.provider, t.model_id), {
        target: t,
        mirror: {
          action: d.action,
          confidence: d.confidence,
          reasoning: d.reasoning,
          suggested_at: d.created_at,
          suggested_by: suggestedBy(d.proposed_by),
          status,
          executed_at: d.status === "executed" ? now : null,
          decision_id: d._id,
        },
      });
    }
  }
  await repos.modelStatus.mirrorDecisions([...newest.values()], now);
}

function suggestedBy(p: Proposer): string {
  if (p.kind === "fast_pass") return "fast-pass";
  if (p.kind === "llm") return `ai-operator-batch-${p.model ?? p.name}`;
  if (p.kind === "classifier") return "classifier-fallback-batch";
  return p.name;
}

function isSafe(action: PolicyAction): boolean {
  return action === "monitor" || action === "ignore";
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
