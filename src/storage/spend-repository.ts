import type { Collection, Db, ObjectId } from "mongodb";
import { redactSecrets } from "../logger.js";
import { isDuplicateKey } from "./ids.js";
import { startOfDay } from "./signals-documents.js";
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
  /**
   * A call written before it was made (`open`), at its estimate, and not yet closed with what it
   * cost: in flight, or its process stopped during it. Absent on every closed entry.
   */
  open?: true;
}

/** One ledger entry as the rest of the code sees it: what the day rollup reads, and more. */
export interface SpendEntry extends SpendEntryFields {
  usageSource: "provider" | "counted";
  latencyMs: number;
  error?: string;
}

/** A call written to the ledger before it is made (`SpendLedger.open`), to be closed with what it cost. */
export interface OpenSpend {
  id: ObjectId;
}

/** What an open call that was never closed says once it is settled (`settleAbandoned`). */
export const ABANDONED_CALL_TEXT =
  "did not return: the process stopped during the call; charged at its estimate, as the provider may have billed it";

/** What a caller that pays for calls needs from the ledger. */
export interface SpendLedger {
  record(entry: SpendEntry): Promise<void>;
  /**
   * Writes a call about to be made, at its conservative estimate, so that today's spend counts it
   * while it is in flight (another caller's budget check sees it) and after a crash during it.
   */
  open(entry: SpendEntry): Promise<OpenSpend>;
  /** Replaces an open call's estimate with what it cost (`record`'s entry, written once). */
  close(call: OpenSpend, entry: SpendEntry): Promise<void>;
  /** Settles the category's calls still open after `olderThanMs`: their process stopped during them. */
  settleAbandoned(category: SpendCategory, now: Date, olderThanMs: number): Promise<number>;
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

  async open(entry: SpendEntry): Promise<OpenSpend> {
    // Not rolled up yet: the day rollup gets what the call cost when it closes, or its estimate
    // when it is settled as abandoned, so that it counts once either way.
    const { insertedId } = await this.col.insertOne({ ...toDoc(entry), open: true });
    // Generated, so an ObjectId: only recordOnce gives an entry a key of its own.
    return { id: insertedId as ObjectId };
  }

  async close(call: OpenSpend, entry: SpendEntry): Promise<void> {
    const closed = await this.col.updateOne(
      { _id: call.id, open: true },
      { $set: toDoc(entry), $unset: { open: "" } },
    );
    // Nothing matched only if it was settled as abandoned meanwhile (a call that outlived the
    // abandon age): its estimate is charged and rolled up already, and stands.
    if (closed.modifiedCount === 1) await this.days.add(entry);
  }

  async settleAbandoned(category: SpendCategory, now: Date, olderThanMs: number): Promise<number> {
    const before = new Date(now.getTime() - olderThanMs);
    // Bounded to a month back so the read stays on the category_at index's recent part.
    const since = new Date(before.getTime() - 30 * 24 * 60 * 60 * 1000);
    const stale = await this.col.find({ category, at: { $gte: since, $lt: before }, open: true }).toArray();
    let settled = 0;
    for (const doc of stale) {
      const done = await this.col.updateOne(
        { _id: doc._id, open: true },
        { $set: { error: ABANDONED_CALL_TEXT }, $unset: { open: "" } },
      );
      // Another instance may settle the same call: the one whose update matched rolls it up.
      if (done.modifiedCount !== 1) continue;
      await this.days.add(toEntry({ ...doc, error: ABANDONED_CALL_TEXT }));
      settled++;
    }
    return settled;
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
    // A call still open is rolled up when it closes or is settled, not before.
    for await (const doc of this.col.find({ open: { $ne: true } }).batchSize(5_000)) {
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
    const { start, end } = utcDayOf(now);
    const rows = await this.col
      .aggregate<{ total: number }>([
        { $match: { category, at: { $gte: start, $lt: end } } },
        { $group: { _id: null, total: { $sum: "$cost_usd" } } },
      ])
      .toArray();
    return rows[0]?.total ?? 0;
  }

  /**
   * Today's calls of a category still open: written at their estimate before they were made and not
   * yet closed (in flight, or left by a process that stopped, until settled). The budget check counts
   * them (`spentToday`); the day rollup does not until they close.
   */
  async openToday(category: SpendCategory, now: Date): Promise<{ calls: number; usd: number }> {
    const { start, end } = utcDayOf(now);
    // A handful at most (calls in flight), so summed here. Not by a $group: FerretDB 1.24 answers 0
    // for { $sum: "$cost_usd" } beside a count's { $sum: 1 } in one $group (checked on 1.24).
    const open = await this.col
      .find({ category, at: { $gte: start, $lt: end }, open: true }, { projection: { cost_usd: 1 } })
      .toArray();
    return { calls: open.length, usd: open.reduce((sum, d) => sum + (d.cost_usd ?? 0), 0) };
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

function toDoc(entry: SpendEntry): SpendDoc {
  return {
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

/** The UTC day `now` falls in, as the range [start, end) of `at` that spentToday and openToday read. */
function utcDayOf(now: Date): { start: Date; end: Date } {
  const start = startOfDay(now);
  return { start, end: new Date(start.getTime() + 24 * 60 * 60 * 1000) };
}
