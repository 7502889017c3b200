/**
 * The error taxonomy (DESIGN section 4). A kind says what happened; its class says what it is
 * evidence of. Only the hard class is evidence about the model itself; provider-wide and
 * transient failures must never demote a model, and the "ours" class means our adapter or
 * benchmark profile needs fixing.
 */
export const ERROR_KINDS = {
  model_not_found: "hard",
  model_retired: "hard",
  model_unavailable: "hard",
  auth: "provider_wide",
  billing: "provider_wide",
  rate_limit: "transient",
  overloaded: "transient",
  server_error: "transient",
  timeout: "transient",
  network: "transient",
  bad_request: "ours",
  context_length: "ours",
  content_filter: "ours",
  output_invalid: "ours",
  unknown: "unknown",
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;
export type ErrorClass = (typeof ERROR_KINDS)[ErrorKind];

export const ALL_ERROR_KINDS = Object.keys(ERROR_KINDS) as ErrorKind[];

export function classOf(kind: ErrorKind): ErrorClass {
  return ERROR_KINDS[kind];
}

export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === "string" && Object.hasOwn(ERROR_KINDS, value);
}
