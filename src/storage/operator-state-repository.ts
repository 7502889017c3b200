import type { Collection, Db } from "mongodb";
import { ChangeToken } from "./change-token.js";
import { POINTERS_COLLECTION } from "./counted-pointer.js";

/**
 * Provider state (DESIGN section 8): healthy, degraded, paused (with reason and until), or
 * blocked on an external authority that only a human can fix (credit, terms, credentials).
 * A provider leaves paused or blocked only when a probe (any success) comes after `since`.
 */
export interface ProviderStateDoc {
  _id: string; // provider id
  state: "healthy" | "degraded" | "paused" | "blocked";
  reason: string;
  kind?: string | null;
  /** For blocked: what a human must do (add credit, accept terms, fix credentials). */
  authority?: "credit" | "terms" | "credentials" | null;
  since: Date;
  until?: Date | null;
  affected_models?: number;
  updated_at: Date;
  history: { at: Date; state: string; reason: string }[];
}

/** One immutable record per operator run. */
export interface OperatorRunDoc {
  _id: string;
  started_at: Date;
  finished_at: Date;
  duration_ms: number;
  dry_run: boolean;
  provider?: string | null;
  /** `running` from the start of a run until its final record replaces it; a crash leaves it. */
  outcome: "ok" | "degraded" | "failed" | "running";
  decided_by: "llm" | "classifier" | "cache" | "none";
  fallback_reason?: string | null;
  counts: Record<string, number>;
  /** Milliseconds per phase: backfill, signals (with situations), situations (provider state writes), llm, decisions, execute. */
  timings: Record<string, number>;
  situations: {
    id: string;
    provider: string;
    kind: string;
    models: number;
    action: string;
    source: string;
  }[];
  llm: { calls: number; input_tokens: number; output_tokens: number; cost_usd: number; problems: string[] };
  decision_ids: string[];
  batch_ids: string[];
  provider_changes: { provider: string; from: string; to: string; reason: string }[];
  error?: string;
}

/** The final statistics of a disabled or deprecated model, for the dashboard's historical baseline. */
export interface DeprecationSnapshotDoc {
  provider: string;
  model_id: string;
  at: Date;
  batch_id: string;
  reason: string;
  stats: Record<string, unknown>;
}

/**
 * Which run is the newest (in the pointers' collection, `_id` "operator_runs:latest"), kept by the
 * run writes below so that the
 * last run is two `_id` reads: on FerretDB a sort on `started_at` decodes every run (one every
 * 15 minutes is 35,000 a year).
 */
const LATEST_RUN_POINTER = "operator_runs:latest";

interface LatestRunPointerDoc {
  _id: string;
  run_id: string;
  started_at: Date;
}

/** What a provider state change sets; the store appends it to the state's history. */
export type ProviderStateChange = Omit<ProviderStateDoc, "_id" | "history">;

export class OperatorStateRepository {
  private readonly providers: Collection<ProviderStateDoc>;
  private readonly runs: Collection<OperatorRunDoc>;
  private readonly snapshots: Collection<DeprecationSnapshotDoc>;
  private readonly pointers: Collection<LatestRunPointerDoc>;

  /** Set after every provider state write, so a reader's fleet picture sees writes of any process. */
  private readonly providersToken: ChangeToken;

  constructor(db: Db) {
    this.pointers = db.collection<LatestRunPointerDoc>(POINTERS_COLLECTION);
    this.providers = db.collection<ProviderStateDoc>("provider_state");
    this.providersToken = new ChangeToken(db, "provider_state");
    this.runs = db.collection<OperatorRunDoc>("operator_runs");
    this.snapshots = db.collection<DeprecationSnapshotDoc>("deprecation_snapshots");
  }

  async ensureIndexes(): Promise<void> {
    await this.runs.createIndex({ started_at: -1 }, { name: "started_at" });
    await this.snapshots.createIndex({ provider: 1, model_id: 1, at: -1 }, { name: "provider_model_at" });
  }

  /** The provider states' change token (see ChangeToken); null before the first write. */
  providerStatesChangeToken(): Promise<string | null> {
    return this.providersToken.read();
  }

  async providerStates(): Promise<Map<string, ProviderStateDoc>> {
    return new Map((await this.providers.find().toArray()).map((p) => [p._id, p]));
  }

  providerState(provider: string): Promise<ProviderStateDoc | null> {
    return this.providers.findOne({ _id: provider });
  }

  /** Moves a provider to a new state (created on first use), appending the move to its history. */
  async setProviderState(provider: string, change: ProviderStateChange): Promise<void> {
    await this.providers
      .updateOne(
        { _id: provider },
        {
          $set: change,
          $push: { history: { at: change.updated_at, state: change.state, reason: change.reason } },
        },
        { upsert: true },
      )
      // Also after a failure (the write may have landed), without hiding the failure.
      .catch(async (e: unknown) => {
        await this.providersToken.touch().catch(() => {});
        throw e;
      });
    await this.providersToken.touch();
  }

  async recordRun(run: OperatorRunDoc): Promise<void> {
    await this.runs.insertOne(run);
    await this.pointAt(run);
  }

  /** The final record of a run that was started with `recordRun` (outcome `running`). */
  async finishRun(run: OperatorRunDoc): Promise<void> {
    await this.runs.replaceOne({ _id: run._id }, run, { upsert: true });
    await this.pointAt(run);
  }

  /** Moves the newest-run pointer to `run` unless it points at a later start. */
  private async pointAt(run: Pick<OperatorRunDoc, "_id" | "started_at">): Promise<void> {
    const current = await this.pointers.findOne({ _id: LATEST_RUN_POINTER });
    if (current && current.started_at > run.started_at) return;
    await this.pointers.replaceOne(
      { _id: LATEST_RUN_POINTER },
      { run_id: run._id, started_at: run.started_at },
      { upsert: true },
    );
  }

  /**
   * Sets the newest-run pointer from the runs themselves (one sorted read): for runs written
   * without it (by an earlier version). Unless `force`, only when there is no pointer yet.
   * Returns whether it read the runs.
   */
  async rebuildLatestRunPointer(opts: { force?: boolean } = {}): Promise<boolean> {
    if (!opts.force && (await this.pointers.findOne({ _id: LATEST_RUN_POINTER }))) return false;
    const newest = await this.newestBySort();
    if (newest) await this.pointAt(newest);
    else await this.pointers.deleteOne({ _id: LATEST_RUN_POINTER });
    return true;
  }

  /** Runs whose start was recorded and whose end never was (or is still to come). */
  unfinishedRuns(): Promise<OperatorRunDoc[]> {
    return this.runs.find({ outcome: "running" }).toArray();
  }

  getRun(id: string): Promise<OperatorRunDoc | null> {
    return this.runs.findOne({ _id: id });
  }

  /** The newest run by start: through the pointer, or (without one) by sorting the runs. */
  async latestRun(): Promise<OperatorRunDoc | null> {
    const pointer = await this.pointers.findOne({ _id: LATEST_RUN_POINTER });
    const run = pointer ? await this.runs.findOne({ _id: pointer.run_id }) : null;
    return run ?? this.newestBySort();
  }

  private newestBySort(): Promise<OperatorRunDoc | null> {
    return this.runs.find().sort({ started_at: -1, _id: -1 }).limit(1).next();
  }

  async recordSnapshot(doc: DeprecationSnapshotDoc): Promise<void> {
    await this.snapshots.insertOne(doc);
  }
}
