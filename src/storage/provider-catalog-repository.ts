import type { Collection } from "mongodb";
import type { ProviderCatalogDoc } from "./documents.js";

/** Raw provider `/models` rows, stored whole; filtering happens when reading, never before storing. */
export class ProviderCatalogRepository {
  constructor(private readonly col: Collection<ProviderCatalogDoc>) {}

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
    await this.col.updateOne(
      { provider, model_id: modelId },
      { $set: { name, raw, last_seen_at: now }, $setOnInsert: { first_seen_at: now } },
      { upsert: true },
    );
  }

  async find(provider?: string): Promise<ProviderCatalogDoc[]> {
    return this.col
      .find(provider ? { provider } : {})
      .sort({ provider: 1, model_id: 1 })
      .toArray();
  }

  raw(): Collection<ProviderCatalogDoc> {
    return this.col;
  }
}
