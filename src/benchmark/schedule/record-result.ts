import type { Config } from "../../config/config.js";
import { recordErrorDoc, recordSuccess } from "../../signals/record.js";
import { claimId, type BenchmarkClaimDoc } from "../../storage/benchmark-claims-repository.js";
import type { ErrorDoc, MetricDoc } from "../../storage/documents.js";
import type { Repositories } from "../../storage/repositories.js";
import { idFor, isDuplicateKey } from "../../storage/ids.js";
import { isErrorKind } from "../../taxonomy/kinds.js";
import type { RunResult } from "../measure.js";
import { getProfile, type BenchmarkProfile } from "../profiles.js";
import type { WorkItem } from "./claim.js";
import { chargeKey, chargeWithoutResult, ESTIMATE_WHY } from "./charge.js";
import { stillEligible } from "./due.js";
import { runCost, type ModelPrice, type RunCost } from "./cost.js";

export type RecordOutcome =
  | { stored: "metric" | "error" | "probe"; cost_usd: number | null }
  | { refused: "model_disabled" | "claim_expired" | "unknown_claim" };

/** The outcome plus what the spend ledger was charged (for a sweep's running budget). */
export interface DetailedOutcome {
  outcome: RecordOutcome;
  ledgerUsd: number;
}

/**
 * Stores the result of a claimed run, once. Checked first: the claim exists, is unfinished and
 * unexpired (an expired claim may have been taken over; its late result is dropped), and the
 * model is still eligible (disabled meanwhile: refused, nothing published; the earlier bridge
 * did the same for its remote runner). Either refusal still charges the run's spend: it was made. Then probes go only to `probe_runs`, published runs go
 * through `recordSuccess` / `recordErrorDoc` (raw document plus signals), each with its cost, and
 * the spend ledger gets one entry. Finishing the claim is an insert of a unique key, so a result
 * posted twice (a runner retrying after a lost answer) is stored once; the second is refused as
 * `unknown_claim`.
 */
export async function recordRunResult(
  repos: Repositories,
  config: Config,
  item: WorkItem,
  result: RunResult,
  now: Date,
): Promise<RecordOutcome> {
  return (await recordRunResultDetailed(repos, config, item, result, now)).outcome;
}

/**
 * What a local run already knows, so that recording it costs no reads (each is a round trip that,
 * on every run of a pass, adds up to a visible share of the pass): `claim` is the claim as this
 * process inserted it moments ago, and the model was re-checked when it was claimed. A model
 * disabled while the run was in flight is still published: it was measured while enabled, and
 * the next claim sees the disable. A remote result is checked against the stored claim and the
 * model instead, since the runner may have held its claim for hours.
 */
export interface LocalRun {
  claim: BenchmarkClaimDoc;
  /**
   * A published run's result its caller keeps apart, stored as a manual probe (`probe_runs`, charged
   * as a probe) instead of as the model's measurement: probe_model's provider-wide failure, which is
   * about the calling process's credentials, not the model.
   */
  keepApart?: (result: RunResult) => boolean;
}

export async function recordRunResultDetailed(
  repos: Repositories,
  config: Config,
  item: WorkItem,
  result: RunResult,
  now: Date,
  local?: LocalRun,
): Promise<DetailedOutcome> {
  const refuse = (refused: "model_disabled" | "claim_expired" | "unknown_claim"): DetailedOutcome => ({
    outcome: { refused },
    ledgerUsd: 0,
  });
  const claim = local?.claim ?? (await repos.benchmarkClaims.get(item.claim_id));
  // A claim taken over after it expired is pruned once the newer one exists: the holder is late.
  if (!claim) {
    if (item.expires_at > now) return refuse("unknown_claim");
    const { ledgerUsd } = await chargePruned(repos, config, item, result, now);
    return { outcome: { refused: "claim_expired" }, ledgerUsd };
  }
  if (claim._id !== item.claim_id) return refuse("unknown_claim");
  if (claim.provider !== item.provider || claim.model_id !== item.model_id) return refuse("unknown_claim");
  if (!sameTarget(result, claim)) return refuse("unknown_claim");
  // Without this read a finished claim is still caught below: finishing it again fails.
  if (!local && (await repos.benchmarkClaims.isDone(claim._id))) return refuse("unknown_claim");
  // Refused from here on, the run was still made and the provider bills it: its spend is
  // charged as a stored result's is, once, as the claim is finished (nothing is published).
  const refuseMade = async (refused: "model_disabled" | "claim_expired"): Promise<DetailedOutcome> => {
    const { ledgerUsd } = await charge(repos, config, claim, result, now, { once: true });
    await repos.benchmarkClaims.finish(claim, refused, now);
    return { outcome: { refused }, ledgerUsd };
  };
  if (claim.expires_at <= now && !(await lateButUncontested(repos, claim, now))) {
    return refuseMade("claim_expired");
  }
  if (!local) {
    const model = claim.model_oid
      ? await repos.models.getById(claim.model_oid)
      : await repos.models.get({ provider: claim.provider, model_id: claim.model_id });
    if (!stillEligible(model, claim.role, claim.purpose)) return refuseMade("model_disabled");
  }
  const kept =
    claim.role !== "probe" && local?.keepApart?.(result) === true
      ? { ...claim, role: "probe" as const, purpose: "manual" as const }
      : claim;
  const stored = kept.role === "probe" ? "probe" : result.ok ? "metric" : "error";
  // Spend and the result are written before the claim is finished (the acknowledgement): a
  // crash between them leaves an unfinished claim that expires and is measured again, never a
  // paid run with no cost or a finished claim with no result (issue 16, failure 8). The price
  // of that order: two recordings racing for one claim (only a runner retrying during a
  // server crash can) may both write before one of them loses the finish.
  const { cost, ledgerUsd } = await charge(repos, config, kept, result, now);
  await publish(repos, kept, result, { claim_id: claim._id, runner: claim.holder, ...cost }, now);
  if (!(await repos.benchmarkClaims.finish(claim, stored, now))) return refuse("unknown_claim");
  return { outcome: { stored, cost_usd: cost.cost_usd }, ledgerUsd };
}

/**
 * The run's cost at the claim's price, and its entry in the spend ledger. `once`: a refused run,
 * whose result a runner may deliver again after the claim is finished or pruned, is charged under
 * a key of its claim, so that no delivery charges it twice (`ledgerUsd` 0 for a repeat).
 */
async function charge(
  repos: Repositories,
  config: Config,
  claim: BenchmarkClaimDoc,
  result: RunResult,
  now: Date,
  opts: { once?: boolean } = {},
): Promise<{ cost: RunCost; ledgerUsd: number }> {
  const cost = costOf(result, (claim.price as ModelPrice | null) ?? null, getProfile(claim.profile_id));
  const ledgerUsd = ledgerCharge(result, cost, claim, config);
  const entry = spendEntry(claim, result, ledgerUsd, cost.price_known, now);
  if (!opts.once) await repos.spend.record(entry);
  else if (!(await repos.spend.recordOnce(chargeKey(claim._id), entry))) return { cost, ledgerUsd: 0 };
  return { cost, ledgerUsd };
}

/**
 * A late result whose claim was taken over and then pruned (a later claim session deletes the
 * epochs below a model's newest): nothing is stored, but the run was made and the provider billed
 * it. It is charged once, at the price of the model's newest claim, when its claim id names an
 * epoch below that one (a claim that was taken over); an id no claim could have had charges
 * nothing.
 */
async function chargePruned(
  repos: Repositories,
  config: Config,
  item: WorkItem,
  result: RunResult,
  now: Date,
): Promise<{ ledgerUsd: number }> {
  const newest = await repos.benchmarkClaims.newestOf(item.provider, item.model_id);
  const prefix = claimId(item.provider, item.model_id, 0).slice(0, -1);
  const epochText = item.claim_id.startsWith(prefix) ? item.claim_id.slice(prefix.length) : "";
  const epoch = /^\d{1,9}$/.test(epochText) ? Number(epochText) : null;
  if (!newest || epoch === null || epoch >= newest.epoch || !sameTarget(result, newest))
    return { ledgerUsd: 0 };
  const gone: BenchmarkClaimDoc = {
    ...newest,
    _id: item.claim_id,
    epoch,
    role: item.role,
    attempt: item.attempt,
    profile_id: item.profile_id,
  };
  return charge(repos, config, gone, result, now, { once: true });
}

/**
 * The measurement itself: probes to `probe_runs`, published runs through the signals writers.
 * A published run's document has an `_id` derived from its claim, so the retry of a recording a
 * crash cut short (after this write, before the claim was finished) stores nothing twice.
 */
async function publish(
  repos: Repositories,
  claim: BenchmarkClaimDoc,
  result: RunResult,
  provenance: Record<string, unknown> & { cost_usd: number | null },
  now: Date,
): Promise<void> {
  try {
    await publishOnce(repos, claim, result, provenance, now);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

async function publishOnce(
  repos: Repositories,
  claim: BenchmarkClaimDoc,
  result: RunResult,
  provenance: Record<string, unknown> & { cost_usd: number | null },
  now: Date,
): Promise<void> {
  if (claim.role === "probe") {
    await repos.probeRuns.record(probeDoc(claim, result, provenance.cost_usd, now));
  } else if (result.ok) {
    await recordSuccess(repos, { ...result.metric, ...provenance, _id: idFor(`result:${claim._id}`) }, now);
  } else {
    // Built once by failureDoc (locally or from the runner's post): stored as built, with
    // provenance, under an id derived from the claim so a retried recording stores it once.
    await recordErrorDoc(repos, { ...result.error, ...provenance, _id: idFor(`result:${claim._id}`) }, now);
  }
}

function spendEntry(
  claim: BenchmarkClaimDoc,
  result: RunResult,
  ledgerUsd: number,
  priceKnown: boolean,
  now: Date,
): Parameters<Repositories["spend"]["record"]>[0] {
  return {
    at: now,
    category: "benchmark",
    purpose: claim.role === "probe" ? "benchmark_probe" : "benchmark_run",
    runId: claim._id,
    backend: claim.provider,
    model: claim.model_id,
    inputTokens: result.ok ? (numberOrNull(result.metric["input_tokens"]) ?? 0) : 0,
    outputTokens: result.ok ? result.metric.output_tokens : 0,
    costUsd: ledgerUsd,
    usageSource: result.ok && result.metric.token_source === "tokenizer_estimate" ? "counted" : "provider",
    latencyMs: result.ok ? Math.round(result.metric.generate_time * 1000) : 0,
    ok: result.ok,
    ...(result.ok ? {} : { error: result.error.message }),
    priceKnown,
  };
}

/**
 * A result that arrives after its claim expired (a remote runner delivering from its spool
 * after an outage) is still the model's newest measurement unless someone took the model over.
 * Taking over is inserting the next epoch, so the late result makes the same move: whichever
 * inserts epoch N+1 first wins. If the late result wins, that epoch is finished at once, and the
 * model is due again on its normal cadence; if a claimer won, the late result is refused.
 */
async function lateButUncontested(
  repos: Repositories,
  claim: BenchmarkClaimDoc,
  now: Date,
): Promise<boolean> {
  const next: BenchmarkClaimDoc = {
    ...claim,
    _id: claimId(claim.provider, claim.model_id, claim.epoch + 1),
    epoch: claim.epoch + 1,
    holder: `${claim.holder} (late result of ${claim._id})`,
    claimed_at: now,
    expires_at: now,
    estimated_cost_usd: 0,
  };
  if (!(await repos.benchmarkClaims.tryInsert(next))) return false;
  await repos.benchmarkClaims.finish(next, "late_result", now);
  return true;
}

function sameTarget(result: RunResult, claim: BenchmarkClaimDoc): boolean {
  const doc: MetricDoc | ErrorDoc = result.ok ? result.metric : result.error;
  return doc.provider === claim.provider && doc.model_name === claim.model_id;
}

/**
 * A success costs its usage at the catalog price. A failure before any output generated nothing
 * (providers do not bill a refused request): 0 when the price is known. A failure mid-stream has
 * no usage report: unknown.
 */
function costOf(result: RunResult, price: ModelPrice | null, profile: BenchmarkProfile | undefined): RunCost {
  if (!price || !profile) return { cost_usd: null, price_known: false, price_source: null };
  if (result.ok) {
    return runCost(
      price,
      {
        input_tokens: numberOrNull(result.metric["input_tokens"]),
        output_tokens: result.metric.output_tokens,
      },
      profile,
    );
  }
  const chunks = numberOrNull(result.error["chunks_received"]) ?? 0;
  return { cost_usd: chunks === 0 ? 0 : null, price_known: true, price_source: price.source };
}

/**
 * What the daily budget is charged: the cost when known; otherwise the claim's estimate (the
 * flat unknown-price figure, or the whole output budget at the known price for a run cut
 * mid-stream), so that spend the ledger cannot price is never counted as free.
 */
function ledgerCharge(result: RunResult, cost: RunCost, claim: BenchmarkClaimDoc, config: Config): number {
  if (cost.cost_usd !== null) return cost.cost_usd;
  if (!result.ok && (numberOrNull(result.error["chunks_received"]) ?? 0) === 0) return 0;
  return cost.price_known ? claim.estimated_cost_usd : config.benchmark.unknownPriceUsd;
}

function probeDoc(claim: BenchmarkClaimDoc, result: RunResult, costUsd: number | null, now: Date) {
  return {
    provider: claim.provider,
    model_id: claim.model_id,
    ts: now,
    purpose: claim.purpose ?? "admission",
    ok: result.ok,
    error_kind: result.ok ? null : isErrorKind(result.error.error_kind) ? result.error.error_kind : "unknown",
    message: result.ok ? null : result.error.message,
    metric: result.ok ? { ...result.metric } : null,
    cost_usd: costUsd,
    runner: claim.holder,
  };
}

function numberOrNull(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * Finishes a claim without a result (model disabled before the call, budget, shutdown), so the
 * model is not blocked until the lease runs out. Nothing is published. Nothing is charged, but for
 * a claim a restarted runner gives back because the runner that held it was killed
 * (`released:interrupted`): that run may have been made, and is charged at its estimate, once.
 */
export async function releaseClaim(
  repos: Repositories,
  item: WorkItem,
  outcome: "model_disabled" | "cancelled" | "budget" | `released:${string}`,
  now: Date,
): Promise<void> {
  const claim = await repos.benchmarkClaims.get(item.claim_id);
  if (!claim) return;
  await repos.benchmarkClaims.finish(claim, outcome, now);
  if (outcome === "released:interrupted")
    await chargeWithoutResult(
      repos,
      claim,
      claim.estimated_cost_usd,
      `no result: the runner holding this claim (${claim.holder}) was killed, and the next runner on its spool gave it back; ${ESTIMATE_WHY}`,
      now,
    );
}
