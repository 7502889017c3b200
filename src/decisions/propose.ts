import { randomBytes } from "node:crypto";
import {
  ACTION_CLASS,
  evaluatePolicy,
  type Evidence,
  type PolicyAction,
  type Verdict,
} from "../policy/evaluate.js";
import type { Policy } from "../policy/policy.js";
import type { Principal } from "../policy/principal.js";
import {
  changeWords,
  type DecisionDoc,
  type DecisionStatus,
  type DecisionTarget,
  type Proposer,
} from "../storage/decisions-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { modelKey } from "../storage/signals-repository.js";
import { isSafe } from "./execute.js";
import { freePendingSlot, takePendingSlot } from "./pending-slot.js";
import { mirrorMany, transition } from "./transition.js";

/**
 * Proposing: a decision is recorded with the policy's verdict for who would execute it now
 * (allowed: approved, or executed when safe; needs approval: pending; denied: rejected), and a
 * newer decision about a model supersedes the older open ones.
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
  /**
   * Record it pending even when the policy would let the proposer execute it now: a proposal made
   * through MCP never executes by itself; its verdict still says what the policy concluded.
   */
  hold?: boolean;
  /**
   * Record it pending whatever the policy would allow, safe actions included, for this reason: a
   * person rejected or reverted the same change of this model not long ago (src/operator/person-word.ts).
   */
  waitFor?: string;
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
  return (await proposeOnce(repos, p, actingAs, evidence, now)).decision;
}

/**
 * What proposing recorded: the new decision, or, when the same change was already pending (or
 * another proposer recorded it pending at the same moment), that pending decision (`duplicate`).
 */
export interface Proposed {
  decision: DecisionDoc;
  duplicate: boolean;
}

/** `propose`, saying whether the decision is the same change's pending one. */
export async function proposeOnce(
  repos: Repositories,
  p: Proposal,
  actingAs: Principal,
  evidence: Evidence,
  now: Date,
): Promise<Proposed> {
  const [one] = await proposeManyOnce(repos, [p], actingAs, evidence, now);
  return one!;
}

/** `proposeManyOnce`'s decisions, each a new one or its change's pending one. */
export async function proposeMany(
  repos: Repositories,
  proposals: readonly Proposal[],
  actingAs: Principal,
  evidence: Evidence,
  now: Date,
): Promise<DecisionDoc[]> {
  return (await proposeManyOnce(repos, proposals, actingAs, evidence, now)).map((r) => r.decision);
}

/**
 * Records many decisions with the reads and writes of one: the policy and the open decisions
 * are read once, the decisions go in with one insert, and the `model_status` mirror is written
 * in bulk. An operator pass proposes hundreds at a time, and on the test database every
 * separate non-`_id` read is a collection scan and every update costs several inserts. A
 * pending decision is stored only by the proposer that claimed its change's slot
 * (pending-slot.ts); a proposal whose change another holds gets that pending decision back.
 */
export async function proposeManyOnce(
  repos: Repositories,
  proposals: readonly Proposal[],
  actingAs: Principal,
  evidence: Evidence,
  now: Date,
): Promise<Proposed[]> {
  if (proposals.length === 0) return [];
  const current = await repos.policies.current();
  const all = proposals.map((p) => newDecision(p, current, actingAs, evidence, now));
  const pendingHolder = new Map<number, DecisionDoc>();
  const own = new Map<string, DecisionDoc>();
  let databaseNow: Date | undefined;
  for (const [i, doc] of all.entries()) {
    if (doc.status !== "pending") continue;
    databaseNow ??= await repos.database.now();
    const holder = await takePendingSlot(repos, doc, databaseNow, own);
    if (holder) pendingHolder.set(i, holder);
    else own.set(doc._id, doc);
  }
  const docs = all.filter((_, i) => !pendingHolder.has(i));
  if (docs.length > 0) await record(repos, docs, now);
  return all.map((d, i) => {
    const holder = pendingHolder.get(i);
    return holder ? { decision: holder, duplicate: true } : { decision: d, duplicate: false };
  });
}

/** Stores new decisions; each supersedes the older open decisions about its models. */
async function record(repos: Repositories, docs: DecisionDoc[], now: Date): Promise<void> {
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
  try {
    await repos.decisions.insertMany(docs);
  } catch (e) {
    // The slots of those not stored go back now rather than after the cut-off (some may be in).
    for (const d of docs.filter((d) => d.status === "pending"))
      if ((await repos.decisions.get(d._id).catch(() => d)) === null)
        await freePendingSlot(repos, d).catch(() => {});
    throw e;
  }
  for (const { older, by } of supersede) {
    const fields = { superseded_by: by._id };
    const note = `superseded by ${by._id}: ${changeWords(by)} by ${by.proposed_by.kind} ${by.proposed_by.name}`;
    await transition(repos, older._id, older.status, "superseded", by.proposed_by.name, now, fields, note);
  }
  await mirrorMany(repos, docs, now);
}

function newDecision(
  p: Proposal,
  { version, policy }: { version: number; policy: Policy },
  actingAs: Principal,
  evidence: Evidence,
  now: Date,
): DecisionDoc {
  const verdict = held(evaluatePolicy(policy, actingAs, p.action, p.targets, evidence), policy, p);
  const status = statusOf(verdict, p.action);
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
        ? {
            approved_by: actingAs.name,
            approved_by_kind: "human" as const,
            approved_at: now,
            approval_channel: "direct",
          }
        : {
            approved_by: `policy:v${version}`,
            approved_by_kind: "system" as const,
            approved_at: now,
            approval_channel: "policy",
          }
      : {}),
    ...(status === "rejected"
      ? {
          rejected_by: `policy:v${version}`,
          rejected_by_kind: "system" as const,
          reject_reason: verdict.reasons.join("; "),
        }
      : {}),
    ...(p.runId ? { run_id: p.runId } : {}),
    ...(p.evidenceDigest ? { evidence_digest: p.evidenceDigest } : {}),
    history: [{ at: now, status, by: p.proposer.name, note: verdict.reasons.join("; ").slice(0, 500) }],
  };
}

/**
 * A held proposal (made through MCP) that the policy would let its proposer execute still waits
 * for approve_decision: the verdict keeps the policy's reasons and says why it waits, and names
 * who may approve it. One that must wait for a person (`waitFor`) waits even when safe.
 */
function held(verdict: Verdict, policy: Policy, p: Proposal): Verdict {
  const gated = ACTION_CLASS[p.action] === "authority_gated" ? "authority_gated" : "evidence_gated";
  if (p.waitFor && verdict.outcome !== "denied") {
    return {
      outcome: "needs_approval",
      approverRoles: verdict.outcome === "needs_approval" ? verdict.approverRoles : policy.approvers[gated],
      reasons: [...verdict.reasons, p.waitFor],
    };
  }
  if (!p.hold || verdict.outcome !== "allowed" || isSafe(p.action)) return verdict;
  return {
    outcome: "needs_approval",
    approverRoles: policy.approvers[gated],
    reasons: [
      ...verdict.reasons,
      "proposed through MCP: a proposal waits for approve_decision and never executes by itself",
    ],
  };
}

function statusOf(verdict: Verdict, action: PolicyAction): DecisionStatus {
  if (verdict.outcome === "allowed") return isSafe(action) ? "executed" : "approved";
  return verdict.outcome === "needs_approval" ? "pending" : "rejected";
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
