import type { Collection, Filter, ObjectId } from "mongodb";
import type { ModelDoc } from "./documents.js";
import { readDate } from "./legacy.js";

export interface ModelKey {
  provider: string;
  model_id: string;
}

/**
 * The catalog of what is measured. Reads only: DESIGN section 8 allows one writer of `models`,
 * the mutation path, which gets the raw collection through `collectionForMutations()`. Seeding
 * (the demo, tests) uses `insertMany`, which never updates an existing model.
 */
export class ModelsRepository {
  constructor(private readonly col: Collection<ModelDoc>) {}

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ provider: 1, model_id: 1 }, { unique: true, name: "uniq_provider_model" });
    await this.col.createIndex({ enabled: 1, provider: 1, model_id: 1 }, { name: "enabled_provider_model" });
  }

  async find(filter: Filter<ModelDoc> = {}, opts: { limit?: number } = {}): Promise<ModelDoc[]> {
    const cursor = this.col.find(filter).sort({ provider: 1, model_id: 1 });
    if (opts.limit) cursor.limit(opts.limit);
    return (await cursor.toArray()).map(normalizeModel);
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
    return res.insertedCount;
  }

  /** The one door for writes; only src/operator/mutations uses it. */
  collectionForMutations(): Collection<ModelDoc> {
    return this.col;
  }
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
