import { getMaxListeners, setMaxListeners } from "node:events";
import type { Deps } from "../deps.js";
import type { StreamAdapter } from "../providers/stream/types.js";
import type { ScheduledWork } from "../scheduled-work.js";
import { classOf, isErrorKind } from "../taxonomy/kinds.js";
import { claimAndCheck, measureClaimed, storeMeasured, type Claimed, type Recorded } from "./claimed-run.js";
import { prepareMeasurement, type RunResult } from "./measure.js";
import { pauseProvider } from "./provider-pause.js";
import { openClaimSession, type ClaimSession } from "./schedule/claim.js";
import type { Candidate } from "./schedule/due.js";
import { releaseClaim } from "./schedule/record-result.js";

/**
 * One sweep pass: the due work (most stale first, at most the per-pass cap), run in one lane per
 * provider with that provider's concurrency. Each run is claimed while the slot's previous run
 * streams and the model re-checked by id at that moment, so a model disabled since the pass began
 * is released without a call (each run's steps are in claimed-run.ts).
 * The kill switch stops the pass before any call; the daily budget (policy) stops paid calls once
 * the estimates no longer fit. Provider-wide failures (auth, billing) on consecutive models stop
 * that provider's lane and pause the provider, instead of burning through its models.
 */

export interface SweepOptions {
  provider?: string;
  model?: string;
  /** Most runs to start; default the per-pass cap setting. */
  limit?: number;
  /** Claim holder: the instance id. */
  holder: string;
  signal?: AbortSignal;
  /** The job's lease check; a lost lease stops new claims (runs in flight finish and are stored). */
  assertLease?: () => Promise<void>;
  onEvent?: (event: SweepEvent) => void;
  /** One adapter per provider, reused across its runs. Default `createStreamAdapter`. */
  adapterFor?: (provider: string) => StreamAdapter;
}

export type SweepEvent =
  | { type: "start"; selected: number; due: number; lanes: Record<string, number> }
  | {
      type: "run";
      provider: string;
      model_id: string;
      role: "published" | "probe";
      outcome: string;
      cost_usd: number | null;
      detail?: string;
    }
  | { type: "lane_stopped"; provider: string; kind: string; paused: boolean };

export interface SweepCounts {
  due: number;
  selected: number;
  claimed: number;
  measured: number;
  failed: number;
  probed: number;
  refused: number;
  skipped_budget: number;
  lost_race: number;
  cancelled: number;
  lanes_stopped: number;
  /** USD charged to the benchmark budget by this pass (known costs plus estimates for unknown prices). */
  cost_usd: number;
}

export interface SweepResult {
  counts: SweepCounts;
  killSwitch: boolean;
  stoppedProviders: { provider: string; kind: string; paused: boolean }[];
  leaseLost: boolean;
}

/** Consecutive provider-wide failures that prove the provider, not the model, is failing. */
const PROVIDER_WIDE_PROOF = 2;

interface Lane {
  provider: string;
  queue: Candidate[];
  total: number;
  concurrency: number;
  stopped: boolean;
  /** After one provider-wide failure, runs go one at a time until the next outcome settles it. */
  suspect: boolean;
  confirming: Promise<void> | null;
  providerWideInRow: number;
  /** Runs measured and still being stored: the lane's slots are already free for the next call. */
  recording: Set<Promise<void>>;
}

export async function runSweep(deps: Deps, opts: SweepOptions): Promise<SweepResult> {
  const { repos, config } = deps;
  prepareMeasurement();
  const session = await openClaimSession(repos, config, {
    now: deps.clock(),
    holder: opts.holder,
    ...(opts.provider ? { provider: opts.provider } : {}),
    ...(opts.model ? { model: opts.model } : {}),
  });
  const plan = session.plan;
  const counts: SweepCounts = {
    due: plan.candidates.length,
    selected: 0,
    claimed: 0,
    measured: 0,
    failed: 0,
    probed: 0,
    refused: 0,
    skipped_budget: 0,
    lost_race: 0,
    cancelled: 0,
    lanes_stopped: 0,
    cost_usd: 0,
  };
  const result: SweepResult = { counts, killSwitch: plan.killSwitch, stoppedProviders: [], leaseLost: false };
  if (plan.killSwitch) return result;

  // The cap takes the longest-waiting work across all providers, then lanes run it in parallel.
  const selected = plan.candidates.slice(0, opts.limit ?? config.benchmark.passCap);
  counts.selected = selected.length;
  const lanes = new Map<string, Lane>();
  for (const c of selected) {
    let lane = lanes.get(c.provider);
    if (!lane) {
      lane = {
        provider: c.provider,
        queue: [],
        total: 0,
        concurrency: config.benchmark.providerConcurrency[c.provider] ?? config.benchmark.concurrency,
        stopped: false,
        suspect: false,
        confirming: null,
        providerWideInRow: 0,
        recording: new Set(),
      };
      lanes.set(c.provider, lane);
    }
    lane.queue.push(c);
    lane.total++;
  }
  opts.onEvent?.({
    type: "start",
    selected: selected.length,
    due: plan.candidates.length,
    lanes: Object.fromEntries([...lanes].map(([p, l]) => [p, l.total])),
  });

  const adapters = new Map<string, StreamAdapter>();
  // The adapters' module (the AWS SDK among its imports) loads here, before the first call is timed,
  // and not with the job runner that imports this file.
  const { createStreamAdapter } = await import("../providers/stream/factory.js");
  const adapterFor = opts.adapterFor ?? ((provider: string) => createStreamAdapter(provider, deps.config));
  const ctx: RunContext = {
    deps,
    opts,
    session,
    counts,
    result,
    adapters,
    adapterFor,
    halted: false,
    storeFailure: null,
  };
  const workers = [...lanes.values()].map((lane) => Math.min(lane.concurrency, lane.total));
  // Each run in flight listens to the pass's signal (its deadline, src/benchmark/deadline.ts) and
  // stops listening when it ends: more than 10 lanes' runs at once is no leak, so Node's warning
  // about it (printed on the terminal of `jobs run`) is raised past the number of workers.
  if (opts.signal) {
    const inFlight = workers.reduce((a, b) => a + b, 0);
    setMaxListeners(Math.max(getMaxListeners(opts.signal), inFlight + 10), opts.signal);
  }
  await Promise.all(
    [...lanes.values()].flatMap((lane, i) => Array.from({ length: workers[i]! }, () => worker(ctx, lane))),
  );
  await Promise.all([...lanes.values()].flatMap((lane) => [...lane.recording]));
  if (ctx.storeFailure) throw ctx.storeFailure.error;
  counts.cost_usd = Number(counts.cost_usd.toPrecision(10));
  return result;
}

interface RunContext {
  deps: Deps;
  opts: SweepOptions;
  session: ClaimSession;
  counts: SweepCounts;
  result: SweepResult;
  adapters: Map<string, StreamAdapter>;
  adapterFor: (provider: string) => StreamAdapter;
  /** Aborted, the lease is lost, or a result could not be stored: no new claims anywhere. */
  halted: boolean;
  /** The first error storing a result (the database is gone): the pass ends with it. */
  storeFailure: { error: unknown } | null;
}

/**
 * One of a lane's slots. Each slot claims its next run while the current one streams, so the
 * claim's round trips (an insert and the model's re-read) stay off the lane's critical path; a
 * claim it ends up not running (the lane stopped, the pass was halted) is released at once.
 */
async function worker(ctx: RunContext, lane: Lane): Promise<void> {
  let next = claimAhead(ctx, lane);
  for (;;) {
    const cur = await next;
    if (!cur) return;
    // A suspect lane runs one call at a time until the next outcome settles it.
    while (lane.confirming) await lane.confirming;
    if (lane.stopped || ctx.halted || ctx.opts.signal?.aborted) return unclaim(ctx, cur);
    const confirming = lane.suspect;
    let settle = (): void => {};
    if (confirming) lane.confirming = new Promise<void>((r) => (settle = r));
    try {
      // A confirmation run claims nothing ahead: the lane may stop after it.
      next = confirming ? Promise.resolve(null) : claimAhead(ctx, lane);
      await runClaimed(ctx, lane, cur);
    } finally {
      if (confirming) {
        lane.confirming = null;
        settle();
      }
    }
    const ahead = await next;
    next = ahead ? Promise.resolve(ahead) : claimAhead(ctx, lane);
  }
}

/**
 * `claimNext`, started now and awaited later. If the slot fails before it awaits the claim (the
 * database went away), the claim's own failure is already reported that way, so it is marked
 * handled here rather than left to crash the process as an unhandled rejection.
 */
function claimAhead(ctx: RunContext, lane: Lane): Promise<Claimed | null> {
  const p = claimNext(ctx, lane);
  p.catch(() => {});
  return p;
}

/** The lane's next claimed run, or null when it has no more (or may not start any). */
async function claimNext(ctx: RunContext, lane: Lane): Promise<Claimed | null> {
  const { deps, opts, counts } = ctx;
  for (;;) {
    if (lane.stopped || ctx.halted) return null;
    if (opts.signal?.aborted) {
      ctx.halted = true;
      return null;
    }
    const c = lane.queue.shift();
    if (!c) return null;
    if (opts.assertLease) {
      try {
        await opts.assertLease();
      } catch (e) {
        ctx.halted = true;
        ctx.result.leaseLost = true;
        deps.logger.warn("benchmark sweep lost its lease: no new claims", { error: String(e) });
        return null;
      }
    }
    const got = await claimAndCheck(deps, ctx.session, c);
    if (got.kind === "claimed") return got;
    if (got.kind === "skipped") {
      if (got.why === "budget") counts.skipped_budget++;
      else counts.lost_race++;
      emit(ctx, c, got.why === "budget" ? "skipped_budget" : "lost_race", null);
    } else {
      counts.claimed++;
      counts.refused++;
      emit(ctx, c, got.why, null);
    }
  }
}

/** Releases a claim the slot will not run: the model is due again at once, and nothing is charged. */
async function unclaim(ctx: RunContext, claimed: Claimed | null): Promise<void> {
  if (!claimed) return;
  await releaseClaim(ctx.deps.repos, claimed.item, "cancelled", ctx.deps.clock());
  ctx.session.settle(claimed.candidate.estimate_usd, 0);
}

async function runClaimed(ctx: RunContext, lane: Lane, cur: Claimed): Promise<void> {
  const { deps, opts, session, counts } = ctx;
  const c = cur.candidate;
  const out = await measureClaimed(deps, session, cur, {
    ...(opts.signal ? { signal: opts.signal } : {}),
    adapter: (provider) => adapterOf(ctx, provider),
  });
  counts.claimed++;
  if (out.kind === "cancelled") {
    counts.cancelled++;
    ctx.halted = true;
    emit(ctx, c, "cancelled", null);
    return;
  }
  // Storing a run takes several writes; the lane's next call need not wait for them, so the run is
  // stored while the slot moves on. At most `concurrency` runs per lane wait to be stored.
  const stored = storeMeasured(deps, session, out)
    .then((recorded) => tally(ctx, c, recorded))
    .catch((error: unknown) => {
      ctx.storeFailure ??= { error };
      ctx.halted = true;
    });
  lane.recording.add(stored);
  void stored.finally(() => lane.recording.delete(stored));
  await watchProviderWide(ctx, lane, out.run);
  while (lane.recording.size > lane.concurrency) await Promise.race(lane.recording);
}

function tally(ctx: RunContext, c: Candidate, recorded: Recorded): void {
  const { counts } = ctx;
  counts.cost_usd += recorded.ledgerUsd;
  const { outcome, run } = recorded;
  if ("refused" in outcome) {
    counts.refused++;
    emit(ctx, c, outcome.refused, null);
    return;
  }
  if (outcome.stored === "probe") counts.probed++;
  else if (outcome.stored === "metric") counts.measured++;
  else counts.failed++;
  emit(ctx, c, outcome.stored, outcome.cost_usd, run.ok ? undefined : run.error.error_kind);
}

function adapterOf(ctx: RunContext, provider: string): StreamAdapter {
  let adapter = ctx.adapters.get(provider);
  if (!adapter) {
    adapter = ctx.adapterFor(provider);
    ctx.adapters.set(provider, adapter);
  }
  return adapter;
}

/**
 * One auth or billing failure may be the model's (an account without access to it); two in a row
 * on different models are the provider's. After the first, the lane runs one at a time so that it
 * spends at most one more call to find out; after the second it stops and the provider is paused.
 */
async function watchProviderWide(ctx: RunContext, lane: Lane, run: RunResult): Promise<void> {
  const kind = run.ok ? null : run.error.error_kind;
  if (!kind || !isErrorKind(kind) || classOf(kind) !== "provider_wide") {
    lane.providerWideInRow = 0;
    lane.suspect = false;
    return;
  }
  lane.providerWideInRow++;
  lane.suspect = true;
  if (lane.stopped || lane.providerWideInRow < Math.min(PROVIDER_WIDE_PROOF, lane.total)) return;
  lane.stopped = true;
  ctx.counts.lanes_stopped++;
  const paused = await pauseProvider(
    ctx.deps.repos,
    lane.provider,
    kind,
    lane.providerWideInRow,
    ctx.deps.clock(),
  );
  ctx.result.stoppedProviders.push({ provider: lane.provider, kind, paused });
  ctx.opts.onEvent?.({ type: "lane_stopped", provider: lane.provider, kind, paused });
  ctx.deps.logger.warn(`benchmark lane ${lane.provider} stopped: consecutive ${kind} failures`, {
    paused,
  });
}

function emit(ctx: RunContext, c: Candidate, outcome: string, cost: number | null, detail?: string): void {
  ctx.opts.onEvent?.({
    type: "run",
    provider: c.provider,
    model_id: c.model_id,
    role: c.role,
    outcome,
    cost_usd: cost,
    ...(detail ? { detail } : {}),
  });
}

/** The benchmark-sweep job's service: one pass, its counts and what it cost. */
export function benchmarkSweepService(deps: Deps): ScheduledWork {
  return async (ctx) => {
    const r = await runSweep(deps, {
      holder: ctx.instanceId,
      signal: ctx.signal,
      assertLease: () => ctx.assertLease(),
    });
    if (r.leaseLost) await ctx.assertLease();
    const c = r.counts;
    const { cost_usd: cost, ...numbers } = c;
    return {
      counts: numbers,
      costUsd: cost,
      summary: r.killSwitch
        ? "kill switch is on: no benchmark calls"
        : `${c.measured} measured, ${c.failed} failed, ${c.probed} probed, ${c.refused} refused, ` +
          `${c.skipped_budget} over budget, of ${c.due} due` +
          (r.stoppedProviders.length
            ? `; stopped: ${r.stoppedProviders.map((s) => `${s.provider} (${s.kind})`).join(", ")}`
            : ""),
    };
  };
}
