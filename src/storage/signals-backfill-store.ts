import type { Collection, Db, Document } from "mongodb";
import { documentCount } from "./collection-stats.js";
import type {
  KeyedUpdate,
  ModelSignalDoc,
  SignalDayDoc,
  SignalsDocs,
  WatermarkDoc,
} from "./signals-documents.js";

/**
 * The signals backfill's reads and writes of the signals store (`SignalsRepository.backfill`):
 * its watermarks, which documents exist, and bulk inserts and updates of the fold
 * (src/signals/fold-write.ts).
 */
export class SignalsBackfillStore {
  private readonly watermarks: Collection<WatermarkDoc>;

  constructor(
    db: Db,
    private readonly status: Collection<ModelSignalDoc>,
    private readonly days: Collection<SignalDayDoc>,
    /** After a write of these status documents (keeps the packed copy current). */
    private readonly statusesWritten: (ids: string[]) => Promise<void> = () => Promise.resolve(),
  ) {
    this.watermarks = db.collection<WatermarkDoc>("signal_watermarks");
  }

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
    await this.written(
      which,
      docs.map((d) => d._id),
    );
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
    await this.written(
      which,
      ops.map((op) => String(op.filter["_id"])),
    );
  }

  /**
   * The same updates as `updateEach`, in order, as ordered `bulkWrite`s of `chunk` (20): on FerretDB
   * 2,000 day-bucket updates took 11.6 s one by one and 5.1 s in bulks of 20 (load 12), while a
   * bulk of 100 wedged it for minutes, as one of 300 did before (CONTRIBUTING, FerretDB).
   */
  async updateInChunks(which: keyof SignalsDocs, ops: KeyedUpdate[], chunk = 20): Promise<void> {
    const col = this.collection(which);
    for (let i = 0; i < ops.length; i += chunk) {
      await col.bulkWrite(
        ops.slice(i, i + chunk).map((op) => ({
          updateOne: { filter: op.filter, update: op.update, ...(op.upsert ? { upsert: true } : {}) },
        })),
        { ordered: true },
      );
    }
    await this.written(
      which,
      ops.map((op) => String(op.filter["_id"])),
    );
  }

  private async written(which: keyof SignalsDocs, ids: string[]): Promise<void> {
    if (which === "status" && ids.length > 0) await this.statusesWritten([...new Set(ids)]);
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
