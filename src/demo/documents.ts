import type { ErrorDoc, MetricDoc } from "../storage/documents.js";
import { failureDoc } from "../taxonomy/failure-doc.js";
import type { ErrorKind } from "../taxonomy/kinds.js";
import { NOISE_KINDS, providerError } from "./messages.js";
import { providerProfile } from "./providers.js";
import { createRng, type Rng } from "./random.js";
import type { FleetPlan, ModelPlan } from "./types.js";

/**
 * The run history of a planned fleet, generated lazily: one model at a time, one run per cadence
 * slot, so a 5-million-document fleet never sits in memory. Each model draws from its own seeded
 * stream, so its documents are the same however the writer batches them.
 */
export type RunDoc = { collection: "metrics"; doc: MetricDoc } | { collection: "errors"; doc: ErrorDoc };

export const PROFILES = {
  default: { id: "cloud-default-v1", tokens: 64 },
  reasoning: { id: "cloud-reasoning-v1", tokens: 512 },
} as const;
export const METRICS_SCHEMA_VERSION = 2;
export const PROTOCOL_VERSION = 1;
/** Share of error documents written in the earlier Python runner's shape. */
export const LEGACY_ERROR_SHARE = 0.05;
/** A run needs a few minutes to finish; slots closer to `now` than this have not produced a document yet. */
const SETTLE_MS = 5 * 60_000;
const HOUR = 3_600_000;

export function* fleetRuns(plan: FleetPlan): Generator<RunDoc> {
  for (const model of plan.models) yield* modelRuns(plan, model);
}

interface Speed {
  ttft: number;
  tps: number;
}

export function* modelRuns(plan: FleetPlan, m: ModelPlan): Generator<RunDoc> {
  const { seed, now } = plan.options;
  const rng = createRng(seed, "runs", m.provider, m.model_id);
  const speed = modelSpeed(m, rng);
  const cadence = plan.cadenceMs;
  const from = m.runsFrom.getTime();
  const until = Math.min(m.runsUntil.getTime(), now.getTime() - SETTLE_MS);
  let streak = 0;
  // Slots are aligned to the clock (00:00, 03:00, ... for a 3-hour cadence); each model runs at
  // its own offset inside the slot, as a scheduler spreading a sweep would.
  for (let slot = Math.floor(from / cadence) * cadence; slot + m.phaseMs < until; slot += cadence) {
    const t = slot + m.phaseMs;
    if (t < from) continue;
    const kind = outcome(m, t, streak, rng, now.getTime());
    if (kind === null) {
      streak = 0;
      yield { collection: "metrics", doc: metricDoc(m, slot, t, speed, rng) };
    } else {
      streak++;
      yield { collection: "errors", doc: errorDoc(m, kind, t, rng) };
    }
  }
}

/** What happens on the run at time `t`: null for a success, else the kind of the failure. */
function outcome(m: ModelPlan, t: number, streak: number, rng: Rng, now: number): ErrorKind | null {
  const started = m.startedAt !== undefined && t >= m.startedAt.getTime();
  switch (m.role) {
    case "healthy":
    case "provider_deprecated":
    case "case_variant":
      return noise(m, t, streak, rng, now);
    case "removed":
    case "renamed":
    case "retired":
    case "terms_required":
    case "wrong_api_surface":
    case "provider_auth_outage":
    case "provider_out_of_credit":
      return started ? m.kind! : noise(m, t, streak, rng, now);
    case "recovered":
      // No noise at all: the truth is "errors in the window, successes on either side".
      return started && t < m.endedAt!.getTime() ? m.kind! : null;
    case "rate_limit_bursts": {
      if (!started || streak >= 2) return null;
      // Bursts follow US business hours, when everyone else is calling the same model.
      const hour = new Date(t).getUTCHours();
      return rng.chance(hour >= 14 && hour < 23 ? 0.6 : 0.15) ? "rate_limit" : null;
    }
    case "reasoning_budget_exhausted":
      return streak < 4 && rng.chance(0.6) ? "output_invalid" : null;
    case "intermittent_timeouts":
      return streak < 2 && rng.chance(0.33) ? "timeout" : null;
    case "never_succeeded":
      return m.kind!;
    case "disabled":
      return started && m.kind ? m.kind : null;
  }
}

/** Rare isolated transient errors; never two in a row and never in the last six hours. */
function noise(m: ModelPlan, t: number, streak: number, rng: Rng, now: number): ErrorKind | null {
  if (streak > 0 || t > now - 6 * HOUR || !rng.chance(0.006)) return null;
  return rng.pick(NOISE_KINDS[m.provider]);
}

/**
 * A model's typical speed: its provider's profile, scaled by its size (parsed from the id where
 * it says "70b"), with a per-model spread. Very large models in the timeout scenario are slower.
 */
function modelSpeed(m: ModelPlan, rng: Rng): Speed {
  const p = providerProfile(m.provider).speed;
  const size = /(\d+(?:\.\d+)?)b(?![a-z])/i.exec(m.model_id);
  let factor = 1;
  if (size) factor = Math.min(2.2, Math.max(0.45, Math.pow(70 / Number(size[1]), 0.3)));
  else if (/mini|nano|haiku|flash|lite|instant|small|micro/i.test(m.model_id)) factor = 1.5;
  else if (/opus|premier|large|-pro\b|pro-/i.test(m.model_id)) factor = 0.65;
  if (m.role === "intermittent_timeouts") factor *= 0.5;
  return {
    ttft: rng.logNormal(p.ttft, p.ttftSigma) / Math.sqrt(factor),
    tps: rng.logNormal(p.tps, p.tpsSigma) * factor,
  };
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function metricDoc(m: ModelPlan, slot: number, t: number, speed: Speed, rng: Rng): MetricDoc {
  const profile = PROFILES[m.profile];
  const ttft = speed.ttft * rng.logNormal(1, 0.25);
  const tps = speed.tps * rng.logNormal(1, 0.15);
  const reasoning = m.profile === "reasoning" || m.role === "reasoning_budget_exhausted";
  let reasoningTokens = 0;
  let output: number;
  let finish = "length";
  if (m.profile === "reasoning") {
    reasoningTokens = rng.int(100, 420);
    output = Math.min(profile.tokens, reasoningTokens + rng.int(40, 160));
    if (output < profile.tokens) finish = "stop";
  } else {
    output = rng.chance(0.85) ? profile.tokens : rng.int(profile.tokens - 8, profile.tokens - 1);
    if (output < profile.tokens) finish = "stop";
    // The budget-exhaustion scenario's successes: reasoning ate part of the budget, not all of it.
    if (reasoning) reasoningTokens = rng.int(20, output - 12);
  }
  const firstChunk = rng.int(1, 4);
  const decode = (output - firstChunk) / tps;
  // Rounded once, so the stored tokens_per_second is exactly output_tokens / the stored generate_time.
  const generateTime = round4(ttft + decode);
  const gaps = rng.int(5, 8);
  const times_between_tokens = Array.from({ length: gaps }, () =>
    round4((decode / gaps) * rng.logNormal(1, 0.35)),
  );
  const doc: MetricDoc = {
    provider: m.provider,
    model_name: m.model_id,
    run_ts: new Date(slot),
    gen_ts: new Date(t),
    requested_tokens: profile.tokens,
    output_tokens: output,
    generate_time: generateTime,
    tokens_per_second: round4(output / generateTime),
    time_to_first_token: round4(ttft),
    times_between_tokens,
    metrics_schema_version: METRICS_SCHEMA_VERSION,
    benchmark_profile_id: profile.id,
    protocol_version: PROTOCOL_VERSION,
    sample_role: "published",
    attempt: 1,
    token_source: "provider_usage",
    visible_output_tokens: output - reasoningTokens,
    time_to_first_answer_token: round4(ttft + reasoningTokens / tps),
    output_tokens_per_second: round4(tps),
    finish_reason: finish,
  };
  // Reasoning models reject a temperature; the adapter omits it for them.
  if (!reasoning) doc.temperature = 0;
  if (reasoning) doc.reasoning_tokens = reasoningTokens;
  return doc;
}

function errorDoc(m: ModelPlan, kind: ErrorKind, t: number, rng: Rng): ErrorDoc {
  const e = providerError(m.provider, kind, { model: m.model_id, rng, unknownId: m.role === "renamed" });
  // A timeout is recorded when the deadline fires; other failures come back within seconds.
  const elapsed = kind === "timeout" ? 120_000 : Math.round(rng.between(200, 3000));
  const ts = new Date(t + elapsed);
  if (rng.chance(LEGACY_ERROR_SHARE)) return legacyErrorDoc(m, kind, e, ts, rng);
  return failureDoc({
    provider: m.provider,
    model: m.model_id,
    ts,
    stage: e.stage,
    message: e.message,
    httpStatus: e.httpStatus,
    exceptionType: e.excType,
    extra: { benchmark_profile_id: PROFILES[m.profile].id, sample_role: m.sampleRole, attempt: 1 },
  });
}

/** The earlier runner's taxonomy, as its write-time classifier would have labelled each kind. */
const LEGACY_KIND: Record<ErrorKind, string> = {
  model_not_found: "hard_model",
  model_retired: "hard_model",
  model_unavailable: "hard_model",
  auth: "auth",
  billing: "billing",
  rate_limit: "rate_limit",
  overloaded: "transient_provider",
  server_error: "transient_provider",
  timeout: "timeout",
  network: "network",
  bad_request: "unknown",
  context_length: "unknown",
  content_filter: "unknown",
  output_invalid: "budget_exhausted",
  unknown: "unknown",
};

/**
 * An error as the earlier Python runner (and the bench-ingest path that still copies it) wrote
 * it: no class, normalized message or fingerprint; a third with no kind at all, a third with
 * `unknown` (its status-only classifier left most errors there), a third with its old kind; half
 * with `ts` as Python's isoformat() string instead of a date.
 */
function legacyErrorDoc(
  m: ModelPlan,
  kind: ErrorKind,
  e: { message: string; httpStatus: number | null; stage: string },
  ts: Date,
  rng: Rng,
): ErrorDoc {
  const doc: Record<string, unknown> = {
    provider: m.provider,
    model_name: m.model_id,
    ts: rng.chance(0.5) ? pythonIso(ts) : ts,
    stage: e.stage,
    message: e.message,
    http_status: rng.chance(0.5) ? e.httpStatus : null,
    provider_error_code: null,
  };
  const roll = rng.next();
  if (roll >= 1 / 3) doc["error_kind"] = roll < 2 / 3 ? "unknown" : LEGACY_KIND[kind];
  // The stored shape is legacy on purpose; ErrorDoc's readers (normalizeError) accept it.
  return doc as ErrorDoc;
}

/** datetime.isoformat() of an aware UTC datetime: 2026-11-20T10:42:07.123000+00:00. */
export function pythonIso(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}
