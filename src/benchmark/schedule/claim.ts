import type { Config } from "../../config/config.js";
import { claimId, type BenchmarkClaimDoc } from "../../storage/benchmark-claims-repository.js";
import type { Repositories } from "../../storage/repositories.js";
import { planDueWork, type Candidate, type DuePlan } from "./due.js";
import { chargeAbandoned } from "./charge.js";

/** One claimed run: what a local lane or a remote runner needs to measure it and post the result. */
export interface WorkItem {
  claim_id: string;
  provider: string;
  model_id: string;
  role: "published" | "probe";
  attempt: number;
  expires_at: Date;
  metadata: Record<string, unknown> | null;
  profile_id: string;
}

export interface ClaimOptions {
  provider?: string;
  model?: string;
  limit: number;
  now: Date;
  /** Who holds the claims: an instance id or a runner name. */
  holder: string;
  /** How long a claim lasts. Default: the run deadline plus a minute. */
  leaseMs?: number;
  /** A re-check on request: due regardless of cadence and backoff (see `PlanFilter.force`). */
  force?: boolean;
  /** With `force`: a recovery probe's recheck (`PlanFilter.recheck`). */
  recheck?: boolean;
  /** For a remote runner: providers this server has no credentials for are still due (`PlanFilter.remote`). */
  remote?: boolean;
}

/** `doc` is the claim as inserted: a local run hands it to the recording, which then need not read it. */
export type ClaimAttempt = { item: WorkItem; doc: BenchmarkClaimDoc } | { skipped: "budget" | "lost_race" };

/**
 * Claims over one plan. The plan is read once; each claim is one insert (`_id` = the model's next
 * epoch), so claiming just before each call costs no further reads, and a model another instance
 * claimed since the plan was read is simply lost to it. The session also keeps the daily budget:
 * spent today, plus what every open claim (this instance's and others') reserves.
 */
export class ClaimSession {
  private reserved = 0;
  private spent = 0;

  constructor(
    private readonly repos: Repositories,
    readonly plan: DuePlan,
    private readonly holder: string,
    private readonly leaseMs: number,
  ) {}

  /** USD the budget still allows, counting open claims. */
  budgetLeft(): number {
    const b = this.plan.budget;
    return b.limit_usd - b.spent_today_usd - b.reserved_usd - this.reserved - this.spent;
  }

  async claim(c: Candidate, now: Date): Promise<ClaimAttempt> {
    if (c.estimate_usd > this.budgetLeft()) return { skipped: "budget" };
    const doc: BenchmarkClaimDoc = {
      _id: claimId(c.provider, c.model_id, c.epoch + 1),
      kind: "claim",
      provider: c.provider,
      model_id: c.model_id,
      model_oid: c.model_oid,
      epoch: c.epoch + 1,
      role: c.role,
      purpose: c.purpose,
      holder: this.holder,
      attempt: c.attempt,
      profile_id: c.profile.id,
      claimed_at: now,
      expires_at: new Date(now.getTime() + this.leaseMs),
      estimated_cost_usd: c.estimate_usd,
      price: c.price,
    };
    if (!(await this.repos.benchmarkClaims.tryInsert(doc))) return { skipped: "lost_race" };
    this.reserved += c.estimate_usd;
    // This claim took the model over from one that expired unfinished: that run is charged now.
    if (c.abandoned) this.spent += await chargeAbandoned(this.repos, c.abandoned, now);
    return {
      doc,
      item: {
        claim_id: doc._id,
        provider: c.provider,
        model_id: c.model_id,
        role: c.role,
        attempt: c.attempt,
        expires_at: doc.expires_at,
        metadata: c.metadata,
        profile_id: c.profile.id,
      },
    };
  }

  /** A claimed run finished (or was dropped): its reservation becomes what it actually cost. */
  settle(estimateUsd: number, actualUsd: number): void {
    this.reserved -= estimateUsd;
    this.spent += actualUsd;
  }
}

export async function openClaimSession(
  repos: Repositories,
  config: Config,
  opts: Omit<ClaimOptions, "limit">,
): Promise<ClaimSession> {
  const plan = await planDueWork(repos, config, opts);
  // Older epochs are no longer anyone's newest claim, so they may go (see BenchmarkClaimsRepository).
  await repos.benchmarkClaims.deleteStale(plan.staleClaimIds);
  return new ClaimSession(repos, plan, opts.holder, opts.leaseMs ?? config.benchmark.runDeadlineMs + 60_000);
}

/**
 * Claims up to `limit` due runs, longest-waiting first. Nothing under the kill switch (every run
 * is a paid call); nothing that the day's benchmark budget cannot cover. Several instances and
 * remote runners may call this at once: each model is claimed by exactly one of them. The claimer
 * holds its own credentials (a remote runner; the local sweep claims through its session), so a
 * provider this server is not configured for is still due here.
 */
export async function claimDueWork(
  repos: Repositories,
  config: Config,
  opts: ClaimOptions,
): Promise<WorkItem[]> {
  const session = await openClaimSession(repos, config, { remote: true, ...opts });
  if (session.plan.killSwitch) return [];
  const items: WorkItem[] = [];
  for (const c of session.plan.candidates) {
    if (items.length >= opts.limit) break;
    const got = await session.claim(c, opts.now);
    if ("item" in got) items.push(got.item);
  }
  return items;
}
