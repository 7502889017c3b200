import { getProfile, prepareMeasurement, runBenchmark, type RunResult } from "../benchmark/index.js";
import type { Logger } from "../logger.js";
import type { CatalogReader } from "../catalog/readers/types.js";
import type { StreamAdapter } from "../providers/stream/types.js";
import type { IngestClient } from "./client.js";
import {
  INGEST_PATHS,
  wireWorkItemSchema,
  type ReleaseReason,
  type ReleaseResponse,
  type WireWorkItem,
} from "./protocol.js";
import type { HeldEntry, Spool } from "./spool.js";

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
  /** Aborted on SIGTERM: no new claims or runs; in-flight runs finish and are delivered or spooled. */
  stop: AbortSignal;
  /**
   * Aborted on a second SIGTERM: stop waiting for the runs in flight, give their claims back and
   * return at once (their results are discarded; the caller exits).
   */
  abandon?: AbortSignal;
  /** Posts a catalog listing when due (null: never). */
  catalog: { reader: CatalogReader; due: () => Promise<boolean>; posted: () => Promise<void> } | null;
}

export interface RunnerSummary {
  claimed: number;
  measured: number;
  delivered: number;
  /** Results the server refused (model disabled meanwhile, claim expired): not stored, not sent again. */
  refused: number;
  /** Results the server rejected as malformed, kept in the spool's rejected/ directory. */
  rejected: number;
  /** Items not measured because this runner's profile differs from the server's. */
  skipped: number;
  /** Results waiting in the spool when the runner stopped. */
  spooled: number;
  /** Claims given back unrun (stopping, skipped, spool failure), so their models are due again at once. */
  released: number;
  /** Results older than RUNNER_RECEIPT_RETENTION_DAYS, dropped unsent or refused as `past_retention`. */
  dropped: number;
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
    released: 0,
    dropped: 0,
    catalogs_posted: 0,
    server_unreachable: false,
  };
  await spool.init();
  /** Claims a runner on this spool held when it was killed: given back once the server answers. */
  let orphans = await spool.orphanedClaims();
  let orphanTries = 0;
  const mismatched = new Set<string>();
  const outage = { warnedAt: -Infinity };
  const drain = serialized(() => drainSpool(opts, summary, outage));
  /** Said once per stretch without work, so a runner that waits is seen to be waiting, not stuck. */
  let idle = false;

  while (!opts.stop.aborted) {
    const reachable = await drain();
    if (!reachable) summary.server_unreachable = true;
    // After the drain (a result spooled for one of them is delivered, not given back) and before
    // claiming, so this round can claim their models again.
    if (reachable && orphans.length > 0) {
      const back = await giveBackOrphans(opts, orphans, orphanTries++);
      summary.released += back.released;
      orphans = back.left;
    }
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
    const items = reachable ? await claim(opts, mismatched, Math.min(opts.concurrency, room), summary) : null;
    if (items === null) summary.server_unreachable = true;
    // The catalog only once the server has answered: a listing read for nobody is wasted calls.
    if (items !== null && opts.catalog && (await opts.catalog.due())) {
      if (await postCatalog(opts)) summary.catalogs_posted++;
    }
    if (items !== null && items.length === 0 && !idle) {
      idle = true;
      const again = opts.once ? "" : `; asking again every ${Math.round(opts.pollMs / 1000)} s`;
      logger.info(`nothing due for ${opts.provider} now${again}`);
    }
    if (items === null || items.length === 0) {
      if (opts.once) break;
      await sleep(opts.pollMs, opts.stop);
      continue;
    }
    idle = false;
    summary.claimed += items.length;
    const round = await runRound(opts, mismatched, items, summary, drain);
    if (round === "abandoned") {
      summary.spooled = await spool.count();
      return summary;
    }
    if (opts.once) break;
    // Nothing measured (every item skipped and given back): claiming again at once would take
    // the same items back, so wait as when there is no work.
    if (round === 0) await sleep(opts.pollMs, opts.stop);
  }
  await drain();
  summary.spooled = await spool.count();
  if (summary.spooled > 0) {
    const results = summary.spooled === 1 ? "1 result waits" : `${summary.spooled} results wait`;
    logger.warn(`${results} in ${spool.dir}; the next run delivers them`);
  }
  return summary;
}

/**
 * Measures one round's items, `concurrency` at a time, and gives back every claim it will not
 * run: items not started when SIGTERM came (`shutdown`), items skipped for a profile mismatch
 * (`not_run`), and after a failure to write the spool, the item in hand and those not started
 * (`spool_full`). A second SIGTERM gives back the runs in flight too and returns without waiting.
 * Returns how many items were measured, or "abandoned".
 */
async function runRound(
  opts: RunnerOptions,
  mismatched: Set<string>,
  items: WireWorkItem[],
  summary: RunnerSummary,
  drain: () => Promise<boolean>,
): Promise<number | "abandoned"> {
  prepareMeasurement();
  const giveBack: Record<ReleaseReason, WireWorkItem[]> = {
    shutdown: [],
    spool_full: [],
    not_run: [],
    interrupted: [],
  };
  /** Items whose claim is taken care of: spooled (delivered later) or in `giveBack`. */
  const settled = new Set<WireWorkItem>();
  const settle = (item: WireWorkItem, reason: ReleaseReason | null): void => {
    settled.add(item);
    if (reason) giveBack[reason].push(item);
  };
  let measured = 0;
  let failure: { error: unknown } | null = null;
  let abandoned = false;

  const runOne = async (item: WireWorkItem): Promise<void> => {
    if (abandoned) return;
    if (failure) return settle(item, "spool_full");
    if (opts.stop.aborted) return settle(item, "shutdown");
    const result = await measure(opts, mismatched, item);
    if (abandoned) return; // its claim went back with the runs in flight
    if (!result) {
      summary.skipped++;
      return settle(item, "not_run");
    }
    summary.measured++;
    measured++;
    settle(item, null);
    try {
      await opts.spool.add(item.claim_id, { item, result });
      await opts.spool.letGo(item.claim_id).catch((e: unknown) => {
        // Harmless: the next start finds the result spooled (or the claim finished) and gives nothing back.
        opts.logger.warn(`could not remove the held claim of ${item.model_id}`, { error: String(e) });
      });
    } catch (e) {
      opts.logger.error(`writing ${opts.spool.dir} failed, the result for ${item.model_id} is lost`, {
        error: e instanceof Error ? e.message : String(e),
      });
      giveBack.spool_full.push(item);
      throw e;
    }
    await drain();
  };
  const lanes = pool(items, opts.concurrency, async (item) => {
    try {
      await runOne(item);
    } catch (error) {
      failure ??= { error };
    }
  });
  const outcome = await untilAborted(lanes, opts.abandon);
  if (outcome === "abandoned") {
    abandoned = true;
    giveBack.shutdown.push(...items.filter((i) => !settled.has(i)));
  }
  for (const reason of Object.keys(giveBack) as ReleaseReason[]) {
    const back = await giveBackClaims(opts, giveBack[reason], reason);
    summary.released += back.released;
    for (const id of back.settled) await opts.spool.letGo(id);
  }
  if (failure) throw (failure as { error: unknown }).error;
  return abandoned ? "abandoned" : measured;
}

/**
 * Records the round's claims in the spool before any is run, so that if this process is killed
 * the next runner on the spool gives back those it has no result for. A spool that cannot take
 * them cannot take results either: every claim goes back and the runner stops, as when a result
 * cannot be written.
 */
async function holdAll(opts: RunnerOptions, items: WireWorkItem[], summary: RunnerSummary): Promise<void> {
  try {
    for (const item of items) await opts.spool.hold(item.claim_id, item);
  } catch (e) {
    opts.logger.error(`writing ${opts.spool.dir} failed; giving back this round's claims`, {
      error: e instanceof Error ? e.message : String(e),
    });
    summary.released += (await giveBackClaims(opts, items, "spool_full")).released;
    for (const item of items) await opts.spool.letGo(item.claim_id).catch(() => undefined);
    throw e;
  }
}

/**
 * The claims a runner on this spool held when it was killed (SIGKILL, a crash, power loss): their
 * runs are lost, so they go back (`interrupted`) and their models are due now, not when the lease
 * runs out. A claim whose result waits in the spool is left to that result. Returns the entries
 * still to give back (the server could not be reached).
 */
async function giveBackOrphans(
  opts: RunnerOptions,
  orphans: HeldEntry[],
  tries: number,
): Promise<{ released: number; left: HeldEntry[] }> {
  const withResult = await opts.spool.resultClaimIds();
  const files = new Map<string, HeldEntry>();
  for (const entry of orphans) {
    const parsed = wireWorkItemSchema.safeParse(entry.body);
    if (parsed.success && !withResult.has(parsed.data.claim_id)) files.set(parsed.data.claim_id, entry);
    else await opts.spool.dropHeld(entry.file);
  }
  const items = [...files.values()].map((entry) => entry.body as WireWorkItem);
  if (items.length > 0 && tries === 0) {
    opts.logger.info(
      `${items.length} claims held by a runner on this spool that stopped mid-run have no result: giving them back`,
    );
  }
  // Said once: the outage itself is logged by the drain and the claim every round.
  const then = "trying again every round until the server answers, or they expire with their lease";
  const back = await giveBackClaims(opts, items, "interrupted", { then, quiet: tries > 0 });
  for (const id of back.settled) {
    await opts.spool.dropHeld(files.get(id)!.file);
    files.delete(id);
  }
  return { released: back.released, left: [...files.values()] };
}

/**
 * POST /release, so the models are due again now rather than when the lease expires. Best
 * effort: when the server cannot be reached (or is older than the route) the claims simply
 * expire as before. Short timeout: this runs on the way out. `settled`: the claims the server
 * answered for (released or not), which need not be sent again.
 */
async function giveBackClaims(
  opts: RunnerOptions,
  items: WireWorkItem[],
  reason: ReleaseReason,
  unreachable: { then: string; quiet?: boolean } = {
    then: "the next start of a runner on this spool gives them back, or they expire with their lease",
  },
): Promise<{ released: number; settled: string[] }> {
  let released = 0;
  const settled: string[] = [];
  for (let i = 0; i < items.length; i += 100) {
    const batch = items.slice(i, i + 100);
    const body = { claim_ids: batch.map((item) => item.claim_id), reason };
    const reply = await opts.client
      .post(INGEST_PATHS.release, body, { timeoutMs: 5_000 })
      .catch((e: unknown) => ({
        kind: "failed" as const,
        reason: e instanceof Error ? e.message : String(e),
      }));
    // Refused for good (an older server that does not know the reason, say): sending it again cannot help.
    if (reply.kind === "rejected") settled.push(...body.claim_ids);
    if (reply.kind !== "ok") {
      const why = "reason" in reply ? reply.reason : "refused";
      const rejected = reply.kind === "rejected";
      const then = rejected ? "they expire with their lease" : unreachable.then;
      const line = `could not give back ${batch.length} claims (${reason}): ${then}`;
      if (rejected || !unreachable.quiet) opts.logger.warn(line, { error: why });
      else opts.logger.debug(line, { error: why });
      continue;
    }
    settled.push(...body.claim_ids);
    const results = (reply.body as Partial<ReleaseResponse> | null)?.results ?? [];
    released += results.filter((r) => r.outcome === "released").length;
  }
  // Only once the server has answered for them: "gave back 0 of 1" during an outage says nothing.
  if (settled.length > 0) {
    opts.logger.info(
      `gave back ${released} of ${items.length} claims (${reason}): their models are due again`,
      {
        models: items.map((i) => i.model_id).slice(0, 20),
      },
    );
  }
  return { released, settled };
}

async function claim(
  opts: RunnerOptions,
  mismatched: Set<string>,
  limit: number,
  summary: RunnerSummary,
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
  if (items.length > 0) {
    await holdAll(opts, items, summary);
    opts.logger.info(`claimed ${items.length} models`, { models: items.map((i) => i.model_id) });
  }
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

/**
 * Delivers spooled results oldest first; false when the server could not be reached. The outage
 * is logged at most once a poll interval: a round drains once per result and again at its end.
 */
async function drainSpool(
  opts: RunnerOptions,
  summary: RunnerSummary,
  outage: { warnedAt: number },
): Promise<boolean> {
  const { spool, logger } = opts;
  for (const file of await spool.list()) {
    if (spool.expired(file)) {
      summary.dropped++;
      await spool.remove(file);
      logger.warn(
        `spooled result ${file} is older than RUNNER_RECEIPT_RETENTION_DAYS; dropped unsent, since the server could no longer tell whether it already has it`,
      );
      continue;
    }
    const body = await spool.read(file);
    if (body === null) {
      summary.rejected++;
      logger.error(`spooled result ${file} is unreadable; moved to ${spool.dir}/rejected`);
      continue;
    }
    const reply = await opts.client.post(INGEST_PATHS.results, body);
    const model = modelOf(body);
    if (reply.kind === "transient") {
      if (Date.now() - outage.warnedAt >= opts.pollMs) {
        outage.warnedAt = Date.now();
        logger.warn(`server unreachable, results stay spooled: ${reply.reason}`);
      }
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
    const reason =
      reply.kind === "refused" ? ((reply.body as { reason?: string } | null)?.reason ?? "refused") : null;
    if (reason === "past_retention") {
      // Not a failure of the model: the result is too old to tell from a re-delivery (retention.ts).
      summary.dropped++;
      logger.warn(
        `result for ${model} is past the server's receipt retention: dropped, not counted as a failure`,
      );
    } else if (reason !== null) {
      summary.refused++;
      const why = (reply.body as { message?: string } | null)?.message;
      logger.warn(`result for ${model} refused (${reason}): ${why ?? "Not stored."} Not sent again.`);
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

/** "done" when `work` settles, "abandoned" as soon as `signal` aborts (`work` goes on unawaited). */
async function untilAborted(
  work: Promise<void>,
  signal: AbortSignal | undefined,
): Promise<"done" | "abandoned"> {
  if (!signal) return work.then(() => "done");
  let onAbort = (): void => {};
  const aborted = new Promise<"abandoned">((resolve) => {
    onAbort = () => resolve("abandoned");
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort);
  });
  try {
    return await Promise.race([work.then(() => "done" as const), aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
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
