import type { Collection, Db } from "mongodb";
import type { DecisionDoc, DecisionStatus } from "./decisions-repository.js";

/**
 * Exactly-once claims. A conditional update ("set approved where status is pending") is atomic
 * on MongoDB but not on FerretDB 1.24 over SQLite, where we measured several winners out of
 * five concurrent `findOneAndUpdate` calls on the same document. An insert of a unique `_id`
 * is atomic on both, so every step that must happen once (leaving a decision status, taking a
 * job tick) first claims a key; the loser does nothing.
 */
export const CLAIMS_COLLECTION = "claims";

interface ClaimDoc {
  _id: string;
  at: Date;
  holder: string;
  /**
   * What the holder is about to write under the claim, for crash recovery to finish when the
   * holder stopped before writing it (a decision's status move). Opaque to this store but for
   * the `to` of a decision's move, which `claimedMoves` reports.
   */
  intent?: Record<string, unknown>;
}

/** A claim as read back: who holds it, since when, and what it was taken to do. */
export interface Claim {
  key: string;
  holder: string;
  at: Date;
  intent?: Record<string, unknown>;
}

/**
 * The claim of a decision's move out of `from` (src/decisions/transition.ts): its holder is the
 * principal making the move, its intent names where to (`to`) and what the move writes.
 */
export function leaveKey(id: string, from: DecisionStatus): string {
  return `decision:${id}:leave:${from}`;
}

/**
 * A decision's move claimed and not written: the claim of leaving the status the decision is
 * still in. A status is never entered twice, so such a claim is a move under way or, once its
 * holder has stopped, one that crash recovery finishes (src/decisions/recover.ts).
 */
export interface ClaimedMove {
  decision: string;
  from: DecisionStatus;
  /** Where the claim says the decision goes; null when it names no move (an older version's claim). */
  to: DecisionStatus | null;
  /** The principal whose call took the claim. */
  by: string;
  at: Date;
}

export class ClaimsRepository {
  private readonly col: Collection<ClaimDoc>;

  constructor(db: Db) {
    this.col = db.collection<ClaimDoc>(CLAIMS_COLLECTION);
  }

  /**
   * True for the one caller whose insert of `key` won; false for every other. `intent` is kept
   * with the claim (see ClaimDoc).
   */
  async claimOnce(
    key: string,
    now: Date,
    holder = "bench-operator",
    intent?: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      await this.col.insertOne({ _id: key, at: now, holder, ...(intent ? { intent } : {}) });
      return true;
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return false;
      throw e;
    }
  }

  /** Who holds each of `keys` (absent keys are not in the map): one `_id` read. */
  async holders(keys: readonly string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const docs = await this.col.find({ _id: { $in: [...keys] } }).toArray();
    return new Map(docs.map((d) => [d._id, d.holder]));
  }

  /** The claims among `keys` that are taken (absent keys are not in the map): one `_id` read. */
  async find(keys: readonly string[]): Promise<Map<string, Claim>> {
    if (keys.length === 0) return new Map();
    const docs = await this.col.find({ _id: { $in: [...keys] } }).toArray();
    return new Map(docs.map((d) => [d._id, toClaim(d)]));
  }

  /** The claimed, unwritten move of each of `decisions` that has one: one `_id` read. */
  async claimedMoves(decisions: readonly Pick<DecisionDoc, "_id" | "status">[]): Promise<ClaimedMove[]> {
    const claims = await this.find(decisions.map((d) => leaveKey(d._id, d.status)));
    return decisions.flatMap((d) => {
      const claim = claims.get(leaveKey(d._id, d.status));
      if (!claim) return [];
      const to = typeof claim.intent?.["to"] === "string" ? (claim.intent["to"] as DecisionStatus) : null;
      return [{ decision: d._id, from: d.status, to, by: claim.holder, at: claim.at }];
    });
  }

  /** Every claim whose key starts with `prefix`, with its holder. */
  async withPrefix(prefix: string): Promise<{ key: string; holder: string; at: Date }[]> {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const docs = await this.col.find({ _id: { $regex: `^${escaped}` } }).toArray();
    return docs.map((d) => ({ key: d._id, holder: d.holder, at: d.at }));
  }

  /**
   * Gives a claim back, only while `holder` still holds it. Crash recovery uses it once it has
   * proved the holder can never act (see src/decisions/recover.ts).
   */
  async release(key: string, holder: string): Promise<boolean> {
    const r = await this.col.deleteOne({ _id: key, holder });
    return r.deletedCount === 1;
  }
}

function toClaim(d: ClaimDoc): Claim {
  return { key: d._id, holder: d.holder, at: d.at, ...(d.intent ? { intent: d.intent } : {}) };
}
