import type { Collection, Db } from "mongodb";
import type { OperatorAction } from "../operator/actions.js";
import type { DocId } from "./documents.js";

export const VERDICT_CACHE_COLLECTION = "operator_verdicts";

/** A verdict as the operator's LLM step sees it (structurally its `LlmVerdict`). */
export interface CachedVerdict {
  situationId: string;
  action: OperatorAction;
  confidence: number;
  reasoning: string;
  backend: string;
  model: string;
  decidedAt: Date;
  reused: boolean;
}

export interface VerdictCacheDoc {
  _id?: DocId;
  situation_id: string;
  evidence_digest: string;
  action: OperatorAction;
  confidence: number;
  reasoning: string;
  backend: string;
  model: string;
  decided_at: Date;
  run_id: string;
}

/**
 * `operator_verdicts`: one document per situation, holding its newest LLM verdict. It implements
 * the operator's `VerdictCache`: a situation whose evidence digest is unchanged since its last
 * verdict reuses it, so a run over an unchanged fleet spends no tokens.
 */
export class OperatorVerdictsRepository {
  private readonly col: Collection<VerdictCacheDoc>;

  constructor(db: Db, name: string = VERDICT_CACHE_COLLECTION) {
    this.col = db.collection<VerdictCacheDoc>(name);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ situation_id: 1 }, { unique: true, name: "uniq_situation" });
  }

  async lookup(situations: readonly { id: string; evidenceDigest: string }[]): Promise<CachedVerdict[]> {
    if (situations.length === 0) return [];
    const digests = new Map(situations.map((situation) => [situation.id, situation.evidenceDigest]));
    const docs = await this.col.find({ situation_id: { $in: [...digests.keys()] } }).toArray();
    return docs
      .filter((doc) => digests.get(doc.situation_id) === doc.evidence_digest)
      .map((doc) => ({
        situationId: doc.situation_id,
        action: doc.action,
        confidence: doc.confidence,
        reasoning: doc.reasoning,
        backend: doc.backend,
        model: doc.model,
        decidedAt: doc.decided_at,
        reused: true,
      }));
  }

  async store(entries: { verdict: CachedVerdict; evidenceDigest: string; runId: string }[]): Promise<void> {
    for (const { verdict, evidenceDigest, runId } of entries) {
      const doc: Omit<VerdictCacheDoc, "_id"> = {
        situation_id: verdict.situationId,
        evidence_digest: evidenceDigest,
        action: verdict.action,
        confidence: verdict.confidence,
        reasoning: verdict.reasoning,
        backend: verdict.backend,
        model: verdict.model,
        decided_at: verdict.decidedAt,
        run_id: runId,
      };
      await this.col.updateOne({ situation_id: verdict.situationId }, { $set: doc }, { upsert: true });
    }
  }
}
