import type { Collection, Db, Document, UpdateFilter } from "mongodb";
import { documentCount } from "./collection-stats.js";
import { FleetHoursRepository } from "./fleet-hours-repository.js";
import { PackedRows } from "./packed-rows.js";
import { SignalsBackfillStore } from "./signals-backfill-store.js";
import {
  dayKey,
  hourKey,
  modelKey,
  startOfDay,
  type ErrorEvent,
  type ModelSignalDoc,
  type SignalDayDoc,
  type SuccessEvent,
} from "./signals-documents.js";

/**
 * Signals are kept current on write (DESIGN section 5): one small status document per model
 * and one bucket per model per UTC day, both maintained with update operators only
 * ($inc/$min/$max/$set), so reading the state of the whole fleet costs one document per model
 * however long the history is. The hour sub-counters make a true 24-hour window possible
 * without hourly documents.
 */

export * from "./signals-documents.js";

export class SignalsRepository {
  private readonly status: Collection<ModelSignalDoc>;
  private readonly days: Collection<SignalDayDoc>;
  /** The backfill's watermarks and bulk writes of these two collections. */
  readonly backfill: SignalsBackfillStore;
  /**
   * Every status document in a few documents (see PackedRows), for the fleet-wide reads of a
   * long-lived reader (`allStatuses`); every write below marks the status it changed.
   */
  readonly packedStatuses: PackedRows<ModelSignalDoc>;

  constructor(
    db: Db,
    /** The fleet-wide hour rollup every signals write also feeds (`fleet_hours`). */
    readonly fleetHours = new FleetHoursRepository(db),
  ) {
    this.status = db.collection<ModelSignalDoc>("model_signals");
    this.days = db.collection<SignalDayDoc>("model_signal_days");
    this.packedStatuses = new PackedRows(db, "model_signals", this.status, (s) => s._id);
    // The backfill writes many statuses at once: past a few, the next packed read reads them all.
    this.backfill = new SignalsBackfillStore(db, this.status, this.days, (ids) =>
      ids.length > 50
        ? this.packedStatuses.invalidate()
        : this.packedStatuses.mark(ids.map((key) => ({ key }))),
    );
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

  /** Every status document, or one provider's, from the packed copy (see `packedStatuses`). */
  async allStatuses(opts: { provider?: string } = {}): Promise<ModelSignalDoc[]> {
    const rows = await this.packedStatuses.read();
    return opts.provider ? rows.filter((s) => s.provider === opts.provider) : rows;
  }

  /** The status documents of `keys` (`provider:model_id`), by `_id`: index reads on every engine. */
  statusesByKeys(
    keys: readonly string[],
    fields?: readonly (keyof ModelSignalDoc)[],
  ): Promise<ModelSignalDoc[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.status
      .find(
        { _id: { $in: [...keys] } },
        fields ? { projection: Object.fromEntries(fields.map((f) => [f, 1])) } : {},
      )
      .toArray();
  }

  /** Whether any model has a status document (signals were built at least once). */
  async hasStatuses(): Promise<boolean> {
    return (await this.status.findOne({}, { projection: { _id: 1 } })) !== null;
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
      await this.packedStatuses.mark([{ key: _id }]);
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
    await this.packedStatuses.mark([{ key: _id }]);
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
        [`${fp}.display_message`]: e.displayMessage,
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
          last_error_display_message: e.displayMessage,
          last_error_fingerprint: e.fingerprint,
          last_error_profile_id: e.profileId,
        },
      },
    );
    await this.status.updateOne(
      { _id, last_success_at: { $not: { $gte: e.ts } } },
      { $min: { streak_started_at: e.ts }, $inc: { consecutive_failures: 1 } },
    );
    await this.packedStatuses.mark([{ key: _id }]);
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

  private async isEmpty<T extends Document>(col: Collection<T>): Promise<boolean> {
    return (await documentCount(col)) === 0;
  }
}
