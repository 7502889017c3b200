import type { Collection, Document } from "mongodb";
import { documentCount } from "./collection-stats.js";
import { upsertRetrying } from "./rollup-writes.js";

/** The collection of the pointers: one small document per pointer, read by `_id`. */
export const POINTERS_COLLECTION = "read_pointers";

/**
 * One answer derived from a whole insert-only collection, stored with the collection's document
 * count when it was derived.
 */
export interface PointerDoc {
  _id: string;
  /** Documents of the source collection this value accounts for. */
  count: number;
  value: Record<string, unknown>;
  built_at: Date;
}

/**
 * An answer over a whole collection (which providers have catalog rows, each provider's newest
 * discovery read) kept in one document, so a reader makes one `_id` read and one `collStats`
 * instead of scanning the collection (FerretDB scans it for every filter not on `_id`).
 *
 * Why a count: the source collections are insert-only, and some of them are also written by other
 * runners that know nothing of this pointer. The pointer holds the count of source documents it
 * accounts for; a writer that keeps it (`advance`) adds its own inserts to the count only when
 * the pointer accounted for every document before them. When the source's count differs from the
 * pointer's (another writer, a lost race, a deletion that left a different count), the reader
 * derives the value from the source again and stores it. A deletion followed by as many inserts
 * of other writers between two reads is the one change this cannot see.
 */
export class CountedPointer<V extends Record<string, unknown>> {
  constructor(
    private readonly pointers: Collection<PointerDoc>,
    private readonly id: string,
    private readonly source: Collection<Document>,
    /** The value from the source (the scan this pointer saves). */
    private readonly derive: () => Promise<V>,
  ) {}

  /** The current value: the stored one when it accounts for every source document. */
  async read(): Promise<V> {
    const [stored, count] = await Promise.all([this.stored(), documentCount(this.source)]);
    if (stored && stored.count === count) return stored.value as V;
    // Counted before deriving: a document inserted meanwhile is at worst derived but not counted,
    // so the next read derives again; never counted but missing.
    const value = await this.derive();
    await upsertRetrying(() =>
      this.pointers.replaceOne({ _id: this.id }, { count, value, built_at: new Date() }, { upsert: true }),
    );
    return value;
  }

  /**
   * What a writer reads before its insert, to `advance` after it: the stored pointer, derived
   * first when there is none yet (once per database; cheap on the empty collection of a new one).
   */
  async beforeInsert(): Promise<PointerDoc | null> {
    const stored = await this.stored();
    if (stored) return stored;
    await this.read();
    return this.stored();
  }

  private stored(): Promise<PointerDoc | null> {
    return this.pointers.findOne({ _id: this.id });
  }

  /**
   * After a writer inserted `added` source documents: applies `update` (paths under `value.`) and
   * counts them, only if the pointer was `before` (read before the insert) and still is. Otherwise
   * nothing: the count then differs from the source's and the next read derives the value again.
   */
  async advance(before: PointerDoc | null, added: number, update: Document): Promise<void> {
    if (!before || added === 0) return;
    await this.pointers.updateOne(
      { _id: this.id, count: before.count },
      { ...update, $inc: { count: added } },
    );
  }
}
