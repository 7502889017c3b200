import type { Collection, Db, Document, Filter } from "mongodb";
import { documentCount } from "./collection-stats.js";
import { decodeRows, encodeRows } from "./packed-text.js";

/** The packed copies: a head per pack and its chunks, each chunk one string field. */
export const PACKS_COLLECTION = "packed_rows";
/** One small document per row a writer changed since the pack was last written. */
export const PACK_MARKS_COLLECTION = "packed_marks";

/** Rows per chunk document (about 0.5 kB each as JSON: well under any document limit). */
const CHUNK_ROWS = 1_000;
/** More marks than this share of the rows: read the source whole instead of row by row. */
const REBUILD_SHARE = 0.25;
/** Marks read row by row at each read until this many, then folded into a new pack. */
const FOLD_AT = 100;
/**
 * A pack older than this is read as usual and written again from the source in the background:
 * a bound on how long a change no mark and no count shows (an in-place update by another
 * runner, a mark lost to a FerretDB race) stays unseen.
 */
const MAX_AGE_MS = 3_600_000;
/**
 * Chunks of a version no head points to are removed by the next stored pack once they are this
 * old (a crash between a store's steps leaves them; a younger one may be a store in progress).
 */
const ORPHAN_AGE_MS = 600_000;

interface HeadDoc {
  _id: string;
  version: string;
  chunks: number;
  rows: number;
  built_at: Date;
}

interface ChunkDoc {
  _id: string;
  /** The rows as JSON, dates and ObjectIds tagged (see `encodeRows`). */
  rows: string;
}

/** A writer's note that the row `key` changed (or was added, or removed). */
export interface MarkDoc {
  _id: string;
  pack: string;
  key: string;
  /** The row's `_id` in the source when the writer knew it (a new model row). */
  id?: unknown;
  /** Unique per write: a reader removes a mark only if it still holds the stamp it read. */
  stamp: string;
  at: Date;
}

/** A changed row as a writer names it. */
export interface RowMark {
  key: string;
  id?: unknown;
}

/**
 * Every row of a collection read fleet-wide (the models, their status documents) kept as a copy
 * in a few documents, so that a reader makes a handful of `_id` reads instead of decoding every
 * row (about 0.3 ms a document on FerretDB: 1.5 s for 5,000 models).
 *
 * How it stays current:
 * - every writer of the source, after its write, marks the rows it changed (`mark`): a small
 *   upsert in `packed_marks`. A reader reads the pack, then re-reads the marked rows by `_id` and
 *   patches them in; past FOLD_AT marks it writes a new pack and removes the marks it folded (only
 *   those still holding the stamp it read, so a write after its read stays marked);
 * - a writer that knows nothing of the pack (another runner, a raw insert or delete) is caught by
 *   the count: the patched pack must hold as many rows as the source's statistics say, or the
 *   reader reads the source whole and writes the pack again. An in-place update by such a writer
 *   is the one change this cannot see; `rebuild()` (called by the signals backfill) resets it.
 *
 * A new pack gets new chunk documents (a new `version`) and replaces the head with a
 * compare-and-swap on the version it read, so concurrent writers of a pack never mix chunks. The
 * chunks a crash between those steps leaves behind are removed by the next pack stored.
 */
export class PackedRows<T extends Document> {
  private readonly packs: Collection<{ _id: string } & Document>;
  private readonly marks: Collection<MarkDoc>;

  constructor(
    db: Db,
    private readonly name: string,
    private readonly source: Collection<T>,
    private readonly keyOf: (row: T) => string,
    /** Whether rows hold ObjectIds (models' `_id`s) to turn back into ones when read. */
    private readonly objectIds = false,
  ) {
    this.packs = db.collection(PACKS_COLLECTION);
    this.marks = db.collection<MarkDoc>(PACK_MARKS_COLLECTION);
  }

  /** Every row of the source, as stored, in no particular order. */
  async read(): Promise<T[]> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const marks = await this.marks.find({ pack: this.name }).toArray();
      const head = (await this.packs.findOne({ _id: this.headId })) as HeadDoc | null;
      if (!head || marks.length > head.rows * REBUILD_SHARE + FOLD_AT) return this.fromSource(marks, head);
      const chunks = await this.readChunks(head);
      // A newer pack replaced this one between the two reads: read the new head.
      if (!chunks) continue;
      const rows = new Map<string, T>();
      for (const row of chunks) rows.set(this.keyOf(row), row);
      if (!(await this.patch(rows, marks))) return this.fromSource(marks, head);
      // Counted after the patch: a row inserted without a mark makes the counts differ.
      if ((await documentCount(this.source)) !== rows.size) return this.fromSource(marks, head);
      if (marks.length >= FOLD_AT) await this.storeQuietly([...rows.values()], head, marks);
      else if (Date.now() - head.built_at.getTime() > MAX_AGE_MS) this.refreshInBackground(head);
      return [...rows.values()];
    }
    return this.fromSource(await this.marks.find({ pack: this.name }).toArray(), null);
  }

  /**
   * Reads the source whole and writes the pack from it: for a writer that changed many rows at
   * once (the signals backfill) or one that wrote without marking.
   */
  async rebuild(): Promise<void> {
    const marks = await this.marks.find({ pack: this.name }).toArray();
    const head = (await this.packs.findOne({ _id: this.headId })) as HeadDoc | null;
    await this.store((await this.source.find({}).toArray()) as T[], head, marks);
  }

  /** A reader's whole read of the source, stored as the new pack when it can be. */
  private async fromSource(marks: MarkDoc[], head: HeadDoc | null): Promise<T[]> {
    const rows = (await this.source.find({}).toArray()) as T[];
    await this.storeQuietly(rows, head, marks);
    return rows;
  }

  /** `store` for a reader: its rows answer even when they cannot be stored (a read-only user). */
  private async storeQuietly(rows: T[], head: HeadDoc | null, marks: MarkDoc[]): Promise<void> {
    try {
      await this.store(rows, head, marks);
    } catch {
      // Nothing lost: the pack stays as it was, and the marks with it.
    }
  }

  private refreshing = false;

  private refreshInBackground(head: HeadDoc): void {
    if (this.refreshing) return;
    this.refreshing = true;
    void this.marks
      .find({ pack: this.name })
      .toArray()
      .then((marks) => this.fromSource(marks, head))
      // The next read tries again; a closed connection at shutdown is no error to report.
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = false;
      });
  }

  /** After a write of the source: these rows changed. */
  async mark(rows: readonly RowMark[], now = new Date()): Promise<void> {
    for (const r of rows) {
      const set: Omit<MarkDoc, "_id"> = { pack: this.name, key: r.key, stamp: stamp(), at: now };
      if (r.id !== undefined) set.id = r.id;
      const _id = `${this.name}:${r.key}`;
      for (let attempt = 0; ; attempt++) {
        try {
          await this.marks.updateOne({ _id }, { $set: set }, { upsert: true });
          break;
        } catch (e) {
          // Two writers marking the same new row: the second upsert's insert collides; retry once.
          if (attempt === 0 && (e as { code?: number }).code === 11000) continue;
          throw e;
        }
      }
    }
  }

  /** Writes the pack again if a writer of many rows dropped it (`invalidate`); else nothing. */
  async rebuildIfDropped(): Promise<boolean> {
    if (await this.packs.findOne({ _id: this.headId }, { projection: { _id: 1 } })) return false;
    await this.rebuild();
    return true;
  }

  /** Drops the pack and its chunks: the next read reads the source whole (after a write of many rows). */
  async invalidate(): Promise<void> {
    const head = (await this.packs.findOne(
      { _id: this.headId },
      { projection: { version: 1, chunks: 1 } },
    )) as Pick<HeadDoc, "version" | "chunks"> | null;
    if (!head) return;
    const dropped = await this.packs.deleteOne({ _id: this.headId, version: head.version });
    if (dropped.deletedCount === 1) await this.packs.deleteMany({ _id: { $in: this.chunkIds(head) } });
  }

  /**
   * Removes the chunks of every version but `current` older than ORPHAN_AGE_MS (a version's first
   * eight characters are its time in base 36, see `stamp`): what a crash between inserting a new
   * version's chunks and moving the head, or between moving it and removing the old chunks, left.
   */
  private async sweepOrphans(current: string, now = Date.now()): Promise<void> {
    const prefix = `${this.name}:`;
    const ids = await this.packs
      .find(
        { _id: { $regex: `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}` } },
        { projection: { _id: 1 } },
      )
      .toArray();
    const orphans = ids
      .map((d) => d._id)
      .filter((id) => {
        if (id === this.headId) return false;
        const version = id.slice(prefix.length, id.lastIndexOf(":"));
        if (version === current) return false;
        const born = Number.parseInt(version.slice(0, 8), 36);
        return Number.isNaN(born) || now - born >= ORPHAN_AGE_MS;
      });
    if (orphans.length > 0) await this.packs.deleteMany({ _id: { $in: orphans } });
  }

  private get headId(): string {
    return `${this.name}:head`;
  }

  private chunkIds(head: Pick<HeadDoc, "version" | "chunks">): string[] {
    return Array.from({ length: head.chunks }, (_, i) => `${this.name}:${head.version}:${i}`);
  }

  private async readChunks(head: HeadDoc): Promise<T[] | null> {
    const docs = (await this.packs
      .find({ _id: { $in: this.chunkIds(head) } })
      .toArray()) as unknown as ChunkDoc[];
    if (docs.length !== head.chunks) return null;
    // Loaded already by the connection that read the chunks: no cost before the server answers.
    const oid = this.objectIds ? (await import("mongodb")).ObjectId : null;
    const toId = oid ? (hex: string) => new oid(hex) : undefined;
    return docs.flatMap((d) => decodeRows<T>(d.rows, toId));
  }

  /** Re-reads the marked rows by `_id` into `rows`; false when a mark names a row it cannot find. */
  private async patch(rows: Map<string, T>, marks: MarkDoc[]): Promise<boolean> {
    if (marks.length === 0) return true;
    const ids: unknown[] = [];
    for (const m of marks) {
      const id = m.id ?? (rows.get(m.key)?.["_id"] as unknown);
      // A new row whose writer did not know its `_id`: only a whole read finds it.
      if (id === undefined) return false;
      ids.push(id);
    }
    const fresh = (await this.source.find({ _id: { $in: ids } } as Filter<T>).toArray()) as T[];
    for (const m of marks) rows.delete(m.key);
    // A renamed row is read by its `_id` and lands under its new key.
    for (const row of fresh) rows.set(this.keyOf(row), row);
    return true;
  }

  /**
   * Writes `rows` as a new version and points the head at it if the head is still `before`; then
   * removes the old chunks and the marks folded in. A writer that lost the race removes its own
   * chunks and leaves the marks to the next reader.
   */
  private async store(rows: T[], before: HeadDoc | null, marks: MarkDoc[]): Promise<void> {
    const version = stamp();
    const chunks = Math.max(1, Math.ceil(rows.length / CHUNK_ROWS));
    const ids = this.chunkIds({ version, chunks });
    await this.packs.insertMany(
      ids.map((_id, i) => ({ _id, rows: encodeRows(rows.slice(i * CHUNK_ROWS, (i + 1) * CHUNK_ROWS)) })),
    );
    const head: Omit<HeadDoc, "_id"> = { version, chunks, rows: rows.length, built_at: new Date() };
    let won: boolean;
    try {
      const res = await this.packs.updateOne(
        { _id: this.headId, version: before ? before.version : { $exists: false } },
        { $set: head },
        { upsert: before === null },
      );
      won = res.matchedCount === 1 || res.upsertedCount === 1;
    } catch (e) {
      // Another reader created the head first.
      if ((e as { code?: number }).code !== 11000) throw e;
      won = false;
    }
    await this.packs.deleteMany({ _id: { $in: won && before ? this.chunkIds(before) : won ? [] : ids } });
    if (!won) return;
    await this.sweepOrphans(version);
    for (let i = 0; i < marks.length; i += 500) {
      const slice = marks.slice(i, i + 500);
      await this.marks.deleteMany({ $or: slice.map((m) => ({ _id: m._id, stamp: m.stamp })) });
    }
  }
}

/** Unique and time-ordered: eight base-36 characters of the time in ms (until 2059), then random ones. */
function stamp(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
