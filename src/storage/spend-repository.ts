import type { Collection, Db, ObjectId } from "mongodb";
import { redactSecrets } from "../logger.js";
import { isDuplicateKey } from "./ids.js";
import {
  fieldKey,
  fromFieldKey,
  recentCall,
  spendDayId,
  SpendDaysRepository,
  utcDay,
  type RecentCall,
  type SpendCounters,
  type SpendCategory,
  type SpendDayDoc,
  type SpendEntryFields,
} from "./spend-days-repository.js";

export type { SpendCategory } from "./spend-days-repository.js";

/** Default collection name: one ledger for every paid call, whatever its category. */
export const SPEND_COLLECTION = "operator_spend";

/** Longest stored error text; provider error bodies can be whole HTML pages. */
export const MAX_STORED_ERROR_CHARS = 500;

/** One paid (or attempted) call, as stored. */
export interface SpendDoc {
  /** A key when the entry must be recorded once (`recordOnce`); otherwise generated. */
  _id?: ObjectId | string;
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

/** One ledger entry as the rest of the code sees it: what the day rollup reads, and more. */
export interface SpendEntry extends SpendEntryFields {
  usageSource: "provider" | "counted";
  latencyMs: number;
  error?: string;
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
  constructor(
    private readonly col: Collection<SpendDoc>,
    /** The per-day rollup this ledger keeps current (`spend_days`). */
    readonly days: SpendDaysRepository,
  ) {}

  static over(db: Db, name: string = SPEND_COLLECTION, days = new SpendDaysRepository(db)): SpendRepository {
    return new SpendRepository(db.collection<SpendDoc>(name), days);
  }

  async ensureIndexes(): Promise<void> {
    // Serves spentToday (category + a day's range of `at`) and the newest-first listing.
    await this.col.createIndex({ category: 1, at: 1 }, { name: "category_at" });
    await this.col.createIndex({ run_id: 1 }, { name: "run_id" });
    // A ledger that is empty when first seen needs no rebuild: every entry is rolled up as written.
    if (
      !(await this.days.isComplete()) &&
      (await this.col.findOne({}, { projection: { _id: 1 } })) === null
    ) {
      await this.days.markComplete();
    }
  }

  async record(entry: SpendEntry): Promise<void> {
    await this.col.insertOne(toDoc(entry));
    await this.days.add(entry);
  }

  /**
   * Records the entry unless one was recorded under `key` before (a result delivered again):
   * the insert of a unique `_id` decides, atomic on FerretDB too. True when it was recorded now.
   */
  async recordOnce(key: string, entry: SpendEntry): Promise<boolean> {
    try {
      await this.col.insertOne({ _id: key, ...toDoc(entry) });
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
    await this.days.add(entry);
    return true;
  }

  /**
   * Spend per UTC day (`YYYY-MM-DD`) for the read surfaces, from the per-day rollup: one `_id`
   * read per day. Until the rollup has been rebuilt from a ledger that predates it
   * (`signals backfill`), the figures come from one pass over the ledger instead.
   */
  async dayTotals(category: SpendCategory, days: readonly string[]): Promise<Map<string, DayTotals>> {
    const docs = (await this.days.isComplete())
      ? await this.days.days(category, days)
      : (await this.foldLedger()).filter((d) => d.category === category && days.includes(d.day));
    return new Map(docs.map((d) => [d.day, dayTotals(d)]));
  }

  /** Rebuilds the per-day rollup from one pass over the ledger (idempotent). */
  async rebuildDays(): Promise<number> {
    const docs = await this.foldLedger();
    await this.days.replaceAll(docs);
    return docs.length;
  }

  /** Every entry folded into day documents, in memory: one cursor over the ledger. */
  private async foldLedger(): Promise<SpendDayDoc[]> {
    const out = new Map<string, SpendDayDoc>();
    for await (const doc of this.col.find({}).batchSize(5_000)) {
      const e = toEntry(doc);
      const day = utcDay(e.at);
      const id = spendDayId(e.category, day);
      let d = out.get(id);
      if (!d) out.set(id, (d = { _id: id, category: e.category, day, ...zero(), by: {} }));
      addTo(d as SpendCounters, e);
      addTo((d.by![fieldKey(e.backend)] ??= zero()) as SpendCounters, e);
      if (e.category === "operator") (d.calls ??= []).push(recentCall(e));
    }
    return [...out.values()];
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
}

/** One day's spend as the read surfaces use it; `by` keys are backend names. */
export interface DayTotals extends SpendCounters {
  day: string;
  by: Map<string, SpendCounters>;
  calls: RecentCall[];
}

function zero(): SpendCounters {
  return { runs: 0, ok: 0, usd: 0, unknown_price_runs: 0, estimated_usd: 0 };
}

function addTo(c: SpendCounters, e: SpendEntry): void {
  c.runs++;
  if (e.ok) c.ok++;
  c.usd += e.costUsd;
  if (e.priceKnown === false) {
    c.unknown_price_runs++;
    c.estimated_usd += e.costUsd;
  }
}

function counters(c: Partial<SpendCounters>): SpendCounters {
  return {
    runs: c.runs ?? 0,
    ok: c.ok ?? 0,
    usd: c.usd ?? 0,
    unknown_price_runs: c.unknown_price_runs ?? 0,
    estimated_usd: c.estimated_usd ?? 0,
  };
}

function dayTotals(d: SpendDayDoc): DayTotals {
  return {
    day: d.day,
    ...counters(d),
    by: new Map(Object.entries(d.by ?? {}).map(([k, c]) => [fromFieldKey(k), counters(c)])),
    calls: d.calls ?? [],
  };
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

function toDoc(entry: SpendEntry): SpendDoc {
  return {
    ...recentCall(entry),
    category: entry.category,
    usage_source: entry.usageSource,
    latency_ms: entry.latencyMs,
    // Redact before truncating: a cut could leave a secret too short for the patterns to match.
    error: entry.error === undefined ? null : redactSecrets(entry.error).slice(0, MAX_STORED_ERROR_CHARS),
    ...(entry.priceKnown === undefined ? {} : { price_known: entry.priceKnown }),
  };
}
