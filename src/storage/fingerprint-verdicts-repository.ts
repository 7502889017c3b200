import type { Collection, Db } from "mongodb";
import type { ErrorClass, ErrorKind } from "../taxonomy/kinds.js";

export const FINGERPRINT_VERDICTS_COLLECTION = "fingerprint_verdicts";

/**
 * An LLM's classification of one `unknown` error fingerprint, with its provenance. Keyed by the
 * fingerprint and inserted once: a verdict is never overwritten, least of all by a later
 * deterministic `unknown` (DESIGN section 4).
 */
export interface FingerprintVerdictDoc {
  _id: string;
  provider: string;
  kind: ErrorKind;
  class: ErrorClass;
  confidence: number;
  reasoning: string;
  sample_message: string;
  occurrences: number;
  model_ids: string[];
  source: "llm";
  backend: string;
  model: string;
  decided_at: Date;
  run_id: string;
}

export class FingerprintVerdictsRepository {
  private readonly col: Collection<FingerprintVerdictDoc>;

  constructor(db: Db) {
    this.col = db.collection<FingerprintVerdictDoc>(FINGERPRINT_VERDICTS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ decided_at: -1 }, { name: "decided_at" });
  }

  /** Stores verdicts whose fingerprint has none yet; returns how many were new. */
  async insertNew(docs: FingerprintVerdictDoc[]): Promise<number> {
    let stored = 0;
    for (const doc of docs) {
      try {
        await this.col.insertOne(doc);
        stored++;
      } catch (e) {
        if ((e as { code?: number }).code !== 11000) throw e;
      }
    }
    return stored;
  }

  /** The verdicts for these fingerprints, by fingerprint: one `_id` read. */
  async forFingerprints(fingerprints: string[]): Promise<Map<string, FingerprintVerdictDoc>> {
    if (fingerprints.length === 0) return new Map();
    const docs = await this.col.find({ _id: { $in: [...new Set(fingerprints)] } }).toArray();
    return new Map(docs.map((d) => [d._id, d]));
  }

  async known(fingerprints: string[]): Promise<Set<string>> {
    return new Set((await this.forFingerprints(fingerprints)).keys());
  }
}
