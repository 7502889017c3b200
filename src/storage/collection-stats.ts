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

/** What `scanUnordered` reads: after which `_id`, in batches of how many, which fields. */
export interface ScanOptions {
  after?: unknown;
  batchSize?: number;
  fields?: readonly string[];
}

/** One batch of a whole-collection read, and the greatest `_id` read so far (BSON order). */
export interface ScanBatch<T> {
  docs: T[];
  maxId: unknown;
}

/**
 * Every document after `after` (all when absent) in the order the database keeps them, in
 * batches of `batchSize`. For a reader that folds a whole collection and does not care about
 * order (the signals backfill):
 * - no sort: FerretDB 1.24 sorts in memory after reading every document, which more than doubled
 *   the read of the demo's 49,830 metrics (32.8 s sorted, 12.4 s not, load 5);
 * - the next batch is requested before the current one is handed over, so the database builds
 *   it while the caller folds this one;
 * - `fields`, when given, are the only top-level fields read (`_id` always is): our FerretDB
 *   build decodes only those (tools/ferretdb/patches.json, projection pushdown: ~15 us of its CPU
 *   per demo metric document instead of ~120 us), and the driver decodes less.
 */
export async function* scanUnordered<T extends Document>(
  col: Collection<T>,
  opts: ScanOptions = {},
): AsyncGenerator<ScanBatch<T>> {
  const filter = (
    opts.after !== undefined && opts.after !== null ? { _id: { $gt: opts.after } } : {}
  ) as Filter<T>;
  const projection = opts.fields ? Object.fromEntries(opts.fields.map((f) => [f, 1])) : undefined;
  const cursor = col.find(filter, projection ? { projection } : {}).batchSize(opts.batchSize ?? 5_000);
  let maxId: unknown = opts.after ?? undefined;
  let next: Promise<boolean> | null = cursor.hasNext();
  try {
    while (await next) {
      const docs = cursor.readBufferedDocuments() as T[];
      // Requests the next batch now (the buffer is empty); awaited after this one is folded.
      next = cursor.hasNext();
      next.catch(() => undefined);
      for (const d of docs) if (compareIds(d["_id"], maxId) > 0) maxId = d["_id"];
      yield { docs, maxId };
    }
    next = null;
  } finally {
    await next?.catch(() => undefined);
    await cursor.close();
  }
}

/** BSON's order of the types an `_id` takes (numbers, strings, documents, ObjectIds, dates). */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number" || typeof v === "bigint") return 1;
  if (typeof v === "string") return 2;
  if (v instanceof Date) return 9;
  const bsonType = (v as { _bsontype?: string })._bsontype;
  if (bsonType === "ObjectId") return 7;
  if (bsonType === "Long" || bsonType === "Int32" || bsonType === "Double" || bsonType === "Decimal128")
    return 1;
  return 3;
}

/** Compares two `_id`s as the database orders them (for the types an `_id` has in practice). */
export function compareIds(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return 0;
  const key = (v: unknown): number | string =>
    ra === 1
      ? Number(v)
      : ra === 9
        ? (v as Date).getTime()
        : ra === 7
          ? (v as { toHexString(): string }).toHexString()
          : ra === 2
            ? (v as string)
            : JSON.stringify(v);
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
