import type { Collection, Document, Filter } from "mongodb";

/**
 * The collection's document count from its statistics. FerretDB 1.24 answers
 * `estimatedDocumentCount` (the `count` command) by reading every document, ~30 s on 150k
 * metrics under load, but `collStats` from SQLite's own bookkeeping; MongoDB answers both from
 * metadata. Where `collStats` is unavailable, the count is the fallback.
 */
export async function documentCount<T extends Document>(col: Collection<T>): Promise<number> {
  try {
    const stats = await col.db.command({ collStats: col.collectionName });
    if (typeof stats["count"] === "number") return stats["count"];
  } catch {
    // Not supported here (for example a restricted role): count instead.
  }
  return col.estimatedDocumentCount();
}

/**
 * Every document after `after` in `_id` order, through ONE cursor: FerretDB 1.24 scans and sorts
 * the whole collection for every query, so re-querying per batch would be quadratic.
 */
export function scanAfter<T extends Document>(col: Collection<T>, after: unknown): AsyncIterable<T> {
  return col
    .find((after !== undefined && after !== null ? { _id: { $gt: after } } : {}) as Filter<T>)
    .sort({ _id: 1 })
    .batchSize(5_000) as unknown as AsyncIterable<T>;
}
