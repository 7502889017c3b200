import { redactSecrets } from "../logger.js";
import type { ErrorDoc, ErrorStage, MetricDoc } from "../storage/documents.js";
import type { Repositories } from "../storage/repositories.js";
import { describeError } from "../taxonomy/classify.js";
import { classOf, isErrorKind, type ErrorKind } from "../taxonomy/kinds.js";
import { kindFromStored } from "../taxonomy/legacy.js";
import { errorFingerprint, normalizeMessage } from "../taxonomy/normalize.js";
import { applyError, applySuccess } from "./apply.js";

/**
 * The two write paths every writer uses (the benchmark runner, the ingest API, the demo
 * seeder): the raw document goes to the existing collection, where the dashboard and other
 * runners read it, and the model's signals are folded in at once. `signals_at` marks a raw
 * document as already counted, so the backfill (which exists for documents other runners
 * write) never counts it twice.
 */

const MAX_STORED_MESSAGE = 2_000;

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
  const doc = buildErrorDoc(input);
  await repos.errors.insert({ ...doc, signals_at: now });
  await applyError(repos.signals, errorEvent(doc), now);
  return doc;
}

export function buildErrorDoc(input: NewError): ErrorDoc {
  const message = redactSecrets(input.message).slice(0, MAX_STORED_MESSAGE);
  const described = describeError({
    provider: input.provider,
    httpStatus: input.http_status ?? null,
    message,
    exceptionType: input.exc_type ?? null,
    model: input.model_name,
  });
  const known = input.kind !== undefined && input.kind !== described.kind ? input.kind : null;
  const kind = known ?? described.kind;
  return {
    ...input.extra,
    provider: input.provider,
    model_name: input.model_name,
    ts: input.ts,
    stage: input.stage,
    message,
    error_kind: kind,
    error_class: known ? classOf(known) : described.class,
    http_status: input.http_status ?? null,
    normalized_message: described.normalized_message,
    fingerprint: known
      ? errorFingerprint({ provider: input.provider, kind: known, message, model: input.model_name })
      : described.fingerprint,
    exc_type: input.exc_type ?? null,
  };
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
  const fingerprint =
    typeof doc.fingerprint === "string" && doc.fingerprint !== "" && isErrorKind(doc.error_kind)
      ? doc.fingerprint
      : errorFingerprint({ provider: doc.provider, kind, message: doc.message, model: doc.model_name });
  return {
    provider: doc.provider,
    model_id: doc.model_name,
    ts: doc.ts,
    kind,
    errorClass,
    fingerprint,
    message: (
      doc.normalized_message ?? normalizeMessage(redactSecrets(doc.message), { model: doc.model_name })
    ).slice(0, 500),
  };
}
