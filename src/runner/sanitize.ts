import type { RunResult } from "../benchmark/index.js";
import { failureDoc } from "../taxonomy/failure-doc.js";
import { redactSecrets } from "../logger.js";
import type { ErrorDoc, ErrorStage, MetricDoc } from "../storage/documents.js";
import { classOf, type ErrorKind } from "../taxonomy/kinds.js";
import type { ResultRequest } from "./protocol.js";
import type { ClaimedItem } from "./work-source.js";

/**
 * The only kinds a runner may name: failures it observed itself (its own deadline, its output
 * validation, its transport), none of them hard. Any other kind is the server's classifier's to
 * give, from the status and the message, so a runner token cannot manufacture disable evidence;
 * except that a stream the runner could not parse (`failure_point: "protocol"`) stays unknown.
 */
export const RUNNER_OBSERVED_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  "timeout",
  "output_invalid",
  "network",
]);

/** Strings a runner sends besides the error message (finish reasons, request ids) are cut to this. */
const MAX_FIELD_LENGTH = 500;
const MAX_DEPTH = 6;

/**
 * Turns a posted result into the RunResult a local run would have produced. The runner runs our
 * code, but what it posts crossed a network and carries provider text, so the server applies
 * the local rules again: identity fields come from the claim, not the body; every string is
 * redacted and bounded; an error is rebuilt by `failureDoc`, so its message, class and
 * fingerprint are made exactly as for a local run.
 */
export function resultFromWire(item: ClaimedItem, posted: ResultRequest["result"]): RunResult {
  if (posted.ok) {
    const m = sanitize(posted.metric, 0) as MetricDoc;
    const metric: MetricDoc = {
      ...m,
      provider: item.provider,
      model_name: item.model_id,
      run_ts: new Date(posted.metric.run_ts),
      gen_ts: new Date(posted.metric.gen_ts),
    };
    delete metric._id;
    return { ok: true, metric };
  }
  const {
    provider: _p,
    model_name: _m,
    ts,
    stage,
    message,
    error_kind,
    http_status,
    equivalent_http_status,
    exc_type,
    error_class: _c,
    normalized_message: _n,
    fingerprint: _f,
    _id: _i,
    ...extra
  } = posted.error;
  const error: ErrorDoc = failureDoc({
    provider: item.provider,
    model: item.model_id,
    ts: new Date(ts),
    stage: stage as ErrorStage,
    message,
    httpStatus: http_status ?? null,
    statusEquivalent: typeof equivalent_http_status === "number" ? equivalent_http_status : null,
    exceptionType: typeof exc_type === "string" ? bound(exc_type) : null,
    // Failures the runner observed itself (its deadline, its validation) keep their kind; a
    // stream it could not parse stays unknown, as ProviderStreamError leaves it in a local run:
    // the message is our own words, which say nothing of what failed.
    knownKind: runnerKind(error_kind) ?? (extra["failure_point"] === "protocol" ? "unknown" : undefined),
    extra: sanitize(extra, 0) as Record<string, unknown>,
  });
  return { ok: false, error };
}

function runnerKind(kind: string): ErrorKind | undefined {
  const k = kind as ErrorKind;
  return RUNNER_OBSERVED_KINDS.has(k) && classOf(k) !== "hard" ? k : undefined;
}

/** The identity of a result must be the claim's: a runner cannot post a metric for another model. */
export function identityMismatch(item: ClaimedItem, posted: ResultRequest["result"]): string | null {
  const doc = posted.ok ? posted.metric : posted.error;
  if (doc.provider !== item.provider || doc.model_name !== item.model_id) {
    return `the result is for ${doc.provider}/${doc.model_name} but the claim is for ${item.provider}/${item.model_id}`;
  }
  return null;
}

function sanitize(value: unknown, depth: number): unknown {
  if (typeof value === "string") return bound(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[nested too deep]";
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // MongoDB operators or dotted paths in keys have no business in a stored run.
    if (k.startsWith("$") || k.includes(".")) continue;
    out[k] = sanitize(v, depth + 1);
  }
  return out;
}

function bound(text: string): string {
  const clean = redactSecrets(text);
  return clean.length > MAX_FIELD_LENGTH ? `${clean.slice(0, MAX_FIELD_LENGTH - 1)}…` : clean;
}

/**
 * A provider's raw catalog entry with keys the database cannot store made storable, losing
 * nothing: a leading `$` and every `.` become their full-width look-alikes (`＄`, `．`).
 */
export function storableKeys(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > 20) return value;
  if (Array.isArray(value)) return value.map((v) => storableKeys(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k.replace(/^\$/, "\uff04").replaceAll(".", "\uff0e")] = storableKeys(v, depth + 1);
  return out;
}
