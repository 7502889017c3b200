import { leaveKey } from "../storage/claims.js";
import { freePendingSlot } from "./pending-slot.js";
import type { OperatorDecisionMirror } from "../storage/documents.js";
import type { Repositories } from "../storage/repositories.js";
import { modelKey } from "../storage/signals-repository.js";
import type {
  DecisionDoc,
  DecisionStatus,
  DecisionTarget,
  Proposer,
} from "../storage/decisions-repository.js";

/**
 * How a decision's status moves (once, by claim) and how each move is mirrored into
 * `model_status.operator_decision`. Shared by the decision service, execution and recovery.
 */

/**
 * What a claimed move writes, kept with its claim: a process that stops between the claim and
 * the write leaves the decision in `from` with the claim taken, so no one else may move it, and
 * crash recovery (src/decisions/recover.ts) finishes the move the claim names.
 */
export interface MoveIntent {
  to: DecisionStatus;
  fields: Partial<DecisionDoc>;
  note?: string;
}

/** Moves a decision from one status to another with compare-and-swap; null if it had moved on. */
export async function transition(
  repos: Repositories,
  id: string,
  from: DecisionStatus,
  to: DecisionStatus,
  by: string,
  now: Date,
  fields: Partial<DecisionDoc> = {},
  note?: string,
): Promise<DecisionDoc | null> {
  const intent: MoveIntent = { to, fields, ...(note ? { note: note.slice(0, 500) } : {}) };
  if (!(await claimMove(repos, id, from, intent, by, now))) return null;
  return writeMove(repos, id, from, intent, by, now);
}

/**
 * The first half of a move: the claim of leaving `from`, with what the move will write. A status
 * is left once: of two concurrent moves out of it, one claims it, one stops (false).
 */
export function claimMove(
  repos: Repositories,
  id: string,
  from: DecisionStatus,
  intent: MoveIntent,
  by: string,
  now: Date,
): Promise<boolean> {
  return repos.claims.claimOnce(leaveKey(id, from), now, by, { ...intent });
}

/**
 * The second half, by the claim's holder. When the compare-and-swap finds the decision moved,
 * only crash recovery can have moved it (it finishes a claimed move whose holder looked gone):
 * that move is this one, so its result is this call's. A claim on a status the decision was not
 * in is given back, so no later recovery finishes a move nobody meant.
 */
async function writeMove(
  repos: Repositories,
  id: string,
  from: DecisionStatus,
  intent: MoveIntent,
  by: string,
  now: Date,
): Promise<DecisionDoc | null> {
  const entry = { at: now, status: intent.to, by, ...(intent.note ? { note: intent.note } : {}) };
  const doc = await repos.decisions.transition(
    id,
    from,
    { ...intent.fields, status: intent.to, updated_at: now },
    entry,
  );
  if (doc) {
    await left(repos, doc, from, now);
    return doc;
  }
  const current = await repos.decisions.get(id);
  if (current?.status === intent.to) return current;
  if (current?.status !== from) await repos.claims.release(leaveKey(id, from), by);
  return null;
}

/** A stored intent as `MoveIntent`, or null when the claim holds none (taken by an older version). */
export function moveIntentOf(value: Record<string, unknown> | undefined): MoveIntent | null {
  if (!value || typeof value["to"] !== "string") return null;
  const fields = value["fields"];
  const note = value["note"];
  return {
    to: value["to"] as DecisionStatus,
    fields: typeof fields === "object" && fields !== null ? fields : {},
    ...(typeof note === "string" ? { note } : {}),
  };
}

/** Keeps `model_status.operator_decision` in the layout the existing readers know. */
export async function mirror(repos: Repositories, d: DecisionDoc, now: Date): Promise<void> {
  await mirrorMany(repos, [d], now);
}

/**
 * The mirror of many decisions: later decisions in `docs` win for a model they share. Models
 * without a status document get theirs in one insert; the others are updated one by one.
 */
export async function mirrorMany(
  repos: Repositories,
  docs: readonly DecisionDoc[],
  now: Date,
): Promise<void> {
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

/**
 * Crash recovery's move out of `from`: the same compare-and-swap, without the claim. Used only
 * when a crash came between the claim of the move and the move itself (the claim is taken, the
 * status never changed): for a decision whose execution claim recovery holds, and for a move
 * whose claim names what it writes (`MoveIntent`), finished for its holder.
 */
export async function recoverTransition(
  repos: Repositories,
  id: string,
  from: DecisionStatus,
  to: DecisionStatus,
  by: string,
  now: Date,
  fields: Partial<DecisionDoc>,
  note: string,
): Promise<DecisionDoc | null> {
  const doc = await repos.decisions.transition(
    id,
    from,
    { ...fields, status: to, updated_at: now },
    {
      at: now,
      status: to,
      by,
      note: note ? `${note.slice(0, 450)} (finished by crash recovery)` : "finished by crash recovery",
    },
  );
  if (doc) await left(repos, doc, from, now);
  return doc;
}

/** After a move: the mirror, and a decision that left pending gives its change back (pending-slot.ts). */
async function left(repos: Repositories, doc: DecisionDoc, from: DecisionStatus, now: Date): Promise<void> {
  if (from === "pending") await freePendingSlot(repos, doc);
  await mirror(repos, doc, now);
}
