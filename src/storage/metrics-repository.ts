import type { Collection, Filter } from "mongodb";
import {
  documentCount,
  scanAfter,
  scanUnordered,
  type ScanBatch,
  type ScanOptions,
} from "./collection-stats.js";
import type { MetricDoc } from "./documents.js";
import { readDate, readNumber } from "./legacy.js";

/** Successful published runs (`metrics_cloud_v2`); probe runs use the same class on another collection. */
export class MetricsRepository {
  constructor(private readonly col: Collection<MetricDoc>) {}

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ provider: 1, model_name: 1, gen_ts: -1 }, { name: "provider_model_gen_ts" });
    await this.col.createIndex({ provider: 1, model_name: 1, run_ts: -1 }, { name: "provider_model_run_ts" });
    await this.col.createIndex({ provider: 1, gen_ts: -1, run_ts: -1 }, { name: "provider_gen_run_ts" });
    // The signals backfill reads forward from a watermark on _id.
    await this.col.createIndex({ gen_ts: 1 }, { name: "gen_ts" });
  }

  async insert(doc: MetricDoc): Promise<void> {
    await this.col.insertOne(doc);
  }

  async insertMany(docs: MetricDoc[]): Promise<number> {
    if (docs.length === 0) return 0;
    return (await this.col.insertMany(docs, { ordered: false })).insertedCount;
  }

  async find(filter: Filter<MetricDoc>, opts: { limit?: number } = {}): Promise<MetricDoc[]> {
    const cursor = this.col.find(filter).sort({ gen_ts: -1 });
    if (opts.limit) cursor.limit(opts.limit);
    return (await cursor.toArray()).map(normalizeMetric);
  }

  async latest(provider: string, modelName: string): Promise<MetricDoc | null> {
    const doc = await this.col.findOne({ provider, model_name: modelName }, { sort: { gen_ts: -1 } });
    return doc ? normalizeMetric(doc) : null;
  }

  async count(filter: Filter<MetricDoc> = {}): Promise<number> {
    return this.col.countDocuments(filter);
  }

  /**
   * Runs per provider generated in [since, until): one `$match` on the time index plus a `$group`
   * with `$sum` (which FerretDB 1.24 supports), so the cost grows with the window, not the history.
   */
  async countByProvider(since: Date, until: Date): Promise<{ provider: string; n: number }[]> {
    const rows = await this.col
      .aggregate<{ _id: string; n: number }>([
        { $match: { gen_ts: { $gte: since, $lt: until } } },
        { $group: { _id: "$provider", n: { $sum: 1 } } },
      ])
      .toArray();
    return rows.map((r) => ({ provider: r._id, n: r.n }));
  }

  /** Raw documents as stored (any runner's shape), oldest `_id` first, after `after` (all when absent). */
  scanAfter(after?: unknown): AsyncIterable<MetricDoc> {
    return scanAfter(this.col, after);
  }

  /**
   * Raw documents as stored after `after` (all when absent), in batches, in no particular order:
   * the signals backfill's one pass (see `scanUnordered`).
   */
  scanBatches(opts: ScanOptions = {}): AsyncIterable<ScanBatch<MetricDoc>> {
    return scanUnordered(this.col, opts);
  }

  /** From the collection's statistics: cheap on FerretDB, unlike a count (see documentCount). */
  documentCount(): Promise<number> {
    return documentCount(this.col);
  }

  async hasAny(): Promise<boolean> {
    return (await this.col.findOne({}, { projection: { _id: 1 } })) !== null;
  }

  /** Whether any metric document exists (one indexed read, unlike a count on FerretDB). */
  async any(): Promise<boolean> {
    return (await this.col.findOne({}, { projection: { _id: 1 } })) !== null;
  }
}

export function normalizeMetric(doc: MetricDoc): MetricDoc {
  const out: MetricDoc = { ...doc };
  out.run_ts = readDate(doc.run_ts) ?? readDate(doc.gen_ts) ?? new Date(0);
  out.gen_ts = readDate(doc.gen_ts) ?? out.run_ts;
  for (const f of ["requested_tokens", "output_tokens", "generate_time", "tokens_per_second"] as const) {
    out[f] = readNumber(doc[f]) ?? 0;
  }
  const ttft = readNumber(doc.time_to_first_token);
  // 0 was the earlier runners' placeholder for "no first token"; it is not a measurement.
  out.time_to_first_token = ttft === undefined || ttft <= 0 ? null : ttft;
  out.times_between_tokens = Array.isArray(doc.times_between_tokens) ? doc.times_between_tokens : [];
  return out;
}
