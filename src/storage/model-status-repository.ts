import type { Collection } from "mongodb";
import type { ModelStatusDoc, OperatorDecisionMirror } from "./documents.js";
import { readDate } from "./legacy.js";

/**
 * `model_status`: kept as the existing readers know it. `operator_decision` mirrors the newest
 * decision; the decisions themselves (with history) live in our own collection.
 */
export class ModelStatusRepository {
  constructor(private readonly col: Collection<ModelStatusDoc>) {}

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ provider: 1, model_id: 1 }, { unique: true, name: "uniq_provider_model" });
  }

  async get(provider: string, modelId: string): Promise<ModelStatusDoc | null> {
    const doc = await this.col.findOne({ provider, model_id: modelId });
    if (!doc) return null;
    const out = { ...doc };
    if (doc.operator_decision) {
      out.operator_decision = {
        ...doc.operator_decision,
        suggested_at: readDate(doc.operator_decision.suggested_at) ?? new Date(0),
      };
    }
    return out;
  }

  async mirrorDecision(
    provider: string,
    modelId: string,
    decision: OperatorDecisionMirror,
    now: Date,
  ): Promise<void> {
    await this.col.updateOne(
      { provider, model_id: modelId },
      { $set: { operator_decision: decision, last_updated: now }, $setOnInsert: { created_at: now } },
      { upsert: true },
    );
  }

  raw(): Collection<ModelStatusDoc> {
    return this.col;
  }
}
