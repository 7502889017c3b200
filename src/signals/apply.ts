import type { UpdateFilter } from "mongodb";
import type { ErrorClass, ErrorKind } from "../taxonomy/kinds.js";
import {
  dayKey,
  hourKey,
  modelKey,
  type ModelSignalDoc,
  type SignalDayDoc,
  type SignalsRepository,
} from "../storage/signals-repository.js";

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

/**
 * Folds one successful run into the model's signals. Each step is a single update operator
 * statement, so concurrent writers never lose a count. The streak is reset only when this
 * success is newer than the streak's start and no newer error is already recorded: a success
 * that arrives late (a backfill, a remote runner's spool) must not erase a failure that came
 * after it.
 */
export async function applySuccess(signals: SignalsRepository, e: SuccessEvent, now: Date): Promise<void> {
  const _id = modelKey(e.provider, e.model_id);
  // The day bucket first, the status after: see SignalDaysCache.
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
  await upsert(signals, "days", `${_id}:${dayKey(e.ts)}`, day);

  // The usual cases in one write: the model has no status document yet, or nothing in it is
  // newer than this success (a run recorded as it finishes). Both reduce the three steps below
  // to this upsert; a benchmark pass makes one per run, and writes are what a pass waits on.
  // When something newer is recorded the filter misses, the upsert's insert collides with the
  // existing `_id`, and the order-safe steps below run instead.
  try {
    await signals.status.updateOne(
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

  await upsert(signals, "status", _id, {
    $max: { last_success_at: e.ts },
    $inc: { successes_total: 1 },
    $set: { updated_at: now },
    $setOnInsert: { provider: e.provider, model_id: e.model_id },
  });
  // Speed figures come from the newest success only.
  await signals.status.updateOne(
    { _id, last_success_at: e.ts },
    { $set: { last_ttft: e.ttft, last_tokens_per_second: e.tokensPerSecond } },
  );
  await signals.status.updateOne(
    { _id, streak_started_at: { $lte: e.ts }, last_error_at: { $not: { $gt: e.ts } } },
    { $unset: { streak_started_at: "" }, $set: { consecutive_failures: 0 } },
  );
}

/**
 * Folds one failed attempt into the model's signals. The streak start is the earliest error
 * newer than the last success ($min), which is exactly "the first error after the last
 * success" whatever order errors arrive in.
 */
export async function applyError(signals: SignalsRepository, e: ErrorEvent, now: Date): Promise<void> {
  const _id = modelKey(e.provider, e.model_id);
  // The day bucket first, the status after: see SignalDaysCache.
  await upsert(signals, "days", `${_id}:${dayKey(e.ts)}`, {
    $inc: {
      errors: 1,
      [`errors_by_kind.${e.kind}`]: 1,
      [`hours.${hourKey(e.ts)}.err`]: 1,
      [`hours.${hourKey(e.ts)}.k.${e.kind}`]: 1,
    },
    $setOnInsert: { provider: e.provider, model_id: e.model_id, day: startOfDay(e.ts) },
  });

  const fp = `recent_errors.${e.fingerprint.slice(0, 16)}`;
  await upsert(signals, "status", _id, {
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
  await signals.status.updateOne(
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
  await signals.status.updateOne(
    { _id, last_success_at: { $not: { $gte: e.ts } } },
    { $min: { streak_started_at: e.ts }, $inc: { consecutive_failures: 1 } },
  );
}

export function startOfDay(ts: Date): Date {
  return new Date(`${dayKey(ts)}T00:00:00.000Z`);
}

/** An upsert that retries once on the duplicate-key race two concurrent first writers can hit. */
async function upsert(
  signals: SignalsRepository,
  which: "status" | "days",
  _id: string,
  update: UpdateFilter<ModelSignalDoc> | UpdateFilter<SignalDayDoc>,
): Promise<void> {
  const col = which === "status" ? signals.status : signals.days;
  for (let attempt = 0; ; attempt++) {
    try {
      // The two collections share the _id convention; the cast keeps one code path for both.
      await (col as typeof signals.status).updateOne({ _id }, update, { upsert: true });
      return;
    } catch (e) {
      // The duplicate-key code rather than `instanceof MongoServerError`: a value import of the
      // driver here would load it with every reader of signals (the MCP server before it answers).
      if (attempt === 0 && (e as { code?: number }).code === 11000) continue;
      throw e;
    }
  }
}
