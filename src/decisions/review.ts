import { AppError } from "../errors.js";
import { evaluateApproval } from "../policy/evaluate.js";
import type { Principal } from "../policy/principal.js";
import type { ClaimedMove } from "../storage/claims.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { executeApproved, executeKey } from "./execute.js";
import { isSafe, nothingChangedNote } from "./safe-actions.js";
import { recoverableFrom, recoverInterrupted } from "./recover.js";
import { transition } from "./transition.js";
import { unknownId } from "./unknown-id.js";

/**
 * Reviewing a pending decision: approve (and execute), reject, expire. Every surface (the MCP
 * tools, the CLI, a future console) calls these, so the policy and the principal are checked
 * here, once per call, against one read of the decision.
 */

export interface ApprovalResult {
  decision: DecisionDoc;
  batch: MutationBatchDoc | null;
  /** True when this call did nothing because the decision was already executed or in progress. */
  alreadyDone: boolean;
  /**
   * Set when another call is approving or executing it right now and had not finished within
   * the wait (`SETTLE_WAIT_MS`): `decision` is then as that call has left it so far.
   */
  inProgress: InProgress | null;
}

/** Who is moving a decision on right now, as far as the claims say. */
export interface InProgress {
  /** The principal whose call holds the move (the approver once approved). */
  by: string;
  /** The batch its execution is claimed for, once claimed. */
  batchId: string | null;
  /**
   * The move out of the decision's status that a call claimed and has not written, when that is
   * what holds it: a call still writing it, or one whose process stopped, whose move crash
   * recovery finishes from `recoverableFrom`. Null when the decision moved and its execution is
   * what is under way.
   */
  move: UnfinishedMove | null;
}

/** A claimed, unwritten move, with when crash recovery takes it over. */
export interface UnfinishedMove extends ClaimedMove {
  recoverableFrom: Date;
}

/** How long a call that lost a decision's move to another call waits for that call to finish. */
export const SETTLE_WAIT_MS = 5_000;
const SETTLE_POLL_MS = 50;

/** Tests shorten the wait; surfaces leave it. */
export interface SettleOptions {
  waitMs?: number;
}

/**
 * An approval's options: the settle wait, and the approver's own words, kept as the note of the
 * approval in the decision's history (a person acting directly on the change a pending decision
 * proposes approves that decision, and their reason is kept with it).
 */
export interface ApproveOptions extends SettleOptions {
  note?: string;
}

/** A decision read once and found approvable by `principal`. Only `checkApproval` makes one. */
export interface ApprovalCheck {
  readonly decision: DecisionDoc;
  readonly principal: Principal;
}

const checked = new WeakSet<ApprovalCheck>();
const DONE = new Set(["executed", "approved", "failed"]);

/**
 * Reads the decision once and asks the policy once whether `principal` may approve it, whatever
 * its status. Approving a decision that is already done, for one who may, returns it unchanged;
 * a rejected, expired or superseded one is a conflict. A surface that must ask a human in between (the MCP tools'
 * confirmation) checks first, then passes the check to `approveChecked`.
 */
export async function checkApproval(
  repos: Repositories,
  id: string,
  principal: Principal,
  now: Date = new Date(),
): Promise<ApprovalCheck> {
  // What a crash interrupted is finished first, so the status read below is the true one.
  await recoverInterrupted(repos, principal.name, now);
  const decision = await repos.decisions.get(id);
  if (!decision) throw unknownId("decision", id, repos.databaseName);
  // Who may approve is asked whatever the status: approving a decision that is already done
  // answers as an approval would (its batch), so it is for those who may approve it. Only the
  // kill switch is left out when the call can change nothing (the decision is executed, failed
  // or waits for the operator pass that the policy approved it for).
  const { policy } = await repos.policies.current();
  const changesNothing = decision.status !== "pending" && !awaitsHumanExecution(decision);
  const verdict = evaluateApproval(
    changesNothing ? { ...policy, kill_switch: false } : policy,
    principal,
    decision.action,
    decision.proposed_by,
  );
  if (verdict.outcome !== "allowed")
    throw new AppError(
      "forbidden",
      verdict.reasons.join("; ") +
        (changesNothing ? `; and it waits for no approval: it is ${stateText(decision)}` : ""),
    );
  if (decision.status !== "pending" && !DONE.has(decision.status))
    throw new AppError(
      "conflict",
      `Decision ${id} is ${stateText(decision)}; only a pending decision can be approved.`,
    );
  const check = { decision, principal };
  checked.add(check);
  return check;
}

/**
 * Approves and executes. Idempotent and safe under concurrency: the pending → approved move is a
 * compare-and-swap, so of two concurrent approvals exactly one executes; the other waits (at most
 * `SETTLE_WAIT_MS`) for it to finish and gets the same decision and batch back, or, when it has
 * not finished by then, `inProgress` saying who is executing it. No second batch exists.
 */
export async function approve(
  repos: Repositories,
  id: string,
  principal: Principal,
  now: Date,
  channel = "cli",
  opts: ApproveOptions = {},
): Promise<ApprovalResult> {
  return approveChecked(repos, await checkApproval(repos, id, principal, now), now, channel, opts);
}

/** `approve` after `checkApproval`: the decision is not read again unless another approval won. */
export async function approveChecked(
  repos: Repositories,
  check: ApprovalCheck,
  now: Date,
  channel: string,
  opts: ApproveOptions = {},
): Promise<ApprovalResult> {
  if (!checked.has(check)) throw new AppError("forbidden", "An approval must be checked by checkApproval.");
  const { decision, principal } = check;
  if (awaitsHumanExecution(decision)) {
    // A human approval whose execution a crash cut off (or that another approval moved a moment
    // ago): execute it now, the execution claim keeps it to one batch. The batch and the models
    // carry the approver's name, whoever's call carries it out. Policy approvals wait for the
    // operator run and its caps.
    const actor = decision.approved_by ?? principal.name;
    const { executed, batches } = await executeApproved(repos, [decision], actor, now);
    if (batches[0]) return executedBy(repos, decision._id, executed, batches[0]);
    return settledApproval(repos, decision._id, now, opts); // another call holds the execution
  }
  if (decision.status !== "pending")
    return settledApproval(repos, decision._id, now, { waitMs: 0 }, decision);
  // A monitor or an ignore changes nothing in the fleet: its approval is its execution, on
  // record and without a batch, in the one move (nothing is left approved to execute later).
  const safe = isSafe(decision.action);
  const moved = await transition(
    repos,
    decision._id,
    "pending",
    safe ? "executed" : "approved",
    principal.name,
    now,
    {
      approved_by: principal.name,
      approved_by_kind: principal.kind,
      approved_at: now,
      approval_channel: channel,
    },
    approvalNote(
      opts.note,
      safe ? nothingChangedNote({ action: decision.action, approved_by: principal.name }) : undefined,
    ),
  );
  if (!moved) {
    // Another call claimed the move first (an approval, or a rejection while a human was being
    // asked); it may still be writing it. Answer with what it did, once it is done.
    const result = await settledApproval(repos, decision._id, now, opts);
    const current = result.decision;
    if (current.status !== "pending" && !DONE.has(current.status))
      throw new AppError("conflict", `Decision ${current._id} is ${current.status}; it was not approved.`);
    return result;
  }
  if (safe) return { decision: moved, batch: null, alreadyDone: false, inProgress: null };
  // The execution claim decides who executes: another approval that read the decision just after
  // this move took it for an execution a crash cut off (above) and may have claimed it first.
  const { executed, batches } = await executeApproved(repos, [moved], principal.name, now);
  if (batches[0]) return executedBy(repos, decision._id, executed, batches[0]);
  return settledApproval(repos, decision._id, now, opts);
}

/** The approval's history note: the approver's words, then what the system adds; none if neither. */
function approvalNote(words: string | undefined, added: string | undefined): string | undefined {
  const parts = [words?.trim(), added].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/** This call's own execution: the decision as the batch left it. */
async function executedBy(
  repos: Repositories,
  id: string,
  executed: DecisionDoc[],
  batch: MutationBatchDoc,
): Promise<ApprovalResult> {
  const decision = executed[0] ?? (await repos.decisions.get(id))!;
  return { decision, batch, alreadyDone: false, inProgress: null };
}

/**
 * A decision no approval can move, as words after "is": its status, who moved it there, its batch,
 * or the newer decision that superseded it (the one to look at instead).
 */
function stateText(d: DecisionDoc): string {
  const by = d.status === "rejected" ? d.rejected_by : d.approved_by;
  const newer =
    d.status === "superseded" && d.superseded_by
      ? ` by ${d.superseded_by}, a newer decision about its models`
      : "";
  return `${d.status}${by ? ` by ${by}` : ""}${d.batch_id ? ` in batch ${d.batch_id}` : ""}${newer}`;
}

/**
 * Whether an approval of `d` would still do something: it is pending, or approved and waits for
 * a person to execute it.
 */
export function awaitsApproval(d: DecisionDoc): boolean {
  return d.status === "pending" || awaitsHumanExecution(d);
}

/**
 * A human-approved decision not yet executed: the approval is done and its execution is owed
 * (to the call that approved it, or, after a crash, to the next approval).
 */
function awaitsHumanExecution(d: DecisionDoc): boolean {
  return d.status === "approved" && !d.batch_id && d.approval_channel !== "policy" && !isSafe(d.action);
}

/** Another call has claimed the decision's next move and not yet written where it went. */
function inFlight(d: DecisionDoc): boolean {
  return awaitsApproval(d);
}

/**
 * What a call that did nothing answers: the decision once the call that holds it has finished
 * (polled for at most `waitMs`), with its batch; still in flight after that, who holds it.
 */
async function settledApproval(
  repos: Repositories,
  id: string,
  now: Date,
  opts: SettleOptions,
  known?: DecisionDoc,
): Promise<ApprovalResult> {
  const { decision, inProgress } = await settled(repos, id, now, opts, known);
  const batch = decision.batch_id ? await repos.mutations.get(decision.batch_id) : null;
  return { decision, batch, alreadyDone: true, inProgress };
}

async function settled(
  repos: Repositories,
  id: string,
  now: Date,
  opts: SettleOptions,
  known?: DecisionDoc,
): Promise<{ decision: DecisionDoc; inProgress: InProgress | null }> {
  const waitMs = opts.waitMs ?? SETTLE_WAIT_MS;
  let decision = known ?? (await repos.decisions.get(id))!;
  if (!inFlight(decision)) return { decision, inProgress: null };
  const held = await inProgressOf(repos, decision);
  // A claim already older than the wait is not a call about to write its move: waiting tells
  // nothing more, and the person is owed the answer now (a retry after a crash).
  if (held.move && now.getTime() - held.move.at.getTime() >= waitMs) return { decision, inProgress: held };
  const deadline = Date.now() + waitMs;
  while (inFlight(decision) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    decision = (await repos.decisions.get(id))!;
  }
  if (!inFlight(decision)) return { decision, inProgress: null };
  return { decision, inProgress: await inProgressOf(repos, decision) };
}

/** Who holds a decision in flight: its unwritten move's claim, else its execution's. */
async function inProgressOf(repos: Repositories, decision: DecisionDoc): Promise<InProgress> {
  const move = await unfinishedMove(repos, decision);
  const execution = (await repos.claims.holders([executeKey(decision._id)])).get(executeKey(decision._id));
  return { by: decision.approved_by ?? move?.by ?? "another call", batchId: execution ?? null, move };
}

/** The claimed, unwritten move that holds `decision`, if any, with when recovery takes it over. */
export async function unfinishedMove(
  repos: Repositories,
  decision: DecisionDoc,
): Promise<UnfinishedMove | null> {
  const [claimed] = await repos.claims.claimedMoves([decision]);
  return claimed ? { ...claimed, recoverableFrom: recoverableFrom(claimed) } : null;
}

/**
 * What every surface says of a decision held by a claimed, unwritten move: whose call claimed
 * which move when, that crash recovery (or a retry) finishes it from `recoverableFrom`, and that
 * the call answered changed nothing. True whether the claiming call stopped or is still writing.
 */
export function unfinishedMoveText(m: UnfinishedMove, opts: { answeredCall?: boolean } = {}): string {
  const nothing = opts.answeredCall === false ? "" : " Nothing was changed by this call.";
  const claimed = `claimed at ${m.at.toISOString()} by ${m.by} and not finished`;
  const from = m.recoverableFrom.toISOString();
  const whenRecovered = `an operator run, serve's start, or an approval or rejection of any decision after that time`;
  if (!m.to)
    return (
      `A move of decision ${m.decision} out of ${m.from} was ${claimed}; the claim does not say where to. ` +
      `Crash recovery gives the claim back from ${from} (${whenRecovered}); after that the decision can be approved or rejected again.` +
      nothing
    );
  return (
    `A move of decision ${m.decision} to ${m.to} was ${claimed}. ` +
    `Crash recovery finishes it from ${from} (${whenRecovered}), so retrying after that time finishes it.` +
    nothing
  );
}

/**
 * Rejects a pending decision; rejecting a rejected one returns it. Of a rejection and another
 * move at the same moment, the loser waits (at most `SETTLE_WAIT_MS`) for the winner: another
 * rejection is its answer, anything else a conflict that says what happened instead.
 */
export async function reject(
  repos: Repositories,
  id: string,
  principal: Principal,
  reason: string,
  now: Date,
  /** Where the person rejected it (cli, mcp, console): kept with the decision, as approvals are. */
  channel = "cli",
  opts: SettleOptions = {},
): Promise<DecisionDoc> {
  if (principal.role === "viewer") throw new AppError("forbidden", "The viewer role can only read.");
  // As for an approval: what a crash interrupted is finished first (a move claimed and never
  // written would otherwise hold the decision), so the status read below is the true one.
  await recoverInterrupted(repos, principal.name, now);
  const decision = await repos.decisions.get(id);
  if (!decision) throw unknownId("decision", id, repos.databaseName);
  if (decision.status === "rejected") return decision;
  if (decision.status !== "pending")
    throw new AppError(
      "conflict",
      `Decision ${id} is ${stateText(decision)}; only a pending decision can be rejected.`,
    );
  const moved = await transition(
    repos,
    id,
    "pending",
    "rejected",
    principal.name,
    now,
    {
      rejected_by: principal.name,
      rejected_by_kind: principal.kind,
      reject_reason: reason,
      reject_channel: channel,
    },
    reason,
  );
  if (moved) return moved;
  // Another call claimed the move first and may still be writing it.
  const { decision: current, inProgress } = await settled(repos, id, now, opts);
  if (current.status === "rejected") return current;
  if (inProgress?.move) throw new AppError("conflict", unfinishedMoveText(inProgress.move));
  if (inProgress)
    throw new AppError(
      "conflict",
      `Decision ${id} is being decided by ${inProgress.by} right now` +
        `${current.status === "approved" ? " (approved, executing)" : ""}; it was not rejected. ` +
        `Look at it again in a few seconds (\`bench-operator decisions show ${id}\`, or get_decision).`,
    );
  throw new AppError(
    "conflict",
    `Decision ${id} was ${current.status} by another call${current.approved_by ? ` (${current.approved_by})` : ""} while rejecting it; it was not rejected.`,
  );
}

/** Pending decisions past their expiry become expired; returns how many. */
export async function expirePending(repos: Repositories, now: Date): Promise<number> {
  const stale = await repos.decisions.find({ status: "pending", expiresBefore: now });
  let n = 0;
  for (const d of stale)
    if (await transition(repos, d._id, "pending", "expired", "expiry", now, {}, "not approved in time")) n++;
  return n;
}
