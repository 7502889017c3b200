import type { Config } from "../../config/config.js";
import { isRemoteOnly, localProviderSetup } from "../../config/providers.js";
import { budgetFor } from "../../policy/budgets.js";
import type { ClaimHead } from "../../storage/benchmark-claims-repository.js";
import type { ModelDoc } from "../../storage/documents.js";
import type { Repositories } from "../../storage/repositories.js";
import { modelKey, type ModelSignalDoc } from "../../storage/signals-repository.js";
import { getProfile, type BenchmarkProfile } from "../profiles.js";
import { backoffUntil, profileChangedSince } from "./backoff.js";
import { estimateRunUsd, type ModelPrice } from "./cost.js";
import { loadPrices } from "./prices.js";

/**
 * What is due is derived at claim time from `models`, the signals, provider state and the open
 * claims; there is no stored queue that could disagree with the catalog. The earlier runner kept
 * one: a job cancelled while its model was disabled was never scheduled again after re-enabling,
 * and a `models[:limit]` slice skipped the same 12 of 112 models forever. Here a disabled model is
 * simply not due, a re-enabled one is due at the next read, and the order (longest since its last
 * attempt first) puts every model that was tried at the back of the line, so a cap on the work of
 * one pass delays models but never leaves one behind.
 */

export type { Role, Candidate, SkipReason, Skipped, DuePlan, PlanFilter } from "./due-types.js";
import type {
  Role,
  Candidate,
  SkipReason,
  Skipped,
  DuePlan,
  PlanFilter,
  ProbeClaimPurpose,
} from "./due-types.js";

const HOUR = 3_600_000;

export async function planDueWork(repos: Repositories, config: Config, filter: PlanFilter): Promise<DuePlan> {
  const { now } = filter;
  const modelFilter: Record<string, string> = {};
  if (filter.provider) modelFilter["provider"] = filter.provider;
  if (filter.model) modelFilter["model_id"] = filter.model;
  const probeSince = new Date(now.getTime() - config.benchmark.probeWindowHours * HOUR);
  // One read per collection; everything else is in memory (FerretDB scans every non-_id find).
  const [models, statuses, providerStates, claims, probes, current, spent] = await Promise.all([
    repos.models.find(modelFilter),
    repos.signals.statuses(filter.provider ? { provider: filter.provider } : {}),
    repos.operatorState.providerStates(),
    repos.benchmarkClaims.heads(),
    repos.probeRuns.since(probeSince),
    repos.policies.current(),
    repos.spend.spentToday("benchmark", now),
  ]);
  const heads = claims.byModel;
  const prices = await loadPrices(repos, models, now);
  const statusById = new Map<string, ModelSignalDoc>(statuses.map((s) => [s._id, s]));
  const lastProbe = new Map<string, Date>();
  for (const p of probes) {
    const key = modelKey(p.provider, p.model_id);
    const cur = lastProbe.get(key);
    if (!cur || p.ts > cur) lastProbe.set(key, p.ts);
  }

  const candidates: Candidate[] = [];
  const skipped: Skipped[] = [];
  const setups = new Map<string, ReturnType<typeof localProviderSetup>>();
  const inputs: ModelInputs = {
    config,
    filter,
    now,
    statusById,
    lastProbe,
    heads,
    prices,
    providerStates,
    setupOf: (provider) => {
      let s = setups.get(provider);
      if (!s) setups.set(provider, (s = localProviderSetup(config, provider)));
      return s;
    },
  };
  for (const m of models) {
    const verdict = judgeModel(m, inputs);
    if ("reason" in verdict) skipped.push({ provider: m.provider, model_id: m.model_id, ...verdict });
    else candidates.push(verdict);
  }
  candidates.sort(byLongestWaiting);

  let reserved = 0;
  for (const head of heads.values()) if (isOpen(head, now)) reserved += head.claim!.estimated_cost_usd ?? 0;
  return {
    now,
    candidates,
    skipped,
    killSwitch: current.policy.kill_switch,
    budget: {
      limit_usd: budgetFor("benchmark", current.policy, config).usd_per_day,
      spent_today_usd: spent,
      reserved_usd: reserved,
    },
    staleClaimIds: claims.stale,
  };
}

/** What judging one model needs, all read once per plan. */
interface ModelInputs {
  config: Config;
  filter: PlanFilter;
  now: Date;
  statusById: Map<string, ModelSignalDoc>;
  lastProbe: Map<string, Date>;
  heads: Map<string, ClaimHead>;
  prices: Map<string, ModelPrice>;
  providerStates: Awaited<ReturnType<Repositories["operatorState"]["providerStates"]>>;
  setupOf: (provider: string) => ReturnType<typeof localProviderSetup>;
}

type SkipVerdict = { reason: SkipReason; detail: string };
const skip = (reason: SkipReason, detail: string): SkipVerdict => ({ reason, detail });

/** A model is due (a candidate) or skipped with the first reason that rules it out. */
function judgeModel(m: ModelDoc, inputs: ModelInputs): Candidate | SkipVerdict {
  const { config, filter, now } = inputs;
  const key = modelKey(m.provider, m.model_id);
  const role = roleOf(m) ?? (filter.force && m.deprecated !== true ? "probe" : null);
  if (role === null)
    return skip(m.deprecated ? "deprecated" : "disabled", m.deprecated ? "deprecated" : "not enabled");
  if (!filter.remote) {
    const setup = inputs.setupOf(m.provider);
    if (!setup.configured) return skip("not_configured", setup.reason);
  }
  const stopped = providerStopped(inputs, m.provider);
  if (!filter.force && stopped) return skip("provider_paused", stopped);
  const head = inputs.heads.get(key) ?? null;
  if (isOpen(head, now)) {
    return skip(
      "claimed",
      `claimed by ${head!.claim!.holder} until ${head!.claim!.expires_at.toISOString()}`,
    );
  }
  const profile = profileFor(m, config);
  if (!profile) return skip("unknown_profile", "no benchmark profile by that id");
  const s = inputs.statusById.get(key);
  const price = inputs.prices.get(key) ?? null;
  const base: CandidateBase = {
    provider: m.provider,
    model_id: m.model_id,
    model_oid: m._id ?? null,
    role,
    profile,
    metadata: m.model_metadata ?? null,
    last_success_at: s?.last_success_at ?? null,
    epoch: head?.epoch ?? 0,
    price,
    estimate_usd: estimateRunUsd(price, profile, config.benchmark.unknownPriceUsd),
    // Not open (above), so a claim that is not done has expired.
    abandoned: head?.claim && !head.done ? head.claim : null,
  };
  if (role === "probe") return probeVerdict(m, base, inputs.lastProbe.get(key) ?? null, inputs);
  const changed = m["settings_changed_at"];
  return publishedVerdict(base, s, inputs, changed instanceof Date ? changed : null);
}

/**
 * Why a provider's work is withheld, or null. Recovery probes restart a paused or blocked
 * provider, but they run on this server, and a remote-only provider never runs here: for a
 * runner, its stop holds until its date (one without a date, or past it, would starve it for
 * good: nothing here could ever see it recover), and then its work is judged by the models' own
 * cadence and backoff (an hour after an auth or billing failure), so the runner is its probe.
 */
function providerStopped(inputs: ModelInputs, provider: string): string | null {
  const state = inputs.providerStates.get(provider);
  if (!state || (state.state !== "paused" && state.state !== "blocked")) return null;
  if (inputs.filter.remote && isRemoteOnly(inputs.config, provider)) {
    const until = state.until ?? null;
    return until && until > inputs.now
      ? `provider ${state.state} until ${until.toISOString()}: its runner resumes it then`
      : null;
  }
  return `provider ${state.state}: recovery probes handle it`;
}

type CandidateBase = Omit<Candidate, "purpose" | "attempt" | "last_attempt_at" | "why">;

/** A probe is due unless one ran in the probe window (a requested re-check is always due). */
function probeVerdict(
  m: ModelDoc,
  base: CandidateBase,
  probed: Date | null,
  { config, filter, now }: ModelInputs,
): Candidate | SkipVerdict {
  if (probed && !filter.force) {
    return skip(
      "probe_recent",
      `probed ${hoursAgo(probed, now)} h ago (window ${config.benchmark.probeWindowHours} h)`,
    );
  }
  return {
    ...base,
    purpose: filter.force
      ? filter.recheck
        ? "recheck"
        : "manual"
      : m.status === "probing"
        ? "admission"
        : "manual",
    attempt: 1,
    last_attempt_at: probed,
    why: filter.force ? "re-check requested" : "candidate: no probe run in the window",
  };
}

/** A published model is due once its cadence has passed, and a failing one once its backoff has. */
function publishedVerdict(
  base: CandidateBase,
  s: ModelSignalDoc | undefined,
  { config, filter, now }: ModelInputs,
  /** When a set_settings batch last changed the model's settings: a failure before it is no reason to wait. */
  settingsChangedAt: Date | null = null,
): Candidate | SkipVerdict {
  const lastSuccess = s?.last_success_at ?? null;
  const lastError = s?.last_error_at ?? null;
  const cadenceMs = config.jobs.cadenceHours * HOUR;
  if (!filter.force && lastSuccess && now.getTime() - lastSuccess.getTime() < cadenceMs) {
    return skip(
      "fresh",
      `measured ${hoursAgo(lastSuccess, now)} h ago (cadence ${config.jobs.cadenceHours} h)`,
    );
  }
  const failing = lastError !== null && (!lastSuccess || lastError > lastSuccess);
  const settingsRetry = failing && settingsChangedAt !== null && settingsChangedAt > lastError;
  const failedProfile = s?.last_error_profile_id ?? null;
  const profileRetry =
    failing && !!s?.last_error_kind && profileChangedSince(s.last_error_kind, failedProfile, base.profile.id);
  const retry = settingsRetry || profileRetry;
  if (failing && s?.last_error_kind && !retry) {
    const until = backoffUntil(s.last_error_kind, lastError);
    if (until > now && !filter.force) {
      return skip(
        "backoff",
        `last run failed with ${s.last_error_kind}; due again at ${until.toISOString()}`,
      );
    }
  }
  return {
    ...base,
    purpose: null,
    attempt: failing ? (s?.consecutive_failures ?? 0) + 1 : 1,
    last_attempt_at: failing ? lastError : lastSuccess,
    why: filter.force
      ? "re-check requested"
      : settingsRetry
        ? `settings changed at ${settingsChangedAt.toISOString()}, after its last failure`
        : profileRetry
          ? `its last failure (${s?.last_error_kind}) ran under profile ${failedProfile}; its profile is now ${base.profile.id}`
          : lastSuccess
            ? `last success ${hoursAgo(lastSuccess, now)} h ago (cadence ${config.jobs.cadenceHours} h)` +
              (failing ? `, failing since with ${s?.last_error_kind}` : "")
            : failing
              ? `never succeeded; last failure ${s?.last_error_kind}`
              : "never measured",
  };
}

/** published: enabled and not deprecated; probe: a candidate being probed for admission. */
function roleOf(m: ModelDoc): Role | null {
  if (m.deprecated === true) return null;
  if (m.enabled) return "published";
  return m.status === "probing" ? "probe" : null;
}

/**
 * Whether a claimed run may still be made and stored: published runs need an enabled model, an
 * admission probe a candidate, a requested re-check any model that is not deprecated.
 */
export function stillEligible(
  model: ModelDoc | null,
  role: Role,
  purpose: ProbeClaimPurpose | null | undefined,
): boolean {
  if (!model || model.deprecated === true) return false;
  if (role === "published") return model.enabled;
  return purpose === "manual" || purpose === "recheck" || model.enabled || model.status === "probing";
}

/** A claim that is neither finished nor expired blocks the model for everyone else. */
export function isOpen(head: ClaimHead | null, now: Date): boolean {
  return !!head?.claim && !head.done && head.claim.expires_at > now;
}

/** `model_metadata.benchmark_profile_id` wins; reasoning models get the reasoning profile. */
export function profileFor(
  m: Pick<ModelDoc, "model_metadata">,
  config: Config,
): BenchmarkProfile | undefined {
  const own = m.model_metadata?.["benchmark_profile_id"];
  if (typeof own === "string") return getProfile(own);
  const reasoning = m.model_metadata?.["reasoning"] === true;
  return getProfile(reasoning ? config.benchmark.reasoningProfileId : config.benchmark.profileId);
}

function byLongestWaiting(a: Candidate, b: Candidate): number {
  const ta = a.last_attempt_at?.getTime() ?? -Infinity;
  const tb = b.last_attempt_at?.getTime() ?? -Infinity;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return modelKey(a.provider, a.model_id) < modelKey(b.provider, b.model_id) ? -1 : 1;
}

function hoursAgo(d: Date, now: Date): number {
  return Math.round(((now.getTime() - d.getTime()) / HOUR) * 10) / 10;
}
