import type { Db } from "mongodb";

/**
 * Exactly-once claims. A conditional update ("set approved where status is pending") is atomic
 * on MongoDB but not on FerretDB 1.24 over SQLite, where we measured several winners out of
 * five concurrent `findOneAndUpdate` calls on the same document. An insert of a unique `_id`
 * is atomic on both, so every step that must happen once (leaving a decision status, taking a
 * job tick) first claims a key; the loser does nothing.
 */
export const CLAIMS_COLLECTION = "claims";

export async function claimOnce(db: Db, key: string, now: Date, holder = "bench-operator"): Promise<boolean> {
  try {
    await db
      .collection<{ _id: string; at: Date; holder: string }>(CLAIMS_COLLECTION)
      .insertOne({ _id: key, at: now, holder });
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return false;
    throw e;
  }
}
