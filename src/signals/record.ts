import { redactSecrets } from "../logger.js";
import type { ErrorDoc, ErrorStage, MetricDoc } from "../storage/documents.js";
import type { Repositories } from "../storage/repositories.js";
import { failureDoc } from "../taxonomy/failure-doc.js";
import { isErrorKind, type ErrorKind } from "../taxonomy/kinds.js";
import { kindFromStored } from "../taxonomy/legacy.js";
import { displayMessage, errorFingerprint, normalizeMessage } from "../taxonomy/normalize.js";
import { applyError, applySuccess } from "./apply.js";

/**
 * The two write paths every writer uses (the benchmark runner, the ingest API, the demo
 * seeder): the raw document goes to the existing collection, where the dashboard and other
 * runners read it, and the model's signals are folded in at once. `signals_at` marks a raw
 * document as already counted, so the backfill (which exists for documents other runners
 * write) never counts it twice.
 */

export async function recordSuccess(repos: Repositories, metric: MetricDoc, now = new Date()): Promise<void> {
  await repos.metrics.insert({ ...metric, signals_at: now });
  await applySuccess(repos.signals, successEvent(metric), now);
}

export interface NewError {
  provider: string;
  model_name: string;
  ts: Date;
  stage: ErrorStage;
  message: string;
  http_status?: number | null;
  exc_type?: string | null;
  /** Extra provenance fields (attempt, profile id, ...), stored as given. */
  extra?: Record<string, unknown>;
  /**
   * The kind when the writer observed the failure itself rather than reading provider text (our
   * deadline, our validation): the measurement core sets it, and reclassifying the message would
   * lose it (a timeout's text says nothing a classifier recognizes).
   */
  kind?: ErrorKind;
}

/** Classifies, redacts and stores one failed attempt, and folds it into the signals. */
export async function recordError(repos: Repositories, input: NewError, now = new Date()): Promise<ErrorDoc> {
  return recordErrorDoc(repos, buildErrorDoc(input), now);
}

/** Stores a document `failureDoc` already built (a run's result) as it is, and folds it in. */
export async function recordErrorDoc(
  repos: Repositories,
  doc: ErrorDoc,
  now = new Date(),
): Promise<ErrorDoc> {
  await repos.errors.insert({ ...doc, signals_at: now });
  await applyError(repos.signals, errorEvent(doc), now);
  return doc;
}

/** `NewError`'s names for the one builder's input (`failureDoc`). */
export function buildErrorDoc(input: NewError): ErrorDoc {
  return failureDoc({
    provider: input.provider,
    model: input.model_name,
    ts: input.ts,
    stage: input.stage,
    message: input.message,
    httpStatus: input.http_status ?? null,
    exceptionType: input.exc_type ?? null,
    ...(input.kind !== undefined ? { knownKind: input.kind } : {}),
    ...(input.extra ? { extra: input.extra } : {}),
  });
}

export function successEvent(metric: MetricDoc): Parameters<typeof applySuccess>[1] {
  return {
    provider: metric.provider,
    model_id: metric.model_name,
    ts: metric.gen_ts,
    ttft: metric.time_to_first_token,
    tokensPerSecond: Number.isFinite(metric.tokens_per_second) ? metric.tokens_per_second : null,
  };
}

/**
 * Reads an error document written by anyone: one without a kind, or with a kind from the
 * earlier system's taxonomy, is classified as it is read; a missing fingerprint is computed.
 */
export function errorEvent(doc: ErrorDoc): Parameters<typeof applyError>[1] {
  const { kind, class: errorClass } = kindFromStored(doc);
  // Redacted as our writers redact (failure-doc.ts): another runner's message may carry a key, which
  // would otherwise make a fingerprint (a group) of its own and reach what people read.
  const redacted = redactSecrets(doc.message);
  const fingerprint =
    typeof doc.fingerprint === "string" && doc.fingerprint !== "" && isErrorKind(doc.error_kind)
      ? doc.fingerprint
      : errorFingerprint({ provider: doc.provider, kind, message: redacted, model: doc.model_name });
  return {
    provider: doc.provider,
    model_id: doc.model_name,
    ts: doc.ts,
    kind,
    errorClass,
    fingerprint,
    message: (doc.normalized_message ?? normalizeMessage(redacted, { model: doc.model_name })).slice(0, 500),
    // displayMessage redacts what it is given itself (normalize.ts), so it takes the stored text.
    displayMessage: displayMessage(doc.message),
    profileId: profileOf(doc),
  };
}

/** The profile a stored run ran with, when it says. */
export function profileOf(doc: ErrorDoc): string | null {
  const id = doc["benchmark_profile_id"];
  return typeof id === "string" ? id : null;
}
