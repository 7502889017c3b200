import type { Collection, Db, ObjectId } from "mongodb";
import type { ErrorKind } from "../taxonomy/kinds.js";

/** Default collection: probe runs never go to `metrics_cloud_v2` or `errors_cloud`. */
export const PROBE_RUNS_COLLECTION = "probe_runs";

/** Why a probe ran. Admission probes decide promotion; the others are manual re-checks. */
export type ProbePurpose = "admission" | "recheck" | "manual";

/**
 * One probe run of a candidate (or a manual re-check). Probe runs are measured with the same core
 * as published runs but never count as published data or as freshness (DESIGN section 9), which
 * is why they live in their own collection instead of carrying a flag in the published ones.
 */
export interface ProbeRunDoc {
  _id?: ObjectId;
  provider: string;
  model_id: string;
  ts: Date;
  purpose: ProbePurpose;
  ok: boolean;
  /** Classified failure kind; null on success. */
  error_kind: ErrorKind | null;
  /** Redacted, truncated provider text; null on success. Untrusted: wrap before showing an LLM. */
  message: string | null;
  /** The measured figures of a successful probe (the metric contract fields), for review. */
  metric: Record<string, unknown> | null;
  /** Cost from usage and catalog price; null when the price is unknown (never 0 for unknown). */
  cost_usd: number | null;
  /** Which instance or remote runner measured it. */
  runner: string;
}

/** The `probe_runs` collection: written by the scheduler's probe lane, read by admission. */
export class ProbeRunsRepository {
  constructor(private readonly col: Collection<ProbeRunDoc>) {}

  static over(db: Db, name = PROBE_RUNS_COLLECTION): ProbeRunsRepository {
    return new ProbeRunsRepository(db.collection<ProbeRunDoc>(name));
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ provider: 1, model_id: 1, ts: -1 }, { name: "provider_model_ts" });
    await this.col.createIndex({ ts: -1 }, { name: "ts" });
  }

  async record(doc: ProbeRunDoc): Promise<void> {
    await this.col.insertOne({ ...doc });
  }

  /** The probes of one model, newest first, optionally only those at or after `since`. */
  async forModel(provider: string, modelId: string, since?: Date): Promise<ProbeRunDoc[]> {
    const filter = since
      ? { provider, model_id: modelId, ts: { $gte: since } }
      : { provider, model_id: modelId };
    return this.col.find(filter).sort({ ts: -1 }).toArray();
  }

  /** Every probe at or after `since`, newest first: one read for a whole admission pass. */
  async since(since: Date): Promise<ProbeRunDoc[]> {
    return this.col
      .find({ ts: { $gte: since } })
      .sort({ ts: -1 })
      .toArray();
  }
}
