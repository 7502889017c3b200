import type { Collection, Db } from "mongodb";
import { fieldKey, fromFieldKey, SerialWrites, upsertRetrying } from "./rollup-writes.js";

/**
 * Runs per provider and per error kind in one document per UTC hour (`fleet_hours`), kept current
 * by every signals writer (`SignalsRepository.applySuccess` / `applyError`, the backfill's fold),
 * so the fleet-wide reads (overview, fleet health, the report's rates) read 24 to a few hundred
 * documents by `_id` whatever the number of models or the length of the history. The per-model
 * day buckets stay the truth it is rebuilt from (`rebuild`). Writes of one `_id` run one after
 * another (`SerialWrites`: why).
 */

export interface HourCounts {
  ok?: number;
  err?: number;
  /** Errors by kind. */
  k?: Record<string, number>;
}

export interface FleetHourDoc {
  _id: string; // YYYY-MM-DDTHH
  hour: Date;
  /** Per provider, keys escaped by `fieldKey`. */
  p?: Record<string, HourCounts>;
}

/** One provider's runs in one hour. */
export interface ProviderHour {
  ok: number;
  err: number;
  /** Errors by kind. */
  k: Record<string, number>;
}

/** One hour as readers use it: provider names unescaped. */
export interface FleetHour {
  hour: Date;
  providers: Map<string, ProviderHour>;
}

const META_ID = "meta:rebuilt";

export function hourId(ts: Date): string {
  return ts.toISOString().slice(0, 13);
}

export function startOfHour(ts: Date): Date {
  return new Date(Math.floor(ts.getTime() / 3_600_000) * 3_600_000);
}

export class FleetHoursRepository {
  private readonly col: Collection<FleetHourDoc>;
  private readonly serial = new SerialWrites();

  constructor(db: Db) {
    this.col = db.collection<FleetHourDoc>("fleet_hours");
  }

  /** Only `_id` reads: nothing to index. */
  async ensureIndexes(): Promise<void> {}

  /** Adds counts to one hour: `inc` maps `provider` to its counts (as the fold accumulates them). */
  add(hour: Date, inc: Map<string, ProviderHour>): Promise<void> {
    const _id = hourId(hour);
    const $inc: Record<string, number> = {};
    for (const [provider, c] of inc) {
      const p = `p.${fieldKey(provider)}`;
      if (c.ok) $inc[`${p}.ok`] = c.ok;
      if (c.err) $inc[`${p}.err`] = c.err;
      for (const [kind, n] of Object.entries(c.k)) $inc[`${p}.k.${kind}`] = n;
    }
    if (Object.keys($inc).length === 0) return Promise.resolve();
    return this.serial.run(_id, () =>
      upsertRetrying(() =>
        this.col.updateOne({ _id }, { $inc, $setOnInsert: { hour: startOfHour(hour) } }, { upsert: true }),
      ),
    );
  }

  /**
   * Adds many hours' counts (the backfill's fold): hours not stored yet are inserted with one
   * insertMany, the others updated one by one, so a first backfill of 30 days makes one write
   * instead of 720.
   */
  async addMany(hours: FleetHour[]): Promise<void> {
    if (hours.length === 0) return;
    const ids = hours.map((h) => hourId(h.hour));
    const stored = new Set(
      (await this.col.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id),
    );
    const fresh = hours.filter((h) => !stored.has(hourId(h.hour)));
    let lost = new Set<string>();
    if (fresh.length > 0) {
      try {
        await this.col.insertMany(fresh.map(toDoc), { ordered: false });
      } catch (e) {
        // A live writer created some of them meanwhile: those are added to instead.
        const errors = (e as { writeErrors?: { code?: number; index?: number }[] }).writeErrors ?? [];
        if (errors.length === 0 || errors.some((w) => w.code !== 11000)) throw e;
        lost = new Set(errors.map((w) => hourId(fresh[w.index ?? -1]!.hour)));
      }
    }
    for (const h of hours) {
      const id = hourId(h.hour);
      if (stored.has(id) || lost.has(id)) await this.add(h.hour, h.providers);
    }
  }

  addSuccess(provider: string, ts: Date): Promise<void> {
    return this.add(ts, new Map([[provider, { ok: 1, err: 0, k: {} }]]));
  }

  addError(provider: string, ts: Date, kind: string): Promise<void> {
    return this.add(ts, new Map([[provider, { ok: 0, err: 1, k: { [kind]: 1 } }]]));
  }

  /** The stored hours among `hours` (by `_id`; absent hours had no runs). */
  async hours(hours: readonly Date[]): Promise<FleetHour[]> {
    if (hours.length === 0) return [];
    const docs = await this.col.find({ _id: { $in: hours.map(hourId) } }).toArray();
    return docs.map(toFleetHour);
  }

  /** Whether every day bucket's hours are in here (rebuilt once, or none existed when first seen). */
  async isComplete(): Promise<boolean> {
    return (await this.col.findOne({ _id: META_ID }, { projection: { _id: 1 } })) !== null;
  }

  async markComplete(): Promise<void> {
    await this.col.replaceOne({ _id: META_ID }, { hour: new Date(0) }, { upsert: true });
  }

  /**
   * Replaces every hour with `hours` (summed from the day buckets) and marks the rollup complete.
   * Idempotent; a live write that lands between the pass and this replace is lost until the next
   * rebuild.
   */
  async replaceAll(hours: FleetHour[]): Promise<void> {
    for (const h of hours) {
      const { _id, ...rest } = toDoc(h);
      await this.serial.run(_id, async () => {
        await this.col.replaceOne({ _id }, rest, { upsert: true });
      });
    }
    await this.markComplete();
  }
}

/** Sums day buckets' hour counters into fleet hours (a rebuild's pass, or a reader's fallback). */
export async function foldDayHours(
  days: AsyncIterable<{ provider: string; day: Date; hours?: Record<string, HourCounts> }>,
): Promise<FleetHour[]> {
  const out = new Map<string, FleetHour>();
  for await (const d of days) {
    for (const [h, c] of Object.entries(d.hours ?? {})) {
      const hour = new Date(d.day.getTime() + Number(h.slice(1)) * 3_600_000);
      const id = hourId(hour);
      let fh = out.get(id);
      if (!fh) out.set(id, (fh = { hour, providers: new Map() }));
      let p = fh.providers.get(d.provider);
      if (!p) fh.providers.set(d.provider, (p = { ok: 0, err: 0, k: {} }));
      p.ok += c.ok ?? 0;
      p.err += c.err ?? 0;
      for (const [kind, n] of Object.entries(c.k ?? {})) p.k[kind] = (p.k[kind] ?? 0) + n;
    }
  }
  return [...out.values()];
}

/** As the live `$inc`s leave it: counters that are zero are absent (readers take absent as 0). */
function toDoc(h: FleetHour): FleetHourDoc {
  const counts = (c: ProviderHour): HourCounts => ({
    ...(c.ok ? { ok: c.ok } : {}),
    ...(c.err ? { err: c.err } : {}),
    ...(Object.keys(c.k).length > 0 ? { k: c.k } : {}),
  });
  const p = Object.fromEntries([...h.providers].map(([name, c]) => [fieldKey(name), counts(c)]));
  return { _id: hourId(h.hour), hour: startOfHour(h.hour), p };
}

export function toFleetHour(d: FleetHourDoc): FleetHour {
  return {
    hour: d.hour,
    providers: new Map(
      Object.entries(d.p ?? {}).map(([name, c]) => [
        fromFieldKey(name),
        { ok: c.ok ?? 0, err: c.err ?? 0, k: { ...c.k } },
      ]),
    ),
  };
}
