import { getProfile, runBenchmark, type RunResult } from "../benchmark/index.js";
import type { Logger } from "../logger.js";
import type { CatalogReader } from "../providers/catalog/types.js";
import type { StreamAdapter } from "../providers/stream/types.js";
import type { IngestClient } from "./client.js";
import { INGEST_PATHS, wireWorkItemSchema, type WireWorkItem } from "./protocol.js";
import type { Spool } from "./spool.js";

export interface RunnerOptions {
  client: IngestClient;
  spool: Spool;
  provider: string;
  adapter: StreamAdapter;
  concurrency: number;
  /** One round: deliver the spool, claim once, measure, deliver, exit. */
  once: boolean;
  /** Wait between rounds when there is no work or the server is unreachable. */
  pollMs: number;
  /** Deadline of one benchmark run. */
  deadlineMs: number;
  logger: Logger;
  /** Aborted on SIGTERM: no new claims; in-flight runs finish and are delivered or spooled. */
  stop: AbortSignal;
  /** Posts a catalog listing when due (null: never). */
  catalog: { reader: CatalogReader; due: () => Promise<boolean>; posted: () => Promise<void> } | null;
}

export interface RunnerSummary {
  claimed: number;
  measured: number;
  delivered: number;
  /** Results the server refused (model disabled meanwhile, claim expired): failures, not retried. */
  refused: number;
  /** Results the server rejected as malformed, kept in the spool's rejected/ directory. */
  rejected: number;
  /** Items not measured because this runner's profile differs from the server's. */
  skipped: number;
  /** Results waiting in the spool when the runner stopped. */
  spooled: number;
  catalogs_posted: number;
  /** The server could not be reached (or answered with an error) when claiming work. */
  server_unreachable: boolean;
}

/**
 * The remote runner (DESIGN section 9): pulls its work list from the server, measures with the
 * same core and adapters as a local run, and posts every result through the write-ahead spool.
 * Nothing here touches a database.
 */
export async function runRunner(opts: RunnerOptions): Promise<RunnerSummary> {
  const { spool, logger } = opts;
  const summary: RunnerSummary = {
    claimed: 0,
    measured: 0,
    delivered: 0,
    refused: 0,
    rejected: 0,
    skipped: 0,
    spooled: 0,
    catalogs_posted: 0,
    server_unreachable: false,
  };
  await spool.init();
  const mismatched = new Set<string>();
  const drain = serialized(() => drainSpool(opts, summary));

  while (!opts.stop.aborted) {
    const reachable = await drain();
    if (!reachable) summary.server_unreachable = true;
    const waiting = await spool.count();
    const room = spool.max - waiting;
    if (room <= 0) {
      logger.warn(
        `spool full: ${waiting} undelivered results in ${spool.dir} (bound ${spool.max}); ` +
          "claiming no new work until the server takes them",
      );
      if (opts.once) break;
      await sleep(opts.pollMs, opts.stop);
      continue;
    }
    const items = reachable ? await claim(opts, mismatched, Math.min(opts.concurrency, room)) : null;
    if (items === null) summary.server_unreachable = true;
    // The catalog only once the server has answered: a listing read for nobody is wasted calls.
    if (items !== null && opts.catalog && (await opts.catalog.due())) {
      if (await postCatalog(opts)) summary.catalogs_posted++;
    }
    if (items === null || items.length === 0) {
      if (opts.once) break;
      await sleep(opts.pollMs, opts.stop);
      continue;
    }
    summary.claimed += items.length;
    await pool(items, opts.concurrency, async (item) => {
      const result = await measure(opts, mismatched, item);
      if (!result) {
        summary.skipped++;
        return;
      }
      summary.measured++;
      await spool.add(item.claim_id, { item, result });
      await drain();
    });
    if (opts.once) break;
  }
  await drain();
  summary.spooled = await spool.count();
  if (summary.spooled > 0) {
    logger.warn(`${summary.spooled} results wait in ${spool.dir}; the next run delivers them`);
  }
  return summary;
}

async function claim(
  opts: RunnerOptions,
  mismatched: Set<string>,
  limit: number,
): Promise<WireWorkItem[] | null> {
  const reply = await opts.client.post(INGEST_PATHS.work, { provider: opts.provider, limit });
  if (reply.kind !== "ok") {
    opts.logger.warn(`claiming work failed: ${reply.kind === "refused" ? "refused" : reply.reason}`);
    return null;
  }
  const body = reply.body as { items?: unknown[]; profiles?: Record<string, unknown> };
  const items: WireWorkItem[] = [];
  for (const raw of body.items ?? []) {
    const parsed = wireWorkItemSchema.safeParse(raw);
    if (parsed.success) items.push(parsed.data);
    else opts.logger.error("the server sent a work item this runner cannot read; upgrade the runner");
  }
  profilesAgree(opts, mismatched, items, body.profiles ?? {});
  if (items.length > 0)
    opts.logger.info(`claimed ${items.length} models`, { models: items.map((i) => i.model_id) });
  return items;
}

/** A runner on another version may mean something else by a profile id: it must not measure then. */
function profilesAgree(
  opts: RunnerOptions,
  mismatched: Set<string>,
  items: WireWorkItem[],
  profiles: Record<string, unknown>,
): void {
  for (const item of items) {
    const local = getProfile(item.profile_id);
    const same = local !== undefined && JSON.stringify(local) === JSON.stringify(profiles[item.profile_id]);
    if (!same && !mismatched.has(item.profile_id)) {
      mismatched.add(item.profile_id);
      opts.logger.error(
        `profile ${item.profile_id} differs between this runner and the server; its items are not measured (upgrade the runner)`,
      );
    }
  }
}

async function measure(
  opts: RunnerOptions,
  mismatched: Set<string>,
  item: WireWorkItem,
): Promise<RunResult | null> {
  if (mismatched.has(item.profile_id)) return null;
  const profile = getProfile(item.profile_id);
  if (!profile) return null;
  // Not cancelled by SIGTERM: the run has its own deadline and a finished run is worth keeping.
  return runBenchmark(
    opts.adapter,
    { provider: item.provider, model: item.model_id, metadata: item.metadata },
    profile,
    { deadlineMs: opts.deadlineMs, attempt: item.attempt, sampleRole: item.role },
  );
}

/** Delivers spooled results oldest first; false when the server could not be reached. */
async function drainSpool(opts: RunnerOptions, summary: RunnerSummary): Promise<boolean> {
  const { spool, logger } = opts;
  for (const file of await spool.list()) {
    const body = await spool.read(file);
    if (body === null) {
      summary.rejected++;
      logger.error(`spooled result ${file} is unreadable; moved to ${spool.dir}/rejected`);
      continue;
    }
    const reply = await opts.client.post(INGEST_PATHS.results, body);
    const model = modelOf(body);
    if (reply.kind === "transient") {
      logger.warn(`server unreachable, results stay spooled: ${reply.reason}`);
      return false;
    }
    if (reply.kind === "rejected") {
      summary.rejected++;
      await spool.reject(file);
      logger.error(
        `the server rejected the result for ${model} (${reply.reason}); kept in ${spool.dir}/rejected`,
      );
      continue;
    }
    await spool.remove(file);
    if (reply.kind === "refused") {
      summary.refused++;
      const reason = (reply.body as { reason?: string } | null)?.reason ?? "refused";
      logger.warn(`result for ${model} refused (${reason}): counted as a failure, not retried`);
    } else {
      summary.delivered++;
      const duplicate = (reply.body as { duplicate?: boolean } | null)?.duplicate === true;
      logger.info(`delivered ${model}${duplicate ? " (already stored: a re-delivery)" : ""}`);
    }
  }
  return true;
}

async function postCatalog(opts: RunnerOptions): Promise<boolean> {
  const catalog = opts.catalog;
  if (!catalog) return false;
  const read = await catalog.reader.read();
  const reply = await opts.client.post(INGEST_PATHS.catalog, {
    provider: opts.provider,
    rows: read.rows,
    raw_count: read.rawCount,
    pages: read.pages,
    complete: read.complete,
    error: read.error,
  });
  if (reply.kind !== "ok") {
    opts.logger.warn(`posting the ${opts.provider} catalog failed; it is read again next round`, {
      reason: reply.kind === "refused" ? "refused" : reply.reason,
    });
    return false;
  }
  await catalog.posted();
  opts.logger.info(
    `posted the ${opts.provider} catalog: ${read.rows.length} rows, ${read.complete ? "complete" : "incomplete"}`,
  );
  return true;
}

function modelOf(body: unknown): string {
  const item = (body as { item?: { provider?: string; model_id?: string } } | null)?.item;
  return `${item?.provider ?? "?"}/${item?.model_id ?? "?"}`;
}

/** One call at a time; a call made while one runs waits for it and then runs again. */
function serialized(fn: () => Promise<boolean>): () => Promise<boolean> {
  let chain: Promise<boolean> = Promise.resolve(true);
  return () => {
    chain = chain.then(fn, fn);
    return chain;
  };
}

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stop.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      stop.removeEventListener("abort", done);
      resolve();
    }
    stop.addEventListener("abort", done);
  });
}
