import { redactSecrets } from "../logger.js";
import type { ErrorDoc, ErrorStage } from "../storage/documents.js";
import { describeError } from "./classify.js";
import { classOf, type ErrorKind } from "./kinds.js";
import { errorFingerprint } from "./normalize.js";

/** Messages stored with an error are cut to this length (about 2 KB of provider text). */
export const MAX_ERROR_MESSAGE_LENGTH = 2000;

export interface FailureInput {
  provider: string;
  model: string;
  ts: Date;
  stage: ErrorStage;
  message: string;
  httpStatus?: number | null;
  /** The provider's documented status for an in-stream error type: classification input only. */
  statusEquivalent?: number | null;
  /** The provider's error type or the exception's name, as the classifier reads it. */
  exceptionType?: string | null;
  /**
   * The kind, when we detected the failure ourselves instead of reading provider text: our
   * deadline (`timeout`), our validation (`output_invalid`), a broken transport (`network`).
   */
  knownKind?: ErrorKind;
  /** Run provenance and diagnostics stored alongside (profile, attempt, partial timings). */
  extra?: Record<string, unknown>;
}

/**
 * The one builder of a failed attempt's stored document, for every writer: a local run (the
 * measurement core), a remote runner's posted result (rebuilt from the wire), the signals writers
 * (`recordError`) and the demo. A document built here is stored as it is (`recordErrorDoc`), never
 * taken apart and built again. The message is redacted (anything key-shaped)
 * and cut to a bound before it is classified or stored, so the fingerprint never depends on a
 * secret and no stored text can carry one.
 */
export function failureDoc(input: FailureInput): ErrorDoc {
  const message = truncate(redactSecrets(input.message), MAX_ERROR_MESSAGE_LENGTH);
  const described = describeError({
    provider: input.provider,
    httpStatus: input.httpStatus ?? input.statusEquivalent ?? null,
    message,
    exceptionType: input.exceptionType ?? null,
    model: input.model,
  });
  let kind: ErrorKind = described.kind;
  let fingerprint = described.fingerprint;
  if (input.knownKind && input.knownKind !== kind) {
    // The classifier reads provider text; a failure we observed ourselves has a known kind. The
    // fingerprint is recomputed with the same function so it groups like every other.
    kind = input.knownKind;
    fingerprint = errorFingerprint({ provider: input.provider, kind, message, model: input.model });
  }
  return {
    ...input.extra,
    provider: input.provider,
    model_name: input.model,
    ts: input.ts,
    stage: input.stage,
    message,
    error_kind: kind,
    error_class: classOf(kind),
    http_status: input.httpStatus ?? null,
    ...(input.statusEquivalent ? { equivalent_http_status: input.statusEquivalent } : {}),
    normalized_message: described.normalized_message,
    fingerprint,
    exc_type: input.exceptionType ?? null,
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
