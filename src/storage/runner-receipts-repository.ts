import type { Collection, Db } from "mongodb";

export const RUNNER_RECEIPTS_COLLECTION = "runner_receipts";

/** A recording that has not finished after this long was cut short (the server died mid-way). */
export const STALE_RECORDING_MS = 5 * 60_000;

/**
 * One document per claim id a runner posted a result for, keyed by the claim id. A runner
 * re-sends a result whose response it never saw (timeout, server restart), so the server must
 * recognise the second delivery. On FerretDB a conditional update is not atomic but inserting a
 * unique `_id` is, so the first delivery claims the key by inserting a `recording` receipt;
 * every later delivery fails that insert and answers with the stored outcome instead of
 * recording the run again.
 */
export interface RunnerReceiptDoc {
  _id: string;
  runner: string;
  state: "recording" | "done";
  started_at: Date;
  finished_at: Date | null;
  /** The answer given to the first delivery, repeated to every later one. */
  outcome: Record<string, unknown> | null;
}

export type BeginResult =
  { begun: true; key: string } | { begun: false; receipt: RunnerReceiptDoc; stale: boolean };

export class RunnerReceiptsRepository {
  private readonly col: Collection<RunnerReceiptDoc>;

  constructor(db: Db) {
    this.col = db.collection<RunnerReceiptDoc>(RUNNER_RECEIPTS_COLLECTION);
  }

  /**
   * Claims the right to record `claimId`. A receipt stuck in `recording` past the stale bound is
   * taken over through a second key, so exactly one retry records it after a crash.
   */
  async begin(claimId: string, runner: string, now: Date, tries = 3): Promise<BeginResult> {
    if (await this.insert(claimId, runner, now)) return { begun: true, key: claimId };
    const receipt = await this.col.findOne({ _id: claimId });
    // Released between our insert and our read: try again (a few times; then report busy).
    if (!receipt) {
      if (tries > 1) return this.begin(claimId, runner, now, tries - 1);
      return { begun: false, receipt: placeholder(claimId, runner, now), stale: false };
    }
    const stale =
      receipt.state === "recording" && now.getTime() - receipt.started_at.getTime() > STALE_RECORDING_MS;
    if (stale) {
      const takeover = `${claimId}#takeover`;
      if (await this.insert(takeover, runner, now)) return { begun: true, key: takeover };
    }
    return { begun: false, receipt, stale };
  }

  /** Stores the answer on the claim's receipt (one writer: the holder of the key). */
  async finish(claimId: string, key: string, outcome: Record<string, unknown>, now: Date): Promise<void> {
    await this.col.updateOne({ _id: claimId }, { $set: { state: "done", finished_at: now, outcome } });
    if (key !== claimId) await this.col.deleteOne({ _id: key });
  }

  /**
   * Recording failed: free the key so the runner's retry can record. (A takeover key is freed
   * and the stale receipt stays, so the next retry takes over again.)
   */
  async release(key: string): Promise<void> {
    await this.col.deleteOne({ _id: key });
  }

  async get(claimId: string): Promise<RunnerReceiptDoc | null> {
    return this.col.findOne({ _id: claimId });
  }

  /**
   * Deletes receipts finished before `cutoff`, and recordings started before it (cut short long
   * ago; their runner has given up or will be refused by age). One `deleteMany` with a filter on
   * other fields than `_id`: a single scan of the collection on FerretDB, which is why the caller
   * runs it at most hourly rather than per request.
   */
  async prune(cutoff: Date): Promise<number> {
    const r = await this.col.deleteMany({
      $or: [
        { state: "done", finished_at: { $lt: cutoff } },
        { state: "recording", started_at: { $lt: cutoff } },
      ],
    });
    return r.deletedCount;
  }

  private async insert(id: string, runner: string, now: Date): Promise<boolean> {
    try {
      await this.col.insertOne({
        _id: id,
        runner,
        state: "recording",
        started_at: now,
        finished_at: null,
        outcome: null,
      });
      return true;
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return false;
      throw e;
    }
  }
}

function placeholder(id: string, runner: string, now: Date): RunnerReceiptDoc {
  return { _id: id, runner, state: "recording", started_at: now, finished_at: null, outcome: null };
}
