import type { Collection, Document, Filter } from "mongodb";
import {
  documentCount,
  scanAfter,
  scanUnordered,
  type ScanBatch,
  type ScanOptions,
} from "./collection-stats.js";
import type { ErrorDoc } from "./documents.js";
import { readDate, readNumber } from "./legacy.js";

/** One document per failed attempt (`errors_cloud`). */
export class ErrorsRepository {
  constructor(private readonly col: Collection<ErrorDoc>) {}

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ provider: 1, model_name: 1, ts: -1 }, { name: "provider_model_ts" });
    await this.col.createIndex(
      { provider: 1, model_name: 1, ts: -1, error_kind: 1 },
      { name: "provider_model_ts_kind" },
    );
    await this.col.createIndex({ fingerprint: 1, ts: -1 }, { name: "fingerprint_ts" });
    await this.col.createIndex({ ts: 1 }, { name: "ts" });
  }

  async insert(doc: ErrorDoc): Promise<void> {
    await this.col.insertOne(doc);
  }

  async insertMany(docs: ErrorDoc[]): Promise<number> {
    if (docs.length === 0) return 0;
    return (await this.col.insertMany(docs, { ordered: false })).insertedCount;
  }

  async find(filter: Filter<ErrorDoc>, opts: { limit?: number } = {}): Promise<ErrorDoc[]> {
    const cursor = this.col.find(filter).sort({ ts: -1 });
    if (opts.limit) cursor.limit(opts.limit);
    return (await cursor.toArray()).map(normalizeError);
  }

  async count(filter: Filter<ErrorDoc> = {}): Promise<number> {
    return this.col.countDocuments(filter);
  }

  /**
   * Errors per provider and stored `error_kind` (null when a document has none) in [since, until):
   * one `$match` plus a `$group` with `$sum`, which FerretDB 1.24 supports.
   */
  async countByProviderAndKind(
    since: Date,
    until: Date,
  ): Promise<{ provider: string; kind: string | null; n: number }[]> {
    // The earlier runner sometimes stored `ts` as an ISO string. Strings and dates never compare
    // equal in MongoDB, so strings get their own branch, compared as text: ISO 8601 sorts by time.
    const match: Document = {
      $or: [
        { ts: { $gte: since, $lt: until } },
        { ts: { $gte: since.toISOString(), $lt: until.toISOString() } },
      ],
    };
    const rows = await this.col
      .aggregate<{ _id: { provider: string; kind?: string | null }; n: number }>([
        { $match: match },
        { $group: { _id: { provider: "$provider", kind: "$error_kind" }, n: { $sum: 1 } } },
      ])
      .toArray();
    return rows.map((r) => ({
      provider: r._id.provider,
      kind: typeof r._id.kind === "string" ? r._id.kind : null,
      n: r.n,
    }));
  }

  /** Raw documents as stored (any runner's shape), oldest `_id` first, after `after` (all when absent). */
  scanAfter(after?: unknown): AsyncIterable<ErrorDoc> {
    return scanAfter(this.col, after);
  }

  /**
   * Raw documents as stored after `after` (all when absent), in batches, in no particular order:
   * the signals backfill's one pass (see `scanUnordered`).
   */
  scanBatches(opts: ScanOptions = {}): AsyncIterable<ScanBatch<ErrorDoc>> {
    return scanUnordered(this.col, opts);
  }

  /** From the collection's statistics: cheap on FerretDB, unlike a count (see documentCount). */
  documentCount(): Promise<number> {
    return documentCount(this.col);
  }

  async hasAny(): Promise<boolean> {
    return (await this.col.findOne({}, { projection: { _id: 1 } })) !== null;
  }
}

export function normalizeError(doc: ErrorDoc): ErrorDoc {
  const out: ErrorDoc = { ...doc };
  out.ts = readDate(doc.ts) ?? new Date(0);
  out.message = typeof doc.message === "string" ? doc.message : String(doc.message ?? "");
  out.error_kind = typeof doc.error_kind === "string" ? doc.error_kind : "unknown";
  const status = readNumber(doc.http_status);
  out.http_status = status ?? null;
  return out;
}
