import {
  MongoBulkWriteError,
  type AnyBulkWriteOperation,
  type Collection,
  type Document,
  type ObjectId,
  type WriteError,
} from "mongodb";
import { CountedPointer, type PointerDoc } from "./counted-pointer.js";
import type { ProviderCatalogDoc } from "./documents.js";

/** One row of a provider read: the whole row object, plus fields we add beside it (e.g. `kind`). */
export interface SeenCatalogRow {
  modelId: string;
  name: string | null;
  raw: Record<string, unknown>;
  extra?: Record<string, unknown>;
}

/** Large enough to keep round trips few, small enough for any server's batch limit. */
const BULK_CHUNK = 500;
/**
 * Updates go in small batches: FerretDB 1.24 slows down sharply on one `update` command with
 * many large statements (50 took 1.5 s, 100 several minutes), while batches of 20 stay linear.
 */
const UPDATE_CHUNK = 20;
const DUPLICATE_KEY = 11000;

/**
 * Marks many rows seen at `now`: new rows are inserted (first_seen_at = last_seen_at = now),
 * rows whose stored fields differ are updated, and unchanged rows only get last_seen_at, in
 * one statement for all of them. Returns the keys inserted.
 *
 * Why not one upsert per row: FerretDB (the test database, SQLite) pushes down only `_id`
 * filters and commits each statement on its own, so 400 keyed upserts cost 400 collection
 * scans. One read of the scope, then writes by `_id` only where something changed, is linear
 * there and saves MongoDB rewriting unchanged documents every day. A row inserted concurrently
 * by another writer (duplicate key) falls back to a keyed upsert.
 */
export async function upsertSeenByKey(
  col: Collection<Document>,
  scope: Record<string, string>,
  keyField: string,
  items: readonly { key: string; set: Record<string, unknown> }[],
  now: Date,
): Promise<string[]> {
  const stored = new Map<string, Document>();
  for (const doc of await col.find(scope).toArray()) {
    const key: unknown = doc[keyField];
    if (typeof key === "string") stored.set(key, doc);
  }
  const unchanged: ObjectId[] = [];
  const changed: AnyBulkWriteOperation<Document>[] = [];
  const inserts: Document[] = [];
  for (const item of items) {
    const doc = stored.get(item.key);
    const id = doc?._id as ObjectId | undefined;
    if (!doc || !id)
      inserts.push({ ...scope, [keyField]: item.key, ...item.set, first_seen_at: now, last_seen_at: now });
    else if (Object.entries(item.set).every(([k, v]) => sameValue(doc[k], v))) unchanged.push(id);
    else
      changed.push({
        updateOne: { filter: { _id: id }, update: { $set: { ...item.set, last_seen_at: now } } },
      });
  }
  for (let i = 0; i < unchanged.length; i += BULK_CHUNK) {
    await col.updateMany(
      { _id: { $in: unchanged.slice(i, i + BULK_CHUNK) } },
      { $set: { last_seen_at: now } },
    );
  }
  for (let i = 0; i < changed.length; i += UPDATE_CHUNK) {
    await col.bulkWrite(changed.slice(i, i + UPDATE_CHUNK), { ordered: false });
  }
  const fresh: string[] = [];
  for (let i = 0; i < inserts.length; i += BULK_CHUNK) {
    const chunk = inserts.slice(i, i + BULK_CHUNK);
    const raced = await insertIgnoringDuplicates(col, chunk);
    chunk.forEach((doc, j) => {
      if (!raced.has(j)) fresh.push(String(doc[keyField]));
    });
    for (const j of raced) {
      // insertMany gave the document an _id; the other writer's document keeps its own.
      const { first_seen_at: _first, _id: _unused, ...set } = chunk[j]!;
      await col.updateOne(
        { ...scope, [keyField]: set[keyField] as string },
        { $set: set, $setOnInsert: { first_seen_at: now } },
        { upsert: true },
      );
    }
  }
  return fresh;
}

/** Inserts what it can; returns the indexes that another writer inserted first. */
async function insertIgnoringDuplicates(col: Collection<Document>, docs: Document[]): Promise<Set<number>> {
  try {
    await col.insertMany(docs, { ordered: false });
    return new Set();
  } catch (e) {
    if (!(e instanceof MongoBulkWriteError)) throw e;
    const errors = ([] as WriteError[]).concat(e.writeErrors);
    if (errors.some((w) => w.code !== DUPLICATE_KEY)) throw e;
    return new Set(errors.map((w) => w.index));
  }
}

/** Deep equality of a stored value and a new one, ignoring key order (JSON semantics; dates as ISO). */
function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  return JSON.stringify(v ?? null, (_key, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)),
        )
      : value,
  );
}

/** Raw provider `/models` rows, stored whole; filtering happens when reading, never before storing. */
export class ProviderCatalogRepository {
  /** `providers()` kept current by the upserts here (see CountedPointer); absent: not kept. */
  private readonly kept: CountedPointer<{ providers: string[] }> | null;

  constructor(
    private readonly col: Collection<ProviderCatalogDoc>,
    pointers?: Collection<PointerDoc>,
  ) {
    this.kept = pointers
      ? new CountedPointer(
          pointers,
          `${col.collectionName}:providers`,
          col as unknown as Collection<Document>,
          async () => ({
            providers: (await this.providers()).sort(),
          }),
        )
      : null;
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ provider: 1, model_id: 1 }, { unique: true, name: "uniq_provider_model" });
    await this.col.createIndex({ last_seen_at: -1 }, { name: "last_seen_at" });
  }

  /** Records that a row was seen now: first_seen_at is kept, last_seen_at and raw are refreshed. */
  async upsertSeen(
    provider: string,
    modelId: string,
    name: string | null,
    raw: Record<string, unknown>,
    now: Date,
  ): Promise<void> {
    const before = await this.kept?.beforeInsert();
    const res = await this.col.updateOne(
      { provider, model_id: modelId },
      { $set: { name, raw, last_seen_at: now }, $setOnInsert: { first_seen_at: now } },
      { upsert: true },
    );
    await this.keep(before, provider, res.upsertedCount);
  }

  /**
   * `upsertSeen` for a whole read in a few round trips. Returns the ids stored for the first
   * time (first_seen_at set now), which is what a discovery ledger row counts as new.
   */
  async upsertManySeen(provider: string, rows: SeenCatalogRow[], now: Date): Promise<string[]> {
    const before = await this.kept?.beforeInsert();
    const fresh = await upsertSeenByKey(
      this.col as unknown as Collection<Document>,
      { provider },
      "model_id",
      rows.map((row) => ({ key: row.modelId, set: { ...row.extra, name: row.name, raw: row.raw } })),
      now,
    );
    await this.keep(before, provider, fresh.length);
    return fresh;
  }

  /** Counts `inserted` rows of `provider` into the kept provider list. */
  private async keep(
    before: PointerDoc | null | undefined,
    provider: string,
    inserted: number,
  ): Promise<void> {
    await this.kept?.advance(before ?? null, inserted, { $addToSet: { "value.providers": provider } });
  }

  async find(provider?: string): Promise<ProviderCatalogDoc[]> {
    return this.col
      .find(provider ? { provider } : {})
      .sort({ provider: 1, model_id: 1 })
      .toArray();
  }

  /** The providers with catalog rows. */
  async providers(): Promise<string[]> {
    return (await this.col.distinct("provider")).filter((p): p is string => typeof p === "string");
  }

  /**
   * `providers()` from the pointer the upserts keep (one `_id` read and a count), read from the
   * catalog again only when it holds rows the pointer has not counted (another runner's rows).
   */
  async providersKept(): Promise<string[]> {
    if (!this.kept) return this.providers();
    return [...(await this.kept.read()).providers].sort();
  }
}
