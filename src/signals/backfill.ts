import type { Logger } from "../logger.js";
import type { Repositories } from "../storage/repositories.js";
import { FOLD_FIELDS, foldRawDocument, newSignalsFold, type RawDocument } from "./fold.js";
import { writeSignalsFold } from "./fold-write.js";
import { rebuildRollups } from "./rollups.js";

export { foldRawDocument, newSignalsFold, type SignalsFold } from "./fold.js";
export { writeSignalsFold } from "./fold-write.js";

/**
 * Builds signals from raw `metrics_cloud_v2` and `errors_cloud` documents that any runner wrote.
 *
 * Idempotent and resumable: a watermark per collection (the greatest `_id` folded in, and how
 * many documents that makes) is saved with every write of the fold, so a second run reads only
 * new documents, and documents our own writers already counted (`signals_at`) are skipped.
 *
 * Shaped for a slow database (FerretDB 1.24 decodes every document of a collection for any
 * query that is not on `_id`, ~250 us of CPU per metric document, and sorts in memory):
 * - one pass per collection, both collections at once, each read unsorted in large batches with
 *   only the fields the fold needs (`FOLD_FIELDS`), the next batch requested before this one is folded
 *   (`scanBatches`). The fold is order-independent (`fold.ts`), so order does not matter.
 * - everything is folded in memory (the fold grows with models and days, not documents) and
 *   written once: new documents with insertMany, existing ones with update operators.
 * - only when more than `flushEvery` documents are unread is the fold written in steps, and then
 *   each collection is read in `_id` order so the watermark saved with each step is exact.
 */

export interface BackfillProgress {
  phase: "read" | "write" | "done";
  source: "metrics" | "errors" | null;
  /** Raw documents read so far in this run, both collections together. */
  read: number;
  /** Documents to read, from the collections' statistics (an estimate; null when unknown). */
  total: number | null;
}

export interface BackfillReport {
  metricsRead: number;
  errorsRead: number;
  alreadyCounted: number;
  modelsTouched: number;
  flushes: number;
  /** Raw collections looked at; 0 when both were checked within `recheckAfterMs`. */
  sourcesChecked: number;
  /** Hours of the fleet rollup and days of spend rebuilt from their sources (0 once complete). */
  rollupsRebuilt: { fleetHours: number; spendDays: number };
  durationMs: number;
}

const WATERMARK = { metrics: "metrics_cloud", errors: "errors_cloud" } as const;

export interface BackfillOptions {
  now?: Date;
  flushEvery?: number;
  logger?: Logger;
  /**
   * Skip a raw collection that was checked this recently. Our own writers record signals as
   * they write, so only another runner (the earlier Python one during a migration) leaves
   * documents to fold; checking costs a count, which on FerretDB grows with the history.
   */
  recheckAfterMs?: number;
  onProgress?: (p: BackfillProgress) => void;
  /** Rebuild the fleet-wide rollups from their sources even when they are complete. */
  rebuildRollups?: boolean;
}

function emptyReport(): BackfillReport {
  return {
    metricsRead: 0,
    errorsRead: 0,
    alreadyCounted: 0,
    modelsTouched: 0,
    flushes: 0,
    sourcesChecked: 0,
    rollupsRebuilt: { fleetHours: 0, spendDays: 0 },
    durationMs: 0,
  };
}

type Watermark = Awaited<ReturnType<Repositories["signals"]["backfill"]["watermark"]>>;

/**
 * The number of raw documents in `source` when it has any not folded yet; null when it can be
 * skipped (checked within `recheckAfterMs`, or its count equals what was already read).
 */
async function unreadCount(
  repos: Repositories,
  source: keyof typeof WATERMARK,
  mark: Watermark,
  now: Date,
  opts: BackfillOptions,
  report: BackfillReport,
): Promise<number | null> {
  // Raw collections are append-only: when the count equals what we have read, nothing is new,
  // and the scan that a range query costs on FerretDB can be skipped.
  const checkedAt = mark?.checked_at ?? mark?.updated_at;
  if (
    opts.recheckAfterMs !== undefined &&
    mark?.seen !== undefined &&
    checkedAt !== undefined &&
    now.getTime() - checkedAt.getTime() < opts.recheckAfterMs
  ) {
    return null;
  }
  report.sourcesChecked++;
  const count = await (source === "metrics" ? repos.metrics : repos.errors).documentCount();
  if (mark?.seen !== undefined && count === mark.seen) {
    await repos.signals.backfill.markWatermarkChecked(WATERMARK[source], now);
    return null;
  }
  return count;
}

type Source = keyof typeof WATERMARK;
const SOURCES: readonly Source[] = ["metrics", "errors"];

/** A collection with documents to fold: where its watermark stands and how many are unread. */
interface Pending {
  source: Source;
  after: unknown;
  seen: number;
  unread: number;
}

/** The state of one run: the fold being built and what it has read. */
class Run {
  fold = newSignalsFold();
  read = 0;
  readonly touched = new Set<string>();
  readonly lastIds: Partial<Record<Source, unknown>> = {};
  readonly seen: Partial<Record<Source, number>> = {};

  constructor(
    readonly repos: Repositories,
    readonly now: Date,
    readonly opts: BackfillOptions,
    readonly report: BackfillReport,
    readonly total: number,
  ) {}

  progress(phase: BackfillProgress["phase"], source: BackfillProgress["source"]): void {
    this.opts.onProgress?.({ phase, source, read: this.read, total: this.total });
  }

  take(source: Source, doc: RawDocument): void {
    this.read++;
    this.seen[source] = (this.seen[source] ?? 0) + 1;
    if (foldRawDocument(this.fold, source, doc))
      this.report[source === "metrics" ? "metricsRead" : "errorsRead"]++;
    else this.report.alreadyCounted++;
  }

  /** Writes the fold, then the watermarks it reached. */
  async flush(): Promise<void> {
    if (this.fold.pending === 0 && Object.keys(this.lastIds).length === 0) return;
    this.progress("write", null);
    await writeSignalsFold(this.repos, this.fold, this.now);
    for (const [source, lastId] of Object.entries(this.lastIds)) {
      const key = source as Source;
      await saveWatermark(this.repos, key, { lastId, seen: this.seen[key] ?? 0 }, this.now);
    }
    for (const k of this.fold.models.keys()) this.touched.add(k);
    this.report.flushes++;
    this.opts.logger?.debug(`signals backfill: folded ${this.fold.pending} documents`);
    this.fold = newSignalsFold();
  }
}

/** The collections with documents to fold (their watermarks read and counts checked at once). */
async function pendingSources(
  repos: Repositories,
  now: Date,
  opts: BackfillOptions,
  report: BackfillReport,
): Promise<Pending[]> {
  const found = await Promise.all(
    SOURCES.map(async (source): Promise<Pending | null> => {
      const mark = await repos.signals.backfill.watermark(WATERMARK[source]);
      const count = await unreadCount(repos, source, mark, now, opts, report);
      if (count === null) return null;
      const seen = mark?.seen ?? 0;
      return { source, after: mark?.last_id, seen, unread: Math.max(0, count - seen) };
    }),
  );
  return found.filter((p): p is Pending => p !== null);
}

/** One pass per collection, both at once, unsorted: the fold is written once, after both. */
async function readUnordered(run: Run, pending: Pending[]): Promise<void> {
  await Promise.all(
    pending.map(async (p) => {
      run.seen[p.source] = p.seen;
      run.progress("read", p.source);
      const raw = p.source === "metrics" ? run.repos.metrics : run.repos.errors;
      // Only the fields the fold reads: our FerretDB decodes only those (projection pushdown,
      // tools/ferretdb/patches.json), and the driver decodes less.
      const batches = raw.scanBatches({ after: p.after, fields: FOLD_FIELDS[p.source] }) as AsyncIterable<{
        docs: RawDocument[];
        maxId: unknown;
      }>;
      for await (const { docs, maxId } of batches) {
        for (const doc of docs) run.take(p.source, doc);
        if (docs.length > 0) run.lastIds[p.source] = maxId;
        run.progress("read", p.source);
      }
    }),
  );
  await run.flush();
}

/** In `_id` order, one collection after the other, writing every `flushEvery` documents. */
async function readOrdered(run: Run, pending: Pending[], flushEvery: number): Promise<void> {
  for (const p of pending) {
    run.seen[p.source] = p.seen;
    run.progress("read", p.source);
    const raw = p.source === "metrics" ? run.repos.metrics : run.repos.errors;
    for await (const doc of raw.scanAfter(p.after) as AsyncIterable<RawDocument>) {
      run.lastIds[p.source] = doc["_id"];
      run.take(p.source, doc);
      if (run.read % 5_000 === 0) run.progress("read", p.source);
      if (run.fold.pending >= flushEvery) await run.flush();
    }
  }
  await run.flush();
}

export async function backfillSignals(
  repos: Repositories,
  opts: BackfillOptions = {},
): Promise<BackfillReport> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const flushEvery = opts.flushEvery ?? 2_000_000;
  const report = emptyReport();
  const pending = await pendingSources(repos, now, opts, report);
  const unread = pending.reduce((n, p) => n + p.unread, 0);
  const run = new Run(repos, now, opts, report, unread);
  // Both collections fold into the same accumulators, so a fresh backfill writes every signal
  // document once, with an insert: no update (FerretDB's slowest operation) at all.
  if (unread <= flushEvery) await readUnordered(run, pending);
  else await readOrdered(run, pending, flushEvery);
  // Rollups of history older than them: one pass over their source, once (or when asked).
  report.rollupsRebuilt = await rebuildRollups(repos, { force: opts.rebuildRollups === true });
  // Writing many statuses dropped their packed copy (signals-repository.ts): write it again here,
  // so that the MCP server's next first call does not pay for reading every status.
  if (run.touched.size > 0) await repos.signals.packedStatuses.rebuildIfDropped();
  run.progress("done", null);
  report.modelsTouched = run.touched.size;
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

/** Records that a raw collection has been folded up to `lastId` (`seen` documents in all). */
export async function saveWatermark(
  repos: Repositories,
  source: Source,
  mark: { lastId: unknown; seen: number },
  now: Date,
): Promise<void> {
  await repos.signals.backfill.saveWatermark(WATERMARK[source], mark, now);
}
