import type { AnyBulkWriteOperation, Collection, Document, ObjectId } from "mongodb";
import type { OpenRouterCatalogDoc } from "./documents.js";
import { PackedRows } from "./packed-rows.js";
import { upsertSeenByKey } from "./provider-catalog-repository.js";

/**
 * The OpenRouter catalog, one document per OpenRouter model id. Every write keeps the packed copy
 * (`packed`, see PackedRows) current: one row's upsert marks it; a whole read or a batch of
 * matches (a discovery job, daily) writes the copy again, a few hundred rows.
 */
export class OpenRouterCatalogRepository {
  /** Every row in a few documents, for the MCP server's catalog index (`allRows`). */
  readonly packed: PackedRows<OpenRouterCatalogDoc>;

  constructor(private readonly col: Collection<OpenRouterCatalogDoc>) {
    this.packed = new PackedRows(col.db, col.collectionName, col, (d) => d.openrouter_id, true);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ openrouter_id: 1 }, { unique: true, name: "uniq_openrouter_id" });
    await this.col.createIndex({ matched_provider: 1, matched_model_id: 1 }, { name: "matched" });
  }

  async upsertSeen(
    entry: Partial<OpenRouterCatalogDoc> & { openrouter_id: string },
    now: Date,
  ): Promise<void> {
    await this.col.updateOne(
      { openrouter_id: entry.openrouter_id },
      { $set: { ...withoutSeenDates(entry), last_seen_at: now }, $setOnInsert: { first_seen_at: now } },
      { upsert: true },
    );
    await this.packed.mark([{ key: entry.openrouter_id }]);
  }

  /** `upsertSeen` for a whole read (see `upsertSeenByKey`); returns the ids seen for the first time. */
  async upsertManySeen(
    entries: (Partial<OpenRouterCatalogDoc> & { openrouter_id: string })[],
    now: Date,
  ): Promise<string[]> {
    const inserted = await upsertSeenByKey(
      this.col as unknown as Collection<Document>,
      {},
      "openrouter_id",
      entries.map((entry) => ({ key: entry.openrouter_id, set: withoutSeenDates(entry) })),
      now,
    );
    await this.packed.rebuild();
    return inserted;
  }

  async find(): Promise<OpenRouterCatalogDoc[]> {
    return this.col.find({}).sort({ openrouter_id: 1 }).toArray();
  }

  /** The entries the LLM matcher guessed for (the id-guess loop's record), newest attempt first. */
  async withGuesses(): Promise<OpenRouterCatalogDoc[]> {
    const docs = await this.col
      .find({ $or: [{ match_source: "llm" }, { match_guesses: { $exists: true, $ne: [] } }] })
      .toArray();
    return docs.sort(
      (a, b) => (b.match_attempted_at?.getTime() ?? 0) - (a.match_attempted_at?.getTime() ?? 0),
    );
  }

  /** `find()` from the packed copy: a few `_id` reads instead of one decode per row. */
  async allRows(): Promise<OpenRouterCatalogDoc[]> {
    const rows = await this.packed.read();
    return rows.sort((a, b) =>
      a.openrouter_id < b.openrouter_id ? -1 : a.openrouter_id > b.openrouter_id ? 1 : 0,
    );
  }

  /**
   * Stores match results (the `matched_*` fields) by `_id`, in small batches: only `_id` filters
   * are cheap on FerretDB, and a discovery read never overwrites these fields.
   */
  async setMatches(updates: { _id: ObjectId; set: Partial<OpenRouterCatalogDoc> }[]): Promise<void> {
    const ops: AnyBulkWriteOperation<OpenRouterCatalogDoc>[] = updates.map((u) => ({
      updateOne: { filter: { _id: u._id }, update: { $set: u.set } },
    }));
    for (let i = 0; i < ops.length; i += 20)
      await this.col.bulkWrite(ops.slice(i, i + 20), { ordered: false });
    if (updates.length > 0) await this.packed.rebuild();
  }
}

function withoutSeenDates(entry: Partial<OpenRouterCatalogDoc>): Partial<OpenRouterCatalogDoc> {
  const { _id: _ignoredId, first_seen_at: _first, last_seen_at: _last, ...rest } = entry;
  return rest;
}
