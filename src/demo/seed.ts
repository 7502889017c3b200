import { AppError } from "../errors.js";
import { markRollupsComplete } from "../signals/rollups.js";
import {
  foldRawDocument,
  newSignalsFold,
  saveWatermark,
  writeSignalsFold,
  type SignalsFold,
} from "../signals/backfill.js";
import { API_TOKENS_COLLECTION } from "../storage/api-tokens-repository.js";
import type { DocId, ErrorDoc, MetricDoc, ModelDoc } from "../storage/documents.js";
import { TOOL_CALLS_COLLECTION } from "../storage/tool-calls-repository.js";
import { ensureIndexes, type Repositories } from "../storage/repositories.js";
import { fleetRuns } from "./documents.js";
import {
  buildManifest,
  MANIFEST_COLLECTION,
  readManifest,
  writeManifest,
  type DemoManifest,
  type ManifestCounts,
} from "./manifest.js";
import { planFleet } from "./plan.js";
import { admissionProbeRuns } from "./probes.js";
import type { FleetOptions, FleetPlan } from "./types.js";

export const DEMO_DEFAULTS = {
  models: 523,
  days: 30,
  seed: 42,
  cadenceHours: 3,
} as const;

export interface SeedProgress {
  phase: "models" | "runs" | "signals" | "indexes" | "done";
  metrics: number;
  errors: number;
  /** Models whose history has been written so far. */
  modelsDone: number;
  modelsTotal: number;
}

export interface SeedOptions extends FleetOptions {
  /** Documents per insertMany. */
  batchSize?: number;
  onProgress?: (p: SeedProgress) => void;
}

export interface SeedResult {
  manifest: DemoManifest;
  /** What the generator produced; the database holds exactly this many documents. */
  counts: ManifestCounts;
  /** Wall time of the fleet (models, runs, indexes, manifest) and of writing its signals. */
  timings: { seedMs: number; signalsMs: number };
  /** Models with signals (every model that has at least one run). */
  signalsModels: number;
}

/**
 * Seeds a synthetic fleet through the production repositories (models, metrics, errors), its
 * signals and its manifest. Refuses a database that holds a fleet the demo did not write;
 * re-seeding a demo database first drops the fleet and everything derived from it (signals,
 * decisions, ...), so the result is the same whatever was there before.
 *
 * The signals come from the backfill's own fold over the documents as they are generated, and
 * the backfill's watermarks are set past them: reading 50k documents back costs tens of seconds
 * on FerretDB, folding them as they go by costs nothing, and a later `signals backfill` finds
 * nothing new.
 */
export async function seedDemoFleet(repos: Repositories, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const plan = planFleet(opts);
  await assertDemoDatabase(repos);
  await dropAll(repos);
  await markRollupsComplete(repos);

  const manifest = buildManifest(plan);
  await writeManifest(repos.demoManifest, manifest, "seeding");

  const batchSize = opts.batchSize ?? 5000;
  const progress: SeedProgress = {
    phase: "models",
    metrics: 0,
    errors: 0,
    modelsDone: 0,
    modelsTotal: plan.models.length,
  };
  const report = (): void => opts.onProgress?.({ ...progress });

  const insertedModels = await insertModels(
    repos,
    plan.models.map((m) => m.doc),
    batchSize,
  );
  report();
  for (const probe of admissionProbeRuns(plan)) await repos.probeRuns.record(probe);

  progress.phase = "runs";
  const writer = new RunBatchWriter(repos, (kind, n) => {
    progress[kind] += n;
    report();
  });
  const fold = newSignalsFold();
  const legacy = await writeRuns(plan, fold, writer, batchSize, progress);
  progress.modelsDone = plan.models.length;
  report();

  progress.phase = "signals";
  report();
  const signalsStarted = performance.now();
  await writeSignalsFold(repos, fold, opts.now);
  for (const kind of ["metrics", "errors"] as const) {
    const last = writer.lastIds[kind];
    if (last !== undefined) {
      await saveWatermark(repos, kind, { lastId: last, seen: progress[kind] }, opts.now);
    }
  }
  const signalsMs = performance.now() - signalsStarted;

  // Indexes are built once over the loaded data: cheaper than maintaining them on every insert.
  progress.phase = "indexes";
  report();
  await ensureIndexes(repos);

  const counts: ManifestCounts = {
    models: insertedModels,
    enabled: plan.models.filter((m) => m.doc.enabled).length,
    metrics: progress.metrics,
    errors: progress.errors,
    legacy_errors: legacy,
  };
  const complete = { ...manifest, counts };
  await writeManifest(repos.demoManifest, complete, "complete");
  progress.phase = "done";
  report();
  return {
    manifest: complete,
    counts,
    signalsModels: fold.models.size,
    timings: {
      seedMs: Math.round(performance.now() - started - signalsMs),
      signalsMs: Math.round(signalsMs),
    },
  };
}

async function insertModels(repos: Repositories, docs: ModelDoc[], batchSize: number): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < docs.length; i += batchSize) {
    // insertMany sets _id on the objects it is given; hand it copies so the plan stays clean.
    inserted += await repos.models.insertMany(docs.slice(i, i + batchSize).map((d) => ({ ...d })));
  }
  return inserted;
}

/**
 * Inserts raw run documents in batches; writes overlap with generation: one batch is in flight
 * while the next is built. It remembers the newest _id of each collection, where the backfill
 * resumes from.
 */
class RunBatchWriter {
  private inFlight: Promise<void> = Promise.resolve();
  readonly lastIds: { metrics?: DocId; errors?: DocId } = {};

  constructor(
    private readonly repos: Repositories,
    private readonly onInserted: (kind: "metrics" | "errors", n: number) => void,
  ) {}

  metrics(batch: MetricDoc[]): Promise<void> {
    return this.write("metrics", batch, (docs) => this.repos.metrics.insertMany(docs));
  }

  errors(batch: ErrorDoc[]): Promise<void> {
    return this.write("errors", batch, (docs) => this.repos.errors.insertMany(docs));
  }

  /** Waits for the batch in flight; a failed insert surfaces here or at the next write. */
  async drain(): Promise<void> {
    await this.inFlight;
  }

  private async write<T extends { _id?: DocId }>(
    kind: "metrics" | "errors",
    batch: T[],
    insert: (docs: T[]) => Promise<number>,
  ): Promise<void> {
    if (batch.length === 0) return;
    await this.inFlight;
    const pending = insert(batch).then((n) => {
      this.newestId(kind, batch);
      if (n !== batch.length) throw new Error(`inserted ${n} of ${batch.length} ${kind} documents`);
      this.onInserted(kind, n);
    });
    // A failure surfaces at the next `await inFlight`; this only stops Node from reporting it as
    // unhandled while the next batch is being generated.
    pending.catch(() => {});
    this.inFlight = pending;
  }

  // insertMany gives each document its _id. ObjectId hex strings have a fixed length, so they
  // sort as the ids do.
  private newestId(kind: "metrics" | "errors", docs: { _id?: DocId }[]): void {
    for (const d of docs) {
      const id = d._id as DocId;
      const last = this.lastIds[kind];
      if (last === undefined || id.toHexString() > last.toHexString()) this.lastIds[kind] = id;
    }
  }
}

/**
 * Generates the fleet's runs, folds each into the signals as stored and hands them to the writer
 * in batches; returns how many errors are in the legacy shape (no fingerprint).
 */
async function writeRuns(
  plan: FleetPlan,
  fold: SignalsFold,
  writer: RunBatchWriter,
  batchSize: number,
  progress: SeedProgress,
): Promise<number> {
  let legacy = 0;
  let metrics: MetricDoc[] = [];
  let errors: ErrorDoc[] = [];
  let lastModel = "";
  for (const run of fleetRuns(plan)) {
    const key = `${run.doc.provider}\u0000${run.doc.model_name}`;
    if (key !== lastModel) {
      lastModel = key;
      progress.modelsDone++;
    }
    // Folded as stored: the backfill would read back exactly this document.
    foldRawDocument(fold, run.collection, run.doc);
    if (run.collection === "metrics") {
      metrics.push(run.doc);
      if (metrics.length >= batchSize) {
        await writer.metrics(metrics);
        metrics = [];
      }
    } else {
      if (run.doc.fingerprint === undefined) legacy++;
      errors.push(run.doc);
      if (errors.length >= batchSize) {
        await writer.errors(errors);
        errors = [];
      }
    }
  }
  await writer.metrics(metrics);
  await writer.errors(errors);
  await writer.drain();
  return legacy;
}

/**
 * A database is a demo database when it has a demo manifest, or when it holds no fleet at all.
 * The message names the database and both ways to pick another, because the demo seeds the
 * database every other command reads (MONGODB_DB) unless told otherwise.
 */
export async function assertDemoDatabase(repos: Repositories): Promise<void> {
  if (await readManifest(repos.demoManifest)) return;
  const [models, metrics, errors] = await Promise.all([
    repos.models.count({}),
    repos.metrics.count({}),
    repos.errors.count({}),
  ]);
  if (models + metrics + errors > 0) {
    throw new AppError(
      "conflict",
      `Database "${repos.database.name}" already holds a fleet the demo did not write (${models} models, ${metrics} metric and ${errors} error documents); refusing to seed over it. Seed a database of its own instead: \`bench-operator demo --db llm-bench-demo\` (then point the other commands at it with MONGODB_DB=llm-bench-demo), or set MONGODB_DB to another name.`,
    );
  }
}

/**
 * Collections a re-seed keeps: the policy versions and the API tokens are set by a human for this
 * database and say nothing about the old fleet (a re-seed must not log every client out), and the
 * tool-call audit is a record of who did what, which nothing may erase. Everything else (the
 * fleet, signals, situations, decisions, batches, the demo's catalog) is derived from the fleet
 * or re-seeded with it.
 */
const KEPT_ON_RESEED = new Set(["policies", API_TOKENS_COLLECTION, TOOL_CALLS_COLLECTION]);

async function dropAll(repos: Repositories): Promise<void> {
  const collections = await repos.database.collectionNames();
  // The manifest goes last: if the drop is interrupted, the database is still recognisably a demo.
  const names = collections.filter((n) => !n.startsWith("system.") && !KEPT_ON_RESEED.has(n));
  names.sort((a, b) => Number(a === MANIFEST_COLLECTION) - Number(b === MANIFEST_COLLECTION));
  for (const name of names) await repos.database.dropCollection(name);
}
