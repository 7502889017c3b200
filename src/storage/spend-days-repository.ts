import type { Collection, Db, UpdateFilter } from "mongodb";
import { fieldKey, SerialWrites, upsertRetrying } from "./rollup-writes.js";

export { fieldKey, fromFieldKey } from "./rollup-writes.js";

/**
 * Spend per UTC day and category (`spend_days`), kept current by `SpendRepository.record`, so the
 * read surfaces (get_costs, get_fleet_health, the report) read one document per day instead of
 * aggregating the ledger, which holds one document per benchmark run and which FerretDB scans
 * whole for any filter on `at`. The budget gates keep reading the ledger itself: it is the truth,
 * and the rollup is derived from it (`rebuild`).
 * Writes of one `_id` run one after another (`SerialWrites`: why).
 */

/** Which budget a call is charged to: the operator's own LLM, or benchmark traffic. */
export type SpendCategory = "operator" | "benchmark";

/** What the rollup reads of a ledger entry; `SpendEntry` (spend-repository.ts) extends it. */
export interface SpendEntryFields {
  at: Date;
  category: SpendCategory;
  purpose: string;
  runId: string;
  backend: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  ok: boolean;
  priceKnown?: boolean;
}

export interface SpendCounters {
  runs: number;
  ok: number;
  usd: number;
  /** Runs charged at the flat estimate (no catalog price) and what they were charged. */
  unknown_price_runs: number;
  estimated_usd: number;
}

export interface RecentCall {
  at: Date;
  purpose: string;
  run_id: string;
  backend: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  ok: boolean;
}

export interface SpendDayDoc extends Partial<SpendCounters> {
  _id: string; // <category>|<YYYY-MM-DD>
  category: SpendCategory;
  day: string;
  /** Per backend (benchmark: the provider), keys escaped by `fieldKey`. */
  by?: Record<string, Partial<SpendCounters>>;
  /** Operator calls only (a few a day, bounded by the operator's budget), for "the newest calls". */
  calls?: RecentCall[];
}

const META_ID = "meta:rebuilt";

export function spendDayId(category: SpendCategory, day: string): string {
  return `${category}|${day}`;
}

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export class SpendDaysRepository {
  private readonly col: Collection<SpendDayDoc>;
  private readonly serial = new SerialWrites();

  constructor(db: Db) {
    this.col = db.collection<SpendDayDoc>("spend_days");
  }

  /** Only `_id` reads: nothing to index. */
  async ensureIndexes(): Promise<void> {}

  /** Folds one ledger entry into its day (called by `SpendRepository.record` after the insert). */
  add(entry: SpendEntryFields): Promise<void> {
    const _id = spendDayId(entry.category, utcDay(entry.at));
    const b = `by.${fieldKey(entry.backend)}`;
    const unknown = entry.priceKnown === false;
    const update: UpdateFilter<SpendDayDoc> = {
      $inc: {
        runs: 1,
        ok: entry.ok ? 1 : 0,
        usd: entry.costUsd,
        unknown_price_runs: unknown ? 1 : 0,
        estimated_usd: unknown ? entry.costUsd : 0,
        [`${b}.runs`]: 1,
        [`${b}.ok`]: entry.ok ? 1 : 0,
        [`${b}.usd`]: entry.costUsd,
        [`${b}.unknown_price_runs`]: unknown ? 1 : 0,
        [`${b}.estimated_usd`]: unknown ? entry.costUsd : 0,
      },
      $setOnInsert: { category: entry.category, day: utcDay(entry.at) },
    };
    if (entry.category === "operator") update.$push = { calls: recentCall(entry) };
    return this.serialized(_id, () => this.upsert(_id, update));
  }

  /** The days' documents by `_id` (absent days are absent). */
  async days(category: SpendCategory, days: readonly string[]): Promise<SpendDayDoc[]> {
    if (days.length === 0) return [];
    return this.col.find({ _id: { $in: days.map((d) => spendDayId(category, d)) } }).toArray();
  }

  /** Whether the rollup holds every ledger entry (rebuilt once, or the ledger was empty when first seen). */
  async isComplete(): Promise<boolean> {
    return (await this.col.findOne({ _id: META_ID }, { projection: { _id: 1 } })) !== null;
  }

  /**
   * Replaces every day's totals with `days` (computed from a pass over the whole ledger) and
   * marks the rollup complete. Idempotent; a live write that lands between the pass and this
   * replace is lost until the next rebuild.
   */
  async replaceAll(days: SpendDayDoc[]): Promise<void> {
    for (const d of days) {
      await this.serialized(d._id, async () => {
        const { _id, ...rest } = d;
        await this.col.replaceOne({ _id }, rest, { upsert: true });
      });
    }
    await this.markComplete();
  }

  async markComplete(): Promise<void> {
    await this.col.replaceOne({ _id: META_ID }, { category: "operator", day: "" }, { upsert: true });
  }

  private upsert(_id: string, update: UpdateFilter<SpendDayDoc>): Promise<void> {
    return upsertRetrying(() => this.col.updateOne({ _id }, update, { upsert: true }));
  }

  private serialized(_id: string, write: () => Promise<void>): Promise<void> {
    return this.serial.run(_id, write);
  }
}

export function recentCall(entry: SpendEntryFields): RecentCall {
  return {
    at: entry.at,
    purpose: entry.purpose,
    run_id: entry.runId,
    backend: entry.backend,
    model: entry.model,
    input_tokens: entry.inputTokens,
    output_tokens: entry.outputTokens,
    cost_usd: entry.costUsd,
    ok: entry.ok,
  };
}
