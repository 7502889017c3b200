import type { Deps } from "../deps.js";
import type { StreamAdapter } from "../providers/stream/types.js";
import type { BenchmarkClaimDoc } from "../storage/benchmark-claims-repository.js";
import { failureDoc } from "../taxonomy/failure-doc.js";
import { runBenchmark, type RunResult } from "./measure.js";
import type { ClaimSession, WorkItem } from "./schedule/claim.js";
import { stillEligible, type Candidate } from "./schedule/due.js";
import { chargeCancelled } from "./schedule/charge.js";
import { recordRunResultDetailed, releaseClaim, type RecordOutcome } from "./schedule/record-result.js";

/**
 * One claimed run, in the three steps a sweep's slot overlaps with other work (claim, measure,
 * store) and that `probe_model` runs back to back (`claimAndRun`).
 */

export type NotClaimed =
  { kind: "skipped"; why: "budget" | "lost_race" } | { kind: "refused"; why: "model_disabled" };
type NotRun = NotClaimed | { kind: "cancelled" };
export type Recorded = { kind: "recorded"; outcome: RecordOutcome; run: RunResult; ledgerUsd: number };
export type ItemOutcome = NotRun | Recorded;

export interface Claimed {
  kind: "claimed";
  candidate: Candidate;
  item: WorkItem;
  claim: BenchmarkClaimDoc;
}

export interface Measured extends Omit<Claimed, "kind"> {
  kind: "measured";
  run: RunResult;
}

export type RunOptions = {
  signal?: AbortSignal;
  adapter: (provider: string) => StreamAdapter;
  /** A result to store as a manual probe, not as the model's run (LocalRun.keepApart). */
  keepApart?: (result: RunResult) => boolean;
};

/**
 * One run of a planned candidate: claim it (within the session's budget), re-check the model by
 * id (the plan may be minutes old), measure, store. Shared by the sweep and `probe_model`.
 */
export async function claimAndRun(
  deps: Deps,
  session: ClaimSession,
  c: Candidate,
  opts: RunOptions,
): Promise<ItemOutcome> {
  const claimed = await claimAndCheck(deps, session, c);
  if (claimed.kind !== "claimed") return claimed;
  const measured = await measureClaimed(deps, session, claimed, opts);
  return measured.kind === "measured"
    ? storeMeasured(deps, session, measured, opts.keepApart ? { keepApart: opts.keepApart } : {})
    : measured;
}

export async function claimAndCheck(
  deps: Deps,
  session: ClaimSession,
  c: Candidate,
): Promise<NotClaimed | Claimed> {
  const { repos } = deps;
  // The plan was read at the start of the pass; the model may have been disabled since. The claim
  // and the re-read are independent round trips, so they overlap.
  const [got, model] = await Promise.all([
    session.claim(c, deps.clock()),
    c.model_oid ? repos.models.getById(c.model_oid) : null,
  ]);
  if ("skipped" in got) return { kind: "skipped", why: got.skipped };
  if (!stillEligible(model, got.item.role, c.purpose)) {
    await releaseClaim(repos, got.item, "model_disabled", deps.clock());
    session.settle(c.estimate_usd, 0);
    return { kind: "refused", why: "model_disabled" };
  }
  return { kind: "claimed", candidate: c, item: got.item, claim: got.doc };
}

export async function measureClaimed(
  deps: Deps,
  session: ClaimSession,
  cur: Claimed,
  opts: RunOptions,
): Promise<{ kind: "cancelled" } | Measured> {
  const run = await measure(deps, cur.item, cur.candidate, opts);
  if (opts.signal?.aborted) {
    // Shutdown or timeout: the run says nothing about the model; release it for the next pass.
    // A stream it had started is billed by the provider: charged at its estimate.
    await releaseClaim(deps.repos, cur.item, "cancelled", deps.clock());
    const charged = await chargeCancelled(deps.repos, cur.claim, run, deps.clock());
    session.settle(cur.candidate.estimate_usd, charged);
    return { kind: "cancelled" };
  }
  return { ...cur, kind: "measured", run };
}

export async function storeMeasured(
  deps: Deps,
  session: ClaimSession,
  m: Measured,
  opts: Pick<RunOptions, "keepApart"> = {},
): Promise<Recorded> {
  const { outcome, ledgerUsd } = await recordRunResultDetailed(
    deps.repos,
    deps.config,
    m.item,
    m.run,
    deps.clock(),
    { claim: m.claim, ...(opts.keepApart ? { keepApart: opts.keepApart } : {}) },
  );
  session.settle(m.candidate.estimate_usd, ledgerUsd);
  return { kind: "recorded", outcome, run: m.run, ledgerUsd };
}

async function measure(
  deps: Deps,
  item: WorkItem,
  c: Candidate,
  opts: { signal?: AbortSignal; adapter: (provider: string) => StreamAdapter },
): Promise<RunResult> {
  let adapter: StreamAdapter;
  try {
    adapter = opts.adapter(item.provider);
  } catch (e) {
    return {
      ok: false,
      error: failureDoc({
        provider: item.provider,
        model: item.model_id,
        ts: deps.clock(),
        stage: "load_provider",
        message: `could not create the adapter: ${e instanceof Error ? e.message : String(e)}`,
      }),
    };
  }
  return runBenchmark(
    adapter,
    { provider: item.provider, model: item.model_id, metadata: item.metadata },
    c.profile,
    {
      deadlineMs: deps.config.benchmark.runDeadlineMs,
      attempt: item.attempt,
      sampleRole: item.role,
      ...(opts.signal ? { signal: opts.signal } : {}),
    },
  );
}
