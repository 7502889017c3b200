import type { Collection, Db, ObjectId } from "mongodb";

export const BENCHMARK_CLAIMS_COLLECTION = "benchmark_claims";

/**
 * A lease on one model's next benchmark run, shared by every instance and remote runner.
 *
 * Why inserts and epochs instead of a status field on one document: conditional updates are not
 * atomic on FerretDB (several winners) and concurrent updates of one document lose fields, but an
 * insert of a unique `_id` is atomic. So a model's claims are numbered: `_id` is
 * `<provider>:<model_id>@<epoch>`. A claimer that read epoch N as free (none, finished, or expired)
 * inserts N+1; of two claimers that read the same N, exactly one insert succeeds. A takeover after
 * a crash is the same insert with a fresh key, so the crashed holder's key is never reused.
 * Finishing a claim inserts `<claim_id>/done` (also exactly once, which makes a result that is
 * posted twice land once). Only epochs below the newest are ever deleted, so the newest epoch a
 * reader sees can only grow and a stale read can only lose the race, never win it twice.
 */
export interface BenchmarkClaimDoc {
  _id: string;
  kind: "claim";
  provider: string;
  model_id: string;
  /** The model document's id: the result's re-check is an `_id` lookup (a scan otherwise on FerretDB). */
  model_oid?: ObjectId | null;
  epoch: number;
  role: "published" | "probe";
  /** Probes: admission of a candidate, a manual re-check or a recovery probe's recheck (the `probe_runs` purpose). */
  purpose?: "admission" | "manual" | "recheck" | null;
  holder: string;
  attempt: number;
  profile_id: string;
  claimed_at: Date;
  expires_at: Date;
  /** What the daily budget reserves for this run while it is open. */
  estimated_cost_usd: number;
  /** The catalog price when the claim was made (USD per million tokens); null: unknown. */
  price: { input_per_million: number; output_per_million: number; source: string } | null;
}

export interface BenchmarkClaimDoneDoc {
  _id: string;
  kind: "done";
  claim_id: string;
  provider: string;
  model_id: string;
  at: Date;
  /** metric, error, probe, or why nothing was stored (model_disabled, cancelled, budget, released:<reason>). */
  outcome: string;
}

export type AnyClaimDoc = BenchmarkClaimDoc | BenchmarkClaimDoneDoc;

export interface ClaimHeads {
  byModel: Map<string, ClaimHead>;
  /** Epochs below each model's newest, and their done markers: safe to delete. */
  stale: string[];
}

/** The state of one model's newest claim, as read at one moment. */
export interface ClaimHead {
  epoch: number;
  claim: BenchmarkClaimDoc | null;
  done: boolean;
}

const DUPLICATE_KEY = 11000;

export function claimId(provider: string, modelId: string, epoch: number): string {
  return `${provider}:${modelId}@${epoch}`;
}

export function doneId(id: string): string {
  return `${id}/done`;
}

export class BenchmarkClaimsRepository {
  private readonly col: Collection<AnyClaimDoc>;

  constructor(db: Db, name = BENCHMARK_CLAIMS_COLLECTION) {
    this.col = db.collection<AnyClaimDoc>(name);
  }

  async ensureIndexes(): Promise<void> {
    // Every read is by _id or a scan of the whole (small: about two documents per model) collection.
  }

  /**
   * The newest claim of every model, keyed `provider:model_id`, and the `_id`s of every older epoch
   * (with its done marker), which may go: one scan, since the collection holds few epochs per model.
   */
  async heads(): Promise<ClaimHeads> {
    const docs = await this.col.find({}).toArray();
    const byModel = new Map<string, ClaimHead>();
    for (const d of docs) {
      if (d.kind !== "claim") continue;
      const key = `${d.provider}:${d.model_id}`;
      const cur = byModel.get(key);
      if (!cur || d.epoch > cur.epoch) byModel.set(key, { epoch: d.epoch, claim: d, done: false });
    }
    const done = new Set(docs.filter((d) => d.kind === "done").map((d) => d.claim_id));
    for (const head of byModel.values()) head.done = head.claim !== null && done.has(head.claim._id);
    const newest = new Set([...byModel.values()].map((h) => h.claim!._id));
    const stale = docs.filter((d) => !newest.has(d.kind === "claim" ? d._id : d.claim_id)).map((d) => d._id);
    return { byModel, stale };
  }

  /**
   * Deletes older epochs found by `heads()`. One statement for all of them: the pass used to delete
   * each model's previous epoch as it claimed the next, two more writes on every run.
   */
  async deleteStale(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.col.deleteMany({ _id: { $in: ids } });
  }

  /** Inserts the claim; false when another claimer took this epoch first. */
  async tryInsert(doc: BenchmarkClaimDoc): Promise<boolean> {
    return insertOnce(this.col, doc);
  }

  async get(id: string): Promise<BenchmarkClaimDoc | null> {
    const doc = await this.col.findOne({ _id: id });
    return doc && doc.kind === "claim" ? doc : null;
  }

  /**
   * A model's newest claim. A filter on fields other than `_id` (a scan on FerretDB): only a late
   * result whose claim is gone reads it, so no index is kept for it.
   */
  async newestOf(provider: string, modelId: string): Promise<BenchmarkClaimDoc | null> {
    const [doc] = await this.col
      .find({ kind: "claim", provider, model_id: modelId })
      .sort({ epoch: -1 })
      .limit(1)
      .toArray();
    return doc && doc.kind === "claim" ? doc : null;
  }

  async isDone(id: string): Promise<boolean> {
    return (await this.col.findOne({ _id: doneId(id) })) !== null;
  }

  /** Finishes a claim exactly once; false when it was already finished. */
  async finish(claim: BenchmarkClaimDoc, outcome: string, at: Date): Promise<boolean> {
    return insertOnce(this.col, {
      _id: doneId(claim._id),
      kind: "done",
      claim_id: claim._id,
      provider: claim.provider,
      model_id: claim.model_id,
      at,
      outcome,
    });
  }
}

async function insertOnce(col: Collection<AnyClaimDoc>, doc: AnyClaimDoc): Promise<boolean> {
  try {
    await col.insertOne(doc);
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === DUPLICATE_KEY) return false;
    throw e;
  }
}
