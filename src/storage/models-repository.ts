import type { Collection, Document, Filter, ObjectId } from "mongodb";
import type { ModelDoc } from "./documents.js";
import { readDate } from "./legacy.js";
import { ChangeToken } from "./change-token.js";
import { PackedRows, type RowMark } from "./packed-rows.js";

export interface ModelKey {
  provider: string;
  model_id: string;
}

/**
 * The catalog of what is measured. DESIGN section 8 allows one writer of `models`, the mutation
 * path (src/mutations/mutate.ts), which writes only through the compare-and-swap methods below.
 * Seeding (the demo, tests) uses `insertMany`, which never updates an existing model.
 * Every write method marks the rows it changed in the packed copy (`packed`, see PackedRows),
 * then sets the models' change token, by which a long-lived reader's picture of the fleet sees a
 * change any process made (ChangeToken).
 */
export class ModelsRepository {
  /** Every row in a few documents, for the fleet-wide reads of a long-lived reader (`allRows`). */
  readonly packed: PackedRows<ModelDoc>;

  private readonly token: ChangeToken;

  constructor(private readonly col: Collection<ModelDoc>) {
    this.packed = new PackedRows(col.db, col.collectionName, col, (m) => `${m.provider}:${m.model_id}`, true);
    this.token = new ChangeToken(col.db, col.collectionName);
  }

  /** The models' change token (see ChangeToken); null before the first write. */
  changeToken(): Promise<string | null> {
    return this.token.read();
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ provider: 1, model_id: 1 }, { unique: true, name: "uniq_provider_model" });
    await this.col.createIndex({ enabled: 1, provider: 1, model_id: 1 }, { name: "enabled_provider_model" });
  }

  async find(filter: Filter<ModelDoc> = {}, opts: { limit?: number } = {}): Promise<ModelDoc[]> {
    const cursor = this.col.find(filter).sort({ provider: 1, model_id: 1 });
    if (opts.limit) cursor.limit(opts.limit);
    return (await cursor.toArray()).map(normalizeModel);
  }

  /**
   * `find` reading only `fields` (plus provider and model_id) and sorting in memory: a fleet-wide
   * read that carries a few fields of each model instead of whole documents.
   */
  async findFields(filter: Filter<ModelDoc>, fields: readonly (keyof ModelDoc)[]): Promise<ModelDoc[]> {
    const projection = Object.fromEntries(["provider", "model_id", ...fields].map((f) => [f, 1]));
    const docs = await this.col.find(filter, { projection }).toArray();
    docs.sort(byProviderModel);
    return docs.map(normalizeModel);
  }

  /**
   * Every row, normalized and sorted like `find({})`, from the packed copy: a handful of `_id`
   * reads instead of one decode per row (see PackedRows for how it stays current).
   */
  async allRows(filter: { provider?: string } = {}): Promise<ModelDoc[]> {
    const rows = (await this.packed.read()).filter((m) => !filter.provider || m.provider === filter.provider);
    return rows.map(normalizeModel).sort(byProviderModel);
  }

  async get(key: ModelKey): Promise<ModelDoc | null> {
    const doc = await this.col.findOne({ provider: key.provider, model_id: key.model_id });
    return doc ? normalizeModel(doc) : null;
  }

  /** One row by its `_id`: the only model lookup FerretDB pushes down (see ModelLocator). */
  async getById(id: ObjectId): Promise<ModelDoc | null> {
    const doc = await this.col.findOne({ _id: id });
    return doc ? normalizeModel(doc) : null;
  }

  /** The `_id` of every row, keyed `provider:model_id`: one pass over the collection. */
  async idsByKey(): Promise<Map<string, ObjectId>> {
    const rows = await this.col.find({}, { projection: { _id: 1, provider: 1, model_id: 1 } }).toArray();
    const out = new Map<string, ObjectId>();
    for (const r of rows) if (r._id) out.set(`${r.provider}:${r.model_id}`, r._id);
    return out;
  }

  async count(filter: Filter<ModelDoc> = {}): Promise<number> {
    return this.col.countDocuments(filter);
  }

  async insertMany(docs: ModelDoc[]): Promise<number> {
    if (docs.length === 0) return 0;
    const res = await this.col.insertMany(docs, { ordered: false });
    // Seeding many rows: the next read of the packed copy reads them all anyway.
    if (docs.length > 50) await this.packed.invalidate();
    else await this.packed.mark(docs.map((d) => ({ key: `${d.provider}:${d.model_id}`, id: d._id })));
    await this.token.touch();
    return res.insertedCount;
  }

  // The mutation path's reads and writes. Rows as stored (not normalized): compare-and-swap
  // compares against exactly what the document holds.

  /** The stored rows of these models, in one read. */
  async rawByKeys(keys: readonly ModelKey[]): Promise<ModelDoc[]> {
    if (keys.length === 0) return [];
    return this.col
      .find({ $or: keys.map((k) => ({ provider: k.provider, model_id: k.model_id })) })
      .toArray();
  }

  async rawGet(key: ModelKey): Promise<ModelDoc | null> {
    return this.col.findOne({ provider: key.provider, model_id: key.model_id });
  }

  /**
   * Sets and unsets fields only if the row still holds `expect` and lacks every `absent` field;
   * false when it changed (nothing is overwritten).
   */
  async compareAndSet(
    cas: ModelCas,
    set: Record<string, unknown>,
    unset: readonly string[],
  ): Promise<boolean> {
    const update: Document = {};
    if (Object.keys(set).length > 0) update["$set"] = set;
    if (unset.length > 0) update["$unset"] = Object.fromEntries(unset.map((f) => [f, ""]));
    const done = (await this.col.updateOne(casFilter(cas), update)).matchedCount === 1;
    // Under the key it had: the packed reader finds its `_id` there, and so a rename's new key.
    if (done) await this.marked([{ key: `${cas.provider}:${cas.model_id}` }]);
    return done;
  }

  /** Removes the row only if it still holds `expect` (a revert of `models add`). */
  async compareAndDelete(cas: ModelCas): Promise<boolean> {
    const done = (await this.col.deleteOne(casFilter(cas))).deletedCount === 1;
    if (done) await this.marked([{ key: `${cas.provider}:${cas.model_id}` }]);
    return done;
  }

  /** Inserts a new row; false if the model exists (the unique index makes a race a clean miss). */
  async insertIfAbsent(doc: ModelDoc): Promise<boolean> {
    try {
      await this.col.insertOne(doc);
      await this.marked([{ key: `${doc.provider}:${doc.model_id}`, id: doc._id }]);
      return true;
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return false;
      throw e;
    }
  }

  /** After a write: the changed rows marked in the packed copy, then the change token. */
  private async marked(rows: RowMark[]): Promise<void> {
    await this.packed.mark(rows);
    await this.token.touch();
  }
}

/** A compare-and-swap condition: the model, the values it must hold, the fields it must lack. */
export interface ModelCas extends ModelKey {
  expect: Record<string, unknown>;
  absent: readonly string[];
}

function casFilter(cas: ModelCas): Filter<ModelDoc> {
  const filter: Document = { provider: cas.provider, model_id: cas.model_id };
  for (const [field, value] of Object.entries(cas.expect)) filter[field] = value;
  for (const field of cas.absent) filter[field] = { $exists: false };
  return filter;
}

function byProviderModel(a: ModelDoc, b: ModelDoc): number {
  if (a.provider !== b.provider) return a.provider < b.provider ? -1 : 1;
  return a.model_id < b.model_id ? -1 : a.model_id > b.model_id ? 1 : 0;
}

export function normalizeModel(doc: ModelDoc): ModelDoc {
  const out: ModelDoc = { ...doc, enabled: doc.enabled === true };
  const created = readDate(doc.created_at) ?? readDate(doc["added_at"]);
  if (created) out.created_at = created;
  for (const f of ["disabled_at", "recheck_after"] as const) {
    if (doc[f] !== undefined && doc[f] !== null) out[f] = readDate(doc[f]) ?? null;
  }
  return out;
}
