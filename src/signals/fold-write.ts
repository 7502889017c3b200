import type { Repositories } from "../storage/repositories.js";
import type { KeyedUpdate, ModelSignalDoc, SignalDayDoc } from "../storage/signals-repository.js";
import type { DayAcc, ModelAcc, RawDocument as Document, SignalsFold } from "./fold.js";

/**
 * Stores a fold (`fold.ts`): documents that do not exist yet are inserted in bulk, existing ones
 * get update operators (so a live writer running at the same time never loses a count). Day
 * buckets are written before status documents, as SignalDaysCache expects.
 */

interface StreakState {
  lastSuccess: number | null;
  errorsAfter: number[];
  seededStart: number | null;
  seededCount: number;
}

type Accumulators = SignalsFold;

/** Writes a fold: day buckets before status documents, as SignalDaysCache expects. */
export async function writeSignalsFold(repos: Repositories, fold: SignalsFold, now: Date): Promise<void> {
  const streaks = await combineStreaks(repos, fold.streaks);
  await writeDays(repos, fold.days);
  await repos.signals.fleetHours.addMany([...fold.hours.values()]);
  await writeModels(repos, fold.models, streaks, now);
}

/**
 * Combines what this run saw with what the status documents already hold: the newest success
 * of either wins; the stored streak survives only if it began after that success; the errors
 * this run saw count only after it.
 */
async function combineStreaks(
  repos: Repositories,
  seen: Accumulators["streaks"],
): Promise<Map<string, StreakState>> {
  const stored = new Map<string, ModelSignalDoc>();
  for (const d of await repos.signals.backfill.statusesByIds([...seen.keys()])) stored.set(d._id, d);
  return combine(seen, stored);
}

function combine(
  seen: Accumulators["streaks"],
  stored: Map<string, ModelSignalDoc>,
): Map<string, StreakState> {
  const out = new Map<string, StreakState>();
  for (const [id, st] of seen) {
    const d = stored.get(id);
    const storedSuccess = d?.last_success_at?.getTime() ?? null;
    const lastSuccess = Math.max(storedSuccess ?? -Infinity, st.lastSuccess ?? -Infinity);
    const storedStart = d?.streak_started_at?.getTime() ?? null;
    const keepStored = storedStart !== null && storedStart > lastSuccess;
    out.set(id, {
      lastSuccess: Number.isFinite(lastSuccess) ? lastSuccess : null,
      errorsAfter: st.errorsAfter.filter((t) => t > lastSuccess),
      seededStart: keepStored ? storedStart : null,
      seededCount: keepStored ? (d?.consecutive_failures ?? 0) : 0,
    });
  }
  return out;
}

function streakFields(st: StreakState): { streak_started_at: Date | null; consecutive_failures: number } {
  const first = st.errorsAfter.length > 0 ? st.errorsAfter.reduce((a, b) => Math.min(a, b)) : null;
  const starts = [st.seededStart, first].filter((x): x is number => x !== null);
  return starts.length === 0
    ? { streak_started_at: null, consecutive_failures: 0 }
    : {
        streak_started_at: new Date(Math.min(...starts)),
        consecutive_failures: st.seededCount + st.errorsAfter.length,
      };
}

async function writeModels(
  repos: Repositories,
  models: Map<string, ModelAcc>,
  streaks: Map<string, StreakState>,
  now: Date,
): Promise<void> {
  const existing = await repos.signals.backfill.existingIds("status", [...models.keys()]);
  const inserts: ModelSignalDoc[] = [];
  const ops: KeyedUpdate[] = [];
  for (const [_id, m] of models) {
    const streak = streakFields(streaks.get(_id)!);
    if (!existing.has(_id)) {
      inserts.push(newStatusDoc(_id, m, streak, now));
      continue;
    }
    ops.push(...statusUpdates(_id, m, streak, now));
  }
  await repos.signals.backfill.insertOrUpdate("status", inserts, (doc) =>
    statusUpdates(doc._id, models.get(doc._id)!, streakFields(streaks.get(doc._id)!), now),
  );
  await repos.signals.backfill.updateInChunks("status", ops);
}

function newStatusDoc(
  _id: string,
  m: ModelAcc,
  streak: ReturnType<typeof streakFields>,
  now: Date,
): ModelSignalDoc {
  const doc: ModelSignalDoc = {
    _id,
    provider: m.provider,
    model_id: m.model_id,
    successes_total: m.successes,
    errors_total: m.errors,
    updated_at: now,
    consecutive_failures: streak.consecutive_failures,
    recent_errors: Object.fromEntries(m.recent),
  };
  if (streak.streak_started_at) doc.streak_started_at = streak.streak_started_at;
  if (m.newestSuccess) {
    Object.assign(doc, {
      last_success_at: m.newestSuccess.ts,
      last_ttft: m.newestSuccess.ttft,
      last_tokens_per_second: m.newestSuccess.tps,
    });
  }
  if (m.newestError) {
    const e = m.newestError;
    Object.assign(doc, {
      last_error_at: e.ts,
      last_error_kind: e.kind,
      last_error_class: e.errorClass,
      last_error_message: e.message,
      last_error_display_message: e.displayMessage,
      last_error_fingerprint: e.fingerprint,
      last_error_profile_id: e.profileId,
    });
  }
  return doc;
}

/** Update operators that fold an accumulated model into an existing status document. */
function statusUpdates(
  _id: string,
  m: ModelAcc,
  streak: ReturnType<typeof streakFields>,
  now: Date,
): KeyedUpdate[] {
  const set: Document = { updated_at: now, consecutive_failures: streak.consecutive_failures };
  const inc: Document = { successes_total: m.successes, errors_total: m.errors };
  const max: Document = {};
  for (const [fp, r] of m.recent) {
    Object.assign(set, {
      [`recent_errors.${fp}.kind`]: r.kind,
      [`recent_errors.${fp}.class`]: r.class,
      [`recent_errors.${fp}.fingerprint`]: r.fingerprint,
      [`recent_errors.${fp}.message`]: r.message,
      [`recent_errors.${fp}.display_message`]: r.display_message,
    });
    inc[`recent_errors.${fp}.count`] = r.count;
    max[`recent_errors.${fp}.last_ts`] = r.last_ts;
  }
  if (m.newestSuccess) max["last_success_at"] = m.newestSuccess.ts;
  if (m.newestError) max["last_error_at"] = m.newestError.ts;
  const update: Document = { $set: set, $inc: inc };
  if (streak.streak_started_at) set["streak_started_at"] = streak.streak_started_at;
  else update["$unset"] = { streak_started_at: "" };
  if (Object.keys(max).length > 0) update["$max"] = max;
  const ops: KeyedUpdate[] = [{ filter: { _id }, update }];
  // The "newest" fields change only if this backfill holds the newest event.
  if (m.newestSuccess) {
    const s = m.newestSuccess;
    ops.push({
      filter: { _id, last_success_at: s.ts },
      update: { $set: { last_ttft: s.ttft, last_tokens_per_second: s.tps } },
    });
  }
  if (m.newestError) {
    const e = m.newestError;
    ops.push({
      filter: { _id, last_error_at: e.ts },
      update: {
        $set: {
          last_error_kind: e.kind,
          last_error_class: e.errorClass,
          last_error_message: e.message,
          last_error_display_message: e.displayMessage,
          last_error_fingerprint: e.fingerprint,
          last_error_profile_id: e.profileId,
        },
      },
    });
  }
  return ops;
}

async function writeDays(repos: Repositories, days: Map<string, DayAcc>): Promise<void> {
  if (days.size === 0) return;
  const existing = await repos.signals.backfill.existingIds("days", [...days.keys()]);
  const dayUpdate = (_id: string): KeyedUpdate[] => {
    const d = days.get(_id)!;
    const update: Document = { $inc: d.inc, $setOnInsert: d.key };
    if (Object.keys(d.min).length > 0) update["$min"] = d.min;
    if (Object.keys(d.max).length > 0) update["$max"] = d.max;
    return [{ filter: { _id }, update, upsert: true }];
  };
  const inserts: SignalDayDoc[] = [];
  const ops: KeyedUpdate[] = [];
  for (const [_id, d] of days) {
    if (existing.has(_id)) ops.push(...dayUpdate(_id));
    else inserts.push({ _id, ...d.key, ...expand(d.inc), ...d.min, ...d.max });
  }
  await repos.signals.backfill.insertOrUpdate("days", inserts, (doc) => dayUpdate(doc._id));
  await repos.signals.backfill.updateInChunks("days", ops);
}

/** Counter paths split at their dots, by path: a fold's day buckets share a few hundred. */
const pathParts = new Map<string, { parents: string[]; leaf: string }>();

/** Turns dotted counter paths ("hours.h13.ok") into the nested document an insert needs. */
function expand(flat: Record<string, number>): Document {
  const out: Document = {};
  for (const [path, value] of Object.entries(flat)) {
    let split = pathParts.get(path);
    if (!split) {
      const parts = path.split(".");
      split = { parents: parts.slice(0, -1), leaf: parts[parts.length - 1]! };
      if (pathParts.size < 10_000) pathParts.set(path, split);
    }
    let node = out;
    for (const p of split.parents) node = (node[p] ??= {}) as Document;
    node[split.leaf] = value;
  }
  return out;
}
