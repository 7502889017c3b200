import { classifyError, type Classification } from "./classify.js";
import { classOf, isErrorKind, type ErrorKind } from "./kinds.js";

/**
 * Error documents written by the earlier Python system carry its kinds (`auth, billing,
 * rate_limit, hard_model, hard_capability, transient_provider, network, timeout,
 * budget_exhausted, unknown`, and the older `hard`), or no kind at all. Its hot path wrote
 * `unknown` for almost everything and mapped any 404 to `hard_model`, so a stored legacy verdict
 * is a hint, never evidence on its own: we re-classify from the stored text and use the legacy
 * kind only where it carries information the text may lack.
 */

export interface StoredErrorDoc {
  error_kind?: unknown;
  provider: string;
  message?: unknown;
  http_status?: unknown;
  exc_type?: unknown;
  model_name?: unknown;
}

function asString(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

/** Stored statuses are numbers, or numeric strings in documents written by older runners. */
function asStatus(v: unknown): number | null {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^\s*\d{3}\s*$/.test(v)) return Number(v);
  return null;
}

function classification(kind: ErrorKind): Classification {
  return { kind, class: classOf(kind) };
}

/** Our classification of a stored error document, legacy or ours. */
export function kindFromStored(doc: StoredErrorDoc): Classification {
  const stored = typeof doc.error_kind === "string" ? doc.error_kind.trim().toLowerCase() : null;

  // Already one of our kinds (written by this system, or a legacy kind with the same name and
  // meaning: auth, billing, rate_limit, network, timeout). Kept, except `unknown`, which is the
  // absence of a verdict: re-classifying it can only add information.
  if (stored !== null && stored !== "unknown" && isErrorKind(stored)) return classification(stored);

  const reclassified = classifyError({
    provider: doc.provider,
    message: asString(doc.message) ?? "",
    httpStatus: asStatus(doc.http_status),
    exceptionType: asString(doc.exc_type),
    model: asString(doc.model_name),
  });

  switch (stored ?? "") {
    case "budget_exhausted":
      // Our own validator's verdict ("token budget was exhausted"): the model answered, the
      // profile spent the budget on hidden reasoning.
      return classification("output_invalid");
    case "hard_capability":
      // The legacy "our code is wrong" kind. Keep a more specific "ours" kind when the text gives
      // one (context_length, content_filter); otherwise it is a bad request. Never hard.
      return reclassified.class === "ours" ? reclassified : classification("bad_request");
    case "transient_provider":
      // Legacy evidence was a 5xx or an overload marker, which the stored text may have lost. A
      // more specific text verdict stands, but not a hard one (a 5xx vetoes hard) nor unknown.
      return reclassified.class === "hard" || reclassified.kind === "unknown"
        ? classification("server_error")
        : reclassified;
    case "hard_model":
    case "hard":
      // The legacy system called any 404 hard. Hard only with positive evidence in the text,
      // which is exactly what a hard re-classification means; otherwise the re-classification
      // stands (often unknown).
      return reclassified;
    default:
      // No kind, `unknown`, or a kind neither system knows.
      return reclassified;
  }
}
