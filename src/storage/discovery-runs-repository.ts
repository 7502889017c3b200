import type { Collection, Db, Document, ObjectId } from "mongodb";
import { CountedPointer, POINTERS_COLLECTION, type PointerDoc } from "./counted-pointer.js";
import { fieldKey } from "./rollup-writes.js";

/** Our own collection (DESIGN section 3 leaves new collections to us); one document per provider read. */
export const DISCOVERY_RUNS_COLLECTION = "discovery_runs";

/** Bumped when the meaning of a ledger field changes, so old rows can be told apart. */
export const DISCOVERY_LEDGER_VERSION = 1;

export interface LedgerPrice {
  model_id: string;
  input_per_million: number | null;
  output_per_million: number | null;
}

/**
 * One provider catalog read (DESIGN section 10). Immutable once written. `complete` is true only
 * when every page was read without an error: only complete reads are evidence that a model is
 * gone, so `model_ids` of an incomplete read is kept for inspection but never used for absence.
 * `model_ids` makes retirement and diffs independent of `last_seen_at`, which any read (even a
 * partial one) refreshes.
 */
export interface DiscoveryRunDoc {
  _id?: ObjectId;
  provider: string;
  started_at: Date;
  finished_at: Date;
  complete: boolean;
  pages: number;
  /** Rows the provider returned, before validation. */
  raw_count: number;
  /** Rows with a usable id, stored in the catalog. */
  accepted_count: number;
  /** Accepted rows stored for the first time by this read. */
  new_count: number;
  /** Redacted and truncated; null when the read was complete. */
  error: string | null;
  model_ids: string[];
  /**
   * The parts of a provider's listing read to the end, where it comes in parts (Vertex: its
   * publishers). Absent for single-listing providers. A model whose part is not here was not
   * looked for: the read is no evidence of its absence (catalog/discovery/absence.ts).
   */
  coverage?: string[];
  /** Prices per million tokens where the source gives them, so a diff can report price changes. */
  prices: LedgerPrice[];
  ledger_version: number;
}

export type DiscoveryRunSummary = Omit<DiscoveryRunDoc, "model_ids" | "prices">;

/** Everything but the id lists: what reports need, at a fraction of the size. */
const SUMMARY_PROJECTION = { model_ids: 0, prices: 0 } as const;

/** Per provider: its newest read and its newest complete read (which may be the same). */
export interface LatestReads {
  provider: string;
  latest: DiscoveryRunSummary;
  latestComplete: DiscoveryRunSummary | null;
}

/** A provider's entry in the kept pointer (keyed by `fieldKey(provider)`). */
interface LatestEntry {
  provider: string;
  latest: DiscoveryRunSummary;
  latest_complete: DiscoveryRunSummary | null;
}

/** The discovery ledger: insert-only, read newest first per provider. */
export class DiscoveryRunsRepository {
  private readonly col: Collection<DiscoveryRunDoc>;
  /** `latestPerProvider` kept current by `insert` (see CountedPointer). */
  private readonly latest: CountedPointer<Record<string, LatestEntry>>;

  constructor(db: Db, name: string = DISCOVERY_RUNS_COLLECTION) {
    this.col = db.collection<DiscoveryRunDoc>(name);
    this.latest = new CountedPointer(
      db.collection<PointerDoc>(POINTERS_COLLECTION),
      `${name}:latest_per_provider`,
      this.col as unknown as Collection<Document>,
      async () =>
        Object.fromEntries(
          (await this.latestPerProvider()).map((l) => [
            fieldKey(l.provider),
            { provider: l.provider, latest: l.latest, latest_complete: l.latestComplete },
          ]),
        ),
    );
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex(
      { provider: 1, complete: 1, finished_at: -1 },
      { name: "provider_complete_finished" },
    );
    await this.col.createIndex({ complete: 1, finished_at: -1 }, { name: "complete_finished" });
  }

  /** Inserts one read and keeps the newest-read pointer current (`latestPerProviderKept`). */
  async insert(doc: Omit<DiscoveryRunDoc, "_id" | "ledger_version">): Promise<DiscoveryRunDoc> {
    const full: DiscoveryRunDoc = { ...doc, ledger_version: DISCOVERY_LEDGER_VERSION };
    const before = await this.latest.beforeInsert();
    const res = await this.col.insertOne(full);
    const { model_ids: _ids, prices: _prices, ...summary } = { ...full, _id: res.insertedId };
    const key = fieldKey(doc.provider);
    const was = before?.value[key] as LatestEntry | undefined;
    const newer = (a: DiscoveryRunSummary | null | undefined) =>
      !a || a.finished_at.getTime() <= summary.finished_at.getTime() ? summary : a;
    const entry: LatestEntry = {
      provider: doc.provider,
      latest: newer(was?.latest),
      latest_complete: summary.complete ? newer(was?.latest_complete) : (was?.latest_complete ?? null),
    };
    await this.latest.advance(before, 1, { $set: { [`value.${key}`]: entry } });
    return { ...full, _id: res.insertedId };
  }

  /**
   * The newest `n` complete reads of a provider, newest first, optionally only those that
   * finished strictly before `before`. Fewer than `n` means there is not enough evidence yet.
   */
  async lastComplete(provider: string, n: number, before?: Date): Promise<DiscoveryRunDoc[]> {
    const filter = before
      ? { provider, complete: true, finished_at: { $lt: before } }
      : { provider, complete: true };
    return this.col.find(filter).sort({ finished_at: -1 }).limit(n).toArray();
  }

  /** The newest reads of a provider (complete or not), newest first, without id lists. */
  async recent(provider: string, n: number): Promise<DiscoveryRunSummary[]> {
    return this.col
      .find({ provider }, { projection: SUMMARY_PROJECTION })
      .sort({ finished_at: -1 })
      .limit(n)
      .toArray();
  }

  async providers(): Promise<string[]> {
    const names = await this.col.distinct("provider");
    return names.filter((p): p is string => typeof p === "string").sort();
  }

  /**
   * `latestPerProvider` from the pointer `insert` keeps (one `_id` read and a count), derived
   * from the ledger again only when the ledger holds reads the pointer has not counted.
   */
  async latestPerProviderKept(): Promise<LatestReads[]> {
    const value = await this.latest.read();
    return Object.values(value)
      .map((e) => ({ provider: e.provider, latest: e.latest, latestComplete: e.latest_complete }))
      .sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0));
  }

  /** Per provider: the newest read and the newest complete read (which may be the same). */
  async latestPerProvider(): Promise<LatestReads[]> {
    const out = [];
    for (const provider of await this.providers()) {
      const [latest] = await this.recent(provider, 1);
      if (!latest) continue;
      const latestComplete = latest.complete
        ? latest
        : await this.col.findOne(
            { provider, complete: true },
            { projection: SUMMARY_PROJECTION, sort: { finished_at: -1 } },
          );
      out.push({ provider, latest, latestComplete });
    }
    return out;
  }

  /** When the newest complete read of any provider finished: the search index's refresh mark. */
  async newestCompleteFinishedAt(): Promise<Date | null> {
    const doc = await this.col.findOne(
      { complete: true },
      { projection: { finished_at: 1 }, sort: { finished_at: -1 } },
    );
    return doc?.finished_at ?? null;
  }

  /** Every read that finished at or after `since`, oldest first, without id lists. */
  async finishedSince(since: Date): Promise<DiscoveryRunSummary[]> {
    return this.col
      .find({ finished_at: { $gte: since } }, { projection: SUMMARY_PROJECTION })
      .sort({ finished_at: 1 })
      .toArray();
  }

  async isEmpty(): Promise<boolean> {
    return (await this.col.findOne({}, { projection: { _id: 1 } })) === null;
  }
}
