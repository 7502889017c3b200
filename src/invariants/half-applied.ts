import type { ClaimedMove } from "../storage/claims.js";
import type { Repositories } from "../storage/repositories.js";

/**
 * Work a crash can leave half done (issue 16), found from the records alone: a batch still
 * `applying`, a decision claimed for execution but still `approved`, a human approval never
 * executed, a decision whose move was claimed but never written (a crash between the two halves
 * of `transition`), a decision in two forward batches, a revert claimed but not recorded on its
 * batch, an operator run without its final record. Anything younger than `graceMs` may still be in
 * progress and is not reported. A decision is listed once: an approved decision held by a batch or
 * owed its execution is reported as such even when its move out of `approved` is claimed too.
 */
export interface HalfApplied {
  applying: string[];
  claimedNotSettled: string[];
  approvedNotExecuted: string[];
  movesNotWritten: ClaimedMove[];
  executedTwice: { decision: string; batches: string[] }[];
  revertNotRecorded: string[];
  runsWithoutRecord: string[];
}

export async function findHalfApplied(repos: Repositories, now: Date, graceMs: number): Promise<HalfApplied> {
  const old = (at: Date): boolean => now.getTime() - at.getTime() >= graceMs;
  const applying = (await repos.mutations.applying()).filter((b) => old(b.created_at)).map((b) => b._id);

  const open = await repos.decisions.find({ status: ["pending", "approved"] });
  const approved = open.filter((d) => d.status === "approved" && old(d.updated_at));
  const claimed = await repos.claims.holders(approved.map((d) => `decision:${d._id}:execute`));
  const claimedNotSettled = approved
    .filter((d) => claimed.has(`decision:${d._id}:execute`))
    .map((d) => d._id);
  const approvedNotExecuted = approved
    .filter((d) => !claimed.has(`decision:${d._id}:execute`) && d.approval_channel !== "policy")
    .map((d) => d._id);
  const listed = new Set([...claimedNotSettled, ...approvedNotExecuted]);
  const movesNotWritten = (await repos.claims.claimedMoves(open)).filter(
    (m) => old(m.at) && !listed.has(m.decision),
  );

  const forward = await repos.mutations.createdBetween(new Date(0), {
    kind: "apply",
    fields: ["_id", "decision_ids", "abandoned", "applied_count"],
  });
  const batchesOf = new Map<string, string[]>();
  for (const b of forward.filter((b) => !b.abandoned))
    for (const d of b.decision_ids) batchesOf.set(d, [...(batchesOf.get(d) ?? []), b._id]);
  const executedTwice = [...batchesOf]
    .filter(([, bs]) => bs.length > 1)
    .map(([decision, batches]) => ({ decision, batches }));

  const revertClaims = (await repos.claims.withPrefix("batch:")).filter(
    (c) => c.key.endsWith(":revert") && old(c.at),
  );
  const originals = await repos.mutations.getMany(revertClaims.map((c) => c.key.split(":")[1]!));
  const revertNotRecorded = originals.filter((b) => !b.reverted_by).map((b) => b._id);

  const runsWithoutRecord = (await repos.operatorState.unfinishedRuns())
    .filter((r) => old(r.started_at))
    .map((r) => r._id);
  return {
    applying,
    claimedNotSettled,
    approvedNotExecuted,
    movesNotWritten,
    executedTwice,
    revertNotRecorded,
    runsWithoutRecord,
  };
}

export function countHalfApplied(h: HalfApplied): number {
  return (
    h.applying.length +
    h.claimedNotSettled.length +
    h.approvedNotExecuted.length +
    h.movesNotWritten.length +
    h.executedTwice.length +
    h.revertNotRecorded.length +
    h.runsWithoutRecord.length
  );
}
