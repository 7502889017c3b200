import { createHash } from "node:crypto";
import { ObjectId } from "mongodb";
import type { DocId } from "./documents.js";

/**
 * An `_id` derived from a key, the same every time: a write that must land once (a run's
 * result, keyed by its claim) is an insert of this id, and a retry after a crash fails with a
 * duplicate key instead of storing the result twice.
 */
export function idFor(key: string): DocId {
  return new ObjectId(createHash("sha256").update(key).digest("hex").slice(0, 24));
}

/** True for the error an insert of an existing `_id` gives. */
export function isDuplicateKey(e: unknown): boolean {
  return (e as { code?: number } | null)?.code === 11000;
}
