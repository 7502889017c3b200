import type { Collection, Db, Document, UpdateFilter } from "mongodb";
import { documentCount } from "./collection-stats.js";
import { FleetHoursRepository } from "./fleet-hours-repository.js";
import type { ErrorClass, ErrorKind } from "../taxonomy/kinds.js";

/**
 * Signals are kept current on write (DESIGN section 5): one small status document per model
 * and one bucket per model per UTC day, both maintained with update operators only
 * ($inc/$min/$max/$set), so reading the state of the whole fleet costs one document per model
 * however long the history is. The hour sub-counters make a true 24-hour window possible
 * without hourly documents.
 */

export interface RecentError {
  kind: ErrorKind;
  class: ErrorClass;
  fingerprint: string;
  message: string;
  last_ts: Date;
  count: number;
}

export interface ModelSignalDoc {
  _id: string; // provider:model_id
  provider: string;
  model_id: string;
  last_success_at?: Date | null;
  last_error_at?: Date | null;
  last_error_kind?: ErrorKind | null;
  last_error_class?: ErrorClass | null;
  last_error_message?: string | null;
  last_error_fingerprint?: string | null;
  /** The first error after the last success: failure duration is measured from here. */
  streak_started_at?: Date | null;
  consecutive_failures?: number;
  /** Keyed by fingerprint prefix; the newest few are shown. */
  recent_errors?: Record<string, RecentError>;
  last_ttft?: number | null;
  last_tokens_per_second?: number | null;
  successes_total?: number;
  errors_total?: number;
  updated_at?: Date;
}

export interface HourCounters {
  ok?: number;
  err?: number;
  k?: Partial<Record<ErrorKind, number>>;
}

export interface SignalDayDoc {
  _id: string; // provider:model_id:YYYY-MM-DD
  provider: string;
  model_id: string;
  day: Date;
  successes?: number;
  errors?: number;
  errors_by_kind?: Partial<Record<ErrorKind, number>>;
  hours?: Record<string, HourCounters>;
  ttft_sum?: number;
  ttft_n?: number;
  ttft_min?: number;
  ttft_max?: number;
  tps_sum?: number;
  tps_n?: number;
  tps_min?: number;
  tps_max?: number;
}

export interface WatermarkDoc {
  _id: string;
  last_id: unknown;
  /** Raw documents read up to last_id, so an unchanged collection is not scanned again. */
  seen?: number;
  updated_at: Date;
  /** When the collection was last checked for new documents (found some or not). */
  checked_at?: Date;
}

export function modelKey(provider: string, modelId: string): string {
  return `${provider}:${modelId}`;
}

export function dayKey(ts: Date): string {
  return ts.toISOString().slice(0, 10);
}

export function hourKey(ts: Date): string {
  return `h${String(ts.getUTCHours()).padStart(2, "0")}`;
}

export function startOfDay(ts: Date): Date {
  return new Date(`${dayKey(ts)}T00:00:00.000Z`);
}

export interface SuccessEvent {
  provider: string;
  model_id: string;
  ts: Date;
  ttft: number | null;
  tokensPerSecond: number | null;
}

export interface ErrorEvent {
  provider: string;
  model_id: string;
  ts: Date;
  kind: ErrorKind;
  errorClass: ErrorClass;
  fingerprint: string;
  /** Already normalized or redacted: this text is shown to agents. */
  message: string;
}

/** One update of the backfill's fold, filtered by `_id` (plus a condition for the "newest" fields). */
export interface KeyedUpdate {
  filter: Record<string, unknown>;
  update: Record<string, unknown>;
  upsert?: boolean;
}

interface SignalsDocs {
  status: ModelSignalDoc;
  days: SignalDayDoc;
}

export class SignalsRepository {
  private readonly status: Collection<ModelSignalDoc>;
  private readonly days: Collection<SignalDayDoc>;
  private readonly watermarks: Collection<WatermarkDoc>;

  constructor(
    db: Db,
    /** The fleet-wide hour rollup every signals write also feeds (`fleet_hours`). */
    readonly fleetHours = new FleetHoursRepository(db),
  ) {
    this.status = db.collection<ModelSignalDoc>("model_signals");
    this.days = db.collection<SignalDayDoc>("model_signal_days");
    this.watermarks = db.collection<WatermarkDoc>("signal_watermarks");
  }

  async ensureIndexes(): Promise<void> {
    await this.status.createIndex({ provider: 1, model_id: 1 }, { name: "provider_model" });
    await this.status.createIndex({ streak_started_at: 1 }, { name: "streak_started_at" });
    await this.days.createIndex({ provider: 1, model_id: 1, day: -1 }, { name: "provider_model_day" });
    await this.days.createIndex({ day: -1, provider: 1 }, { name: "day_provider" });
    // No day buckets yet: nothing predates the hour rollup, so it is complete as written.
    if (!(await this.fleetHours.isComplete()) && (await this.isEmpty(this.days))) {
      await this.fleetHours.markComplete();
    }
  }

  /** Every day bucket's hour counters, through one cursor (the hour rollup's rebuild). */
  scanDayHours(): AsyncIterable<Pick<SignalDayDoc, "provider" | "day" | "hours">> {
    return this.days.find({}, { projection: { provider: 1, day: 1, hours: 1 } }).batchSize(5_000);
  }

  // Reads.

  /** One model's status document (an `_id` read). */
  getStatus(key: string): Promise<ModelSignalDoc | null> {
    return this.status.findOne({ _id: key });
  }

  /**
   * Every status document, or one provider's. `fields` narrows what is read (the rest is
   * absent from the returned documents), for the callers that scan the whole fleet.
   */
  statuses(
    opts: { provider?: string; fields?: readonly (keyof ModelSignalDoc)[] } = {},
  ): Promise<ModelSignalDoc[]> {
    const filter = opts.provider ? { provider: opts.provider } : {};
    return this.status
      .find(filter, opts.fields ? { projection: Object.fromEntries(opts.fields.map((f) => [f, 1])) } : {})
      .toArray();
  }

  /** Day buckets by `_id` (`provider:model_id:YYYY-MM-DD`): index reads on every engine. */
  daysByIds(ids: readonly string[]): Promise<SignalDayDoc[]> {
    return this.days.find({ _id: { $in: [...ids] } }).toArray();
  }

  // Live writes (every writer of a run's outcome, through src/signals/apply.ts).

  /**
   * Folds one successful run into the model's signals. Each step is a single update operator
   * statement, so concurrent writers never lose a count. The streak is reset only when this
   * success is newer than the streak's start and no newer error is already recorded: a success
   * that arrives late (a backfill, a remote runner's spool) must not erase a failure that came
   * after it.
   */
  async applySuccess(e: SuccessEvent, now: Date): Promise<void> {
    const _id = modelKey(e.provider, e.model_id);
    // The day bucket (and the fleet's hour) first, the status after: see SignalDaysCache.
    const day: UpdateFilter<SignalDayDoc> = {
      $inc: { successes: 1, [`hours.${hourKey(e.ts)}.ok`]: 1 },
      $setOnInsert: { provider: e.provider, model_id: e.model_id, day: startOfDay(e.ts) },
    };
    if (e.ttft !== null) {
      Object.assign(day.$inc!, { ttft_sum: e.ttft, ttft_n: 1 });
      day.$min = { ttft_min: e.ttft };
      day.$max = { ttft_max: e.ttft };
    }
    if (e.tokensPerSecond !== null) {
      Object.assign(day.$inc!, { tps_sum: e.tokensPerSecond, tps_n: 1 });
      day.$min = { ...day.$min, tps_min: e.tokensPerSecond };
      day.$max = { ...day.$max, tps_max: e.tokensPerSecond };
    }
    await this.upsert("days", `${_id}:${dayKey(e.ts)}`, day);
    await this.fleetHours.addSuccess(e.provider, e.ts);

    // The usual cases in one write: the model has no status document yet, or nothing in it is
    // newer than this success (a run recorded as it finishes). Both reduce the three steps below
    // to this upsert; a benchmark pass makes one per run, and writes are what a pass waits on.
    // When something newer is recorded the filter misses, the upsert's insert collides with the
    // existing `_id`, and the order-safe steps below run instead.
    try {
      await this.status.updateOne(
        { _id, last_success_at: { $not: { $gt: e.ts } }, last_error_at: { $not: { $gt: e.ts } } },
        {
          $max: { last_success_at: e.ts },
          $inc: { successes_total: 1 },
          $set: {
            updated_at: now,
            last_ttft: e.ttft,
            last_tokens_per_second: e.tokensPerSecond,
            consecutive_failures: 0,
          },
          $unset: { streak_started_at: "" },
          $setOnInsert: { provider: e.provider, model_id: e.model_id },
        },
        { upsert: true },
      );
      return;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }

    await this.upsert("status", _id, {
      $max: { last_success_at: e.ts },
      $inc: { successes_total: 1 },
      $set: { updated_at: now },
      $setOnInsert: { provider: e.provider, model_id: e.model_id },
    });
    // Speed figures come from the newest success only.
    await this.status.updateOne(
      { _id, last_success_at: e.ts },
      { $set: { last_ttft: e.ttft, last_tokens_per_second: e.tokensPerSecond } },
    );
    await this.status.updateOne(
      { _id, streak_started_at: { $lte: e.ts }, last_error_at: { $not: { $gt: e.ts } } },
      { $unset: { streak_started_at: "" }, $set: { consecutive_failures: 0 } },
    );
  }

  /**
   * Folds one failed attempt into the model's signals. The streak start is the earliest error
   * newer than the last success ($min), which is exactly "the first error after the last
   * success" whatever order errors arrive in.
   */
  async applyError(e: ErrorEvent, now: Date): Promise<void> {
    const _id = modelKey(e.provider, e.model_id);
    // The day bucket (and the fleet's hour) first, the status after: see SignalDaysCache.
    await this.upsert("days", `${_id}:${dayKey(e.ts)}`, {
      $inc: {
        errors: 1,
        [`errors_by_kind.${e.kind}`]: 1,
        [`hours.${hourKey(e.ts)}.err`]: 1,
        [`hours.${hourKey(e.ts)}.k.${e.kind}`]: 1,
      },
      $setOnInsert: { provider: e.provider, model_id: e.model_id, day: startOfDay(e.ts) },
    });
    await this.fleetHours.addError(e.provider, e.ts, e.kind);

    const fp = `recent_errors.${e.fingerprint.slice(0, 16)}`;
    await this.upsert("status", _id, {
      $max: { last_error_at: e.ts, [`${fp}.last_ts`]: e.ts },
      $inc: { errors_total: 1, [`${fp}.count`]: 1 },
      $set: {
        updated_at: now,
        [`${fp}.kind`]: e.kind,
        [`${fp}.class`]: e.errorClass,
        [`${fp}.fingerprint`]: e.fingerprint,
        [`${fp}.message`]: e.message,
      },
      $setOnInsert: { provider: e.provider, model_id: e.model_id },
    });
    await this.status.updateOne(
      { _id, last_error_at: e.ts },
      {
        $set: {
          last_error_kind: e.kind,
          last_error_class: e.errorClass,
          last_error_message: e.message,
          last_error_fingerprint: e.fingerprint,
        },
      },
    );
    await this.status.updateOne(
      { _id, last_success_at: { $not: { $gte: e.ts } } },
      { $min: { streak_started_at: e.ts }, $inc: { consecutive_failures: 1 } },
    );
  }

  /** An upsert that retries once on the duplicate-key race two concurrent first writers can hit. */
  private async upsert(
    which: "status" | "days",
    _id: string,
    update: UpdateFilter<ModelSignalDoc> | UpdateFilter<SignalDayDoc>,
  ): Promise<void> {
    const col = which === "status" ? this.status : this.days;
    for (let attempt = 0; ; attempt++) {
      try {
        // The two collections share the _id convention; the cast keeps one code path for both.
        await (col as Collection<ModelSignalDoc>).updateOne({ _id }, update, { upsert: true });
        return;
      } catch (e) {
        // The duplicate-key code rather than `instanceof MongoServerError`: a value import of the
        // driver here would load it with every reader of signals (the MCP server before it answers).
        if (attempt === 0 && (e as { code?: number }).code === 11000) continue;
        throw e;
      }
    }
  }

  // The backfill's writes (src/signals/backfill.ts folds; these store the fold).

  watermark(id: string): Promise<WatermarkDoc | null> {
    return this.watermarks.findOne({ _id: id });
  }

  /** Records that a raw collection has been folded up to `lastId` (`seen` documents in all). */
  async saveWatermark(id: string, mark: { lastId: unknown; seen: number }, now: Date): Promise<void> {
    await this.watermarks.updateOne(
      { _id: id },
      { $set: { last_id: mark.lastId, seen: mark.seen, updated_at: now, checked_at: now } },
      { upsert: true },
    );
  }

  /** The raw collection was looked at and held nothing new. */
  async markWatermarkChecked(id: string, now: Date): Promise<void> {
    await this.watermarks.updateOne({ _id: id }, { $set: { checked_at: now } });
  }

  /** The stored status documents among `ids`, read in `$in` batches of 1,000 (none read when empty). */
  async statusesByIds(ids: readonly string[]): Promise<ModelSignalDoc[]> {
    if (ids.length === 0 || (await this.isEmpty(this.status))) return [];
    const out: ModelSignalDoc[] = [];
    for (let i = 0; i < ids.length; i += 1_000) {
      out.push(...(await this.status.find({ _id: { $in: ids.slice(i, i + 1_000) } }).toArray()));
    }
    return out;
  }

  /**
   * The `_id`s among `ids` that are stored. An empty collection (a first backfill, a fresh demo)
   * answers from its statistics, without the `$in` read that costs seconds on FerretDB.
   */
  async existingIds(which: keyof SignalsDocs, ids: string[]): Promise<Set<string>> {
    const col = this.collection(which);
    if (ids.length === 0 || (await this.isEmpty(col))) return new Set();
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += 5_000) {
      const found = await col
        .find({ _id: { $in: ids.slice(i, i + 5_000) } }, { projection: { _id: 1 } })
        .toArray();
      for (const d of found) out.add(d._id);
    }
    return out;
  }

  /**
   * Inserts documents that did not exist when we looked, with `insertMany` in chunks of 5,000;
   * any that a live writer created in the meantime (duplicate key) are folded in with update
   * operators instead.
   */
  async insertOrUpdate<W extends keyof SignalsDocs>(
    which: W,
    docs: SignalsDocs[W][],
    asUpdates: (doc: SignalsDocs[W]) => KeyedUpdate[],
  ): Promise<void> {
    const col = this.collection(which);
    for (let i = 0; i < docs.length; i += 5_000) {
      const chunk = docs.slice(i, i + 5_000);
      try {
        await col.insertMany(chunk, { ordered: false });
      } catch (e) {
        const dupIds = duplicateIds(e, chunk);
        if (dupIds === null) throw e;
        await this.updateEach(which, chunk.filter((d) => dupIds.has(d._id)).flatMap(asUpdates));
      }
    }
  }

  /**
   * One `updateOne` after another, in order: a "newest" update must follow the $max before it.
   * Not `bulkWrite`: one of 300 updates wedged FerretDB for minutes (CONTRIBUTING, FerretDB).
   */
  async updateEach(which: keyof SignalsDocs, ops: KeyedUpdate[]): Promise<void> {
    const col = this.collection(which);
    for (const op of ops) {
      await col.updateOne(op.filter, op.update, op.upsert ? { upsert: true } : {});
    }
  }

  // The two collections share the `_id` convention; the cast keeps one code path for both.
  private collection(which: keyof SignalsDocs): Collection<ModelSignalDoc> {
    return (which === "status" ? this.status : this.days) as unknown as Collection<ModelSignalDoc>;
  }

  private async isEmpty<T extends Document>(col: Collection<T>): Promise<boolean> {
    return (await documentCount(col)) === 0;
  }
}

function duplicateIds<T extends { _id: string }>(e: unknown, chunk: T[]): Set<string> | null {
  const writeErrors = (
    e as { writeErrors?: { code?: number; index?: number }[] | { code?: number; index?: number } }
  ).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (list.length === 0 || list.some((w) => w.code !== 11000)) return null;
  return new Set(list.map((w) => chunk[w.index ?? -1]?._id).filter((x): x is string => x !== undefined));
}
