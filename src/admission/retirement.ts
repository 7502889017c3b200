import {
  DEFAULT_ABSENT_READS,
  idsAbsentFromCompleteReads,
  type ReadRef,
} from "../catalog/discovery/absence.js";
import { isProtected } from "../policy/evaluate.js";
import type { Policy } from "../policy/policy.js";
import type { MassDisappearance } from "../storage/admission-passes-repository.js";
import type { ModelDoc } from "../storage/documents.js";
import type { Repositories } from "../storage/repositories.js";

export interface RetirementProposal {
  provider: string;
  model_id: string;
  reads: ReadRef[];
  /** Names the evidence: a decision with the same digest is not proposed again. */
  digest: string;
}

/** More of a provider's fleet missing than one pass may propose: held back and reported. */
// Stored with every admission pass, so the store defines it.
export type { MassDisappearance };

export interface RetirementPlan {
  proposals: RetirementProposal[];
  mass: MassDisappearance[];
  /** Providers with fewer than three complete reads: no conclusion, with why. */
  notEvaluable: { provider: string; reason: string }[];
  /** Missing models that already have an open deprecate decision, or one on the same evidence. */
  alreadyProposed: number;
  /** Missing models over the policy's per-pass cap (not a mass disappearance): the next pass. */
  deferred: number;
  /** Missing models added to the fleet after the oldest of the reads: not judged until three reads follow. */
  addedSinceReads: number;
}

export interface RetirementBounds {
  /** Most proposals per provider and pass. */
  maxPerProvider: number;
  /** Most of the provider's enabled fleet proposed in one pass; at least one is always allowed. */
  maxFraction: number;
}

/** How many of a provider's missing models one pass may propose. */
export function perPassBound(fleetSize: number, b: RetirementBounds): number {
  return Math.max(1, Math.min(b.maxPerProvider, Math.floor(fleetSize * b.maxFraction)));
}

/**
 * Which enabled fleet models were missing from the last three complete reads of their provider
 * (partial and failed reads are not evidence: `idsAbsentFromCompleteReads` only reads complete
 * ledger rows). Each gets one deprecate proposal, not repeated while one is open nor on the same
 * evidence after a human rejected it (a newer complete read is new evidence). A provider whose
 * missing models exceed the per-pass bound is a mass disappearance: more likely an account or
 * listing problem than a real retirement, so only the bound is proposed and the rest is reported.
 */
export async function planRetirement(
  repos: Pick<Repositories, "discoveryRuns" | "decisions">,
  fleet: readonly ModelDoc[],
  policy: Policy,
  bounds: RetirementBounds,
): Promise<RetirementPlan> {
  const plan: RetirementPlan = {
    proposals: [],
    mass: [],
    notEvaluable: [],
    alreadyProposed: 0,
    deferred: 0,
    addedSinceReads: 0,
  };
  const candidates = await missingByProvider(repos, fleet, policy, plan);
  const all = candidates.flatMap((c) => c.missing);
  if (all.length === 0) return plan;
  const existing = await repos.decisions.find(
    {
      action: "deprecate",
      statusOrDigest: { status: ["pending", "approved"], digests: all.map((p) => p.digest) },
    },
    { fields: ["targets", "status", "evidence_digest"] },
  );
  const digests = new Set(existing.map((d) => d.evidence_digest));
  const open = new Set(
    existing
      .filter((d) => d.status === "pending" || d.status === "approved")
      .flatMap((d) => d.targets.map((t) => `${t.provider}\u0000${t.model_id}`)),
  );

  let total = 0;
  for (const c of candidates) {
    const fresh = c.missing.filter(
      (p) => !digests.has(p.digest) && !open.has(`${p.provider}\u0000${p.model_id}`),
    );
    plan.alreadyProposed += c.missing.length - fresh.length;
    const bound = perPassBound(c.fleet, bounds);
    const take = fresh.slice(0, bound);
    if (c.missing.length > bound) {
      plan.mass.push({
        provider: c.provider,
        fleet: c.fleet,
        missing: c.missing.length,
        proposed: take.length,
        held: fresh.length - take.length,
        reason: `mass disappearance at ${c.provider}: ${c.missing.length} of ${c.fleet} enabled models missing from the last ${DEFAULT_ABSENT_READS} complete reads; at most ${bound} deprecation(s) proposed per pass (check the account and the listing before approving)`,
      });
    }
    for (const p of take) {
      if (total >= policy.caps.per_pass) {
        plan.deferred++;
        continue;
      }
      plan.proposals.push(p);
      total++;
    }
  }
  return plan;
}

interface ProviderMissing {
  provider: string;
  /** The provider's enabled fleet size. */
  fleet: number;
  missing: RetirementProposal[];
}

/** Per provider with complete reads, its enabled unprotected models absent from them. */
async function missingByProvider(
  repos: Pick<Repositories, "discoveryRuns">,
  fleet: readonly ModelDoc[],
  policy: Policy,
  plan: RetirementPlan,
): Promise<ProviderMissing[]> {
  const enabled = fleet.filter((m) => m.enabled);
  const byProvider = new Map<string, ModelDoc[]>();
  for (const m of enabled) byProvider.set(m.provider, [...(byProvider.get(m.provider) ?? []), m]);
  const ledgerProviders = new Set(await repos.discoveryRuns.providers());

  const candidates: ProviderMissing[] = [];
  for (const [provider, models] of [...byProvider].sort(([a], [b]) => a.localeCompare(b))) {
    if (!ledgerProviders.has(provider)) continue; // no catalog read at all: nothing to judge by
    const report = await idsAbsentFromCompleteReads(
      repos,
      provider,
      models.map((m) => m.model_id),
      DEFAULT_ABSENT_READS,
    );
    if (!report.evaluable) {
      plan.notEvaluable.push({ provider, reason: report.reason ?? "not evaluable" });
      continue;
    }
    const newest = report.reads[0]?.id ?? "none";
    // A model joined the fleet after a read was made: that read says only that it was not listed
    // before a person added it (what a model just launched looks like), so it counts no absence.
    // The walk saw a model added by hand proposed for deprecation in the same minute, from three
    // reads older than it, and still pending after the catalog had listed it since.
    const oldest = report.reads.at(-1)?.finished_at;
    const createdAt = new Map(models.map((m) => [m.model_id, m.created_at]));
    const judged = report.missing.filter((id) => {
      const created = createdAt.get(id);
      return !(oldest && created && created > oldest);
    });
    plan.addedSinceReads += report.missing.length - judged.length;
    candidates.push({
      provider,
      fleet: models.length,
      missing: judged
        .filter((id) => !isProtected(policy, { provider, model_id: id }))
        .sort()
        .map((id) => ({
          provider,
          model_id: id,
          reads: report.reads,
          digest: `absent:${provider}:${id}:${newest}`,
        })),
    });
  }
  return candidates;
}
