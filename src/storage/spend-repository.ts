import type { Collection, Db, ObjectId } from "mongodb";
import { redactSecrets } from "../logger.js";

/** Which budget a call is charged to: the operator's own LLM, or benchmark traffic. */
export type SpendCategory = "operator" | "benchmark";

/** Default collection name: one ledger for every paid call, whatever its category. */
export const SPEND_COLLECTION = "operator_spend";

/** Longest stored error text; provider error bodies can be whole HTML pages. */
export const MAX_STORED_ERROR_CHARS = 500;

/** One paid (or attempted) call, as stored. */
export interface SpendDoc {
  _id?: ObjectId;
  at: Date;
  category: SpendCategory;
  /** What the call was for, e.g. `operator_decision`. */
  purpose: string;
  run_id: string;
  backend: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  /** `provider`: tokens as the provider reported them; `counted`: it reported none, we counted. */
  usage_source: "provider" | "counted";
  latency_ms: number;
  ok: boolean;
  /** Redacted and truncated; null on success. */
  error: string | null;
  /** Benchmark runs: false when the model has no catalog price and `cost_usd` is the budget's flat estimate. */
  price_known?: boolean;
}

/** One ledger entry as the rest of the code sees it. */
export interface SpendEntry {
  at: Date;
  category: SpendCategory;
  purpose: string;
  runId: string;
  backend: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  usageSource: "provider" | "counted";
  latencyMs: number;
  ok: boolean;
  error?: string;
  priceKnown?: boolean;
}

/** What a caller that pays for calls needs from the ledger. */
export interface SpendLedger {
  record(entry: SpendEntry): Promise<void>;
  spentToday(category: SpendCategory, now: Date): Promise<number>;
}

/**
 * The spend ledger (`operator_spend`): one document per LLM call, failed ones included, so that a
 * budget is checked against what was actually spent and an audit can say what each run cost.
 */
export class SpendRepository implements SpendLedger {
  constructor(private readonly col: Collection<SpendDoc>) {}

  static over(db: Db, name: string = SPEND_COLLECTION): SpendRepository {
    return new SpendRepository(db.collection<SpendDoc>(name));
  }

  async ensureIndexes(): Promise<void> {
    // Serves spentToday (category + a day's range of `at`) and the newest-first listing.
    await this.col.createIndex({ category: 1, at: 1 }, { name: "category_at" });
    await this.col.createIndex({ run_id: 1 }, { name: "run_id" });
  }

  async record(entry: SpendEntry): Promise<void> {
    await this.col.insertOne({
      at: entry.at,
      category: entry.category,
      purpose: entry.purpose,
      run_id: entry.runId,
      backend: entry.backend,
      model: entry.model,
      input_tokens: entry.inputTokens,
      output_tokens: entry.outputTokens,
      cost_usd: entry.costUsd,
      usage_source: entry.usageSource,
      latency_ms: entry.latencyMs,
      ok: entry.ok,
      // Redact before truncating: a cut could leave a secret too short for the patterns to match.
      error: entry.error === undefined ? null : redactSecrets(entry.error).slice(0, MAX_STORED_ERROR_CHARS),
      ...(entry.priceKnown === undefined ? {} : { price_known: entry.priceKnown }),
    });
  }

  /** USD spent in `category` during the UTC day that contains `now`. */
  async spentToday(category: SpendCategory, now: Date): Promise<number> {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const end = new Date(start.getTime() + 24 * 60 * 60 * 1000);
    const rows = await this.col
      .aggregate<{ total: number }>([
        { $match: { category, at: { $gte: start, $lt: end } } },
        { $group: { _id: null, total: { $sum: "$cost_usd" } } },
      ])
      .toArray();
    return rows[0]?.total ?? 0;
  }

  /** Entries of one run, oldest first. */
  async forRun(runId: string): Promise<SpendEntry[]> {
    const docs = await this.col.find({ run_id: runId }).sort({ at: 1, _id: 1 }).toArray();
    return docs.map(toEntry);
  }

  /** Every entry of a category at or after `since`, oldest first (one read for a cost report). */
  async since(category: SpendCategory, since: Date): Promise<SpendEntry[]> {
    const docs = await this.col
      .find({ category, at: { $gte: since } })
      .sort({ at: 1, _id: 1 })
      .toArray();
    return docs.map(toEntry);
  }

  /** Newest entries of a category, newest first. */
  async recent(category: SpendCategory, limit = 50): Promise<SpendEntry[]> {
    const docs = await this.col.find({ category }).sort({ at: -1, _id: -1 }).limit(limit).toArray();
    return docs.map(toEntry);
  }

  /** USD spent in `category` from `since` to `until`, both included (the health report's window). */
  async spentBetween(category: SpendCategory, since: Date, until: Date): Promise<number> {
    const rows = await this.col
      .aggregate<{ total: number }>([
        { $match: { category, at: { $gte: since, $lte: until } } },
        { $group: { _id: null, total: { $sum: "$cost_usd" } } },
      ])
      .toArray();
    return rows[0]?.total ?? 0;
  }
}

function toEntry(doc: SpendDoc): SpendEntry {
  const entry: SpendEntry = {
    at: doc.at,
    category: doc.category,
    purpose: doc.purpose,
    runId: doc.run_id,
    backend: doc.backend,
    model: doc.model,
    inputTokens: doc.input_tokens,
    outputTokens: doc.output_tokens,
    costUsd: doc.cost_usd,
    usageSource: doc.usage_source,
    latencyMs: doc.latency_ms,
    ok: doc.ok,
  };
  if (doc.error !== null) entry.error = doc.error;
  if (doc.price_known !== undefined) entry.priceKnown = doc.price_known;
  return entry;
}
