import type { Collection, Filter } from "mongodb";
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

  raw(): Collection<ErrorDoc> {
    return this.col;
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
