import { isErrorKind, type ErrorKind } from "../../taxonomy/kinds.js";

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * How long a model waits after a failed run before it is due again, by what the failure was: the
 * one table. Short for rate limits (the provider asked us to slow down, not to stop), about an
 * hour for transient trouble, a day for failures that say the model is gone (the operator decides
 * about those; measuring them every pass only piles up errors). Provider-wide kinds wait an hour,
 * but the sweep also stops the provider's lane and pauses the provider, so its models are not
 * burned one by one. Backoff never grows without bound: the earlier runner's growing retry span
 * (44 h before a dead letter) is how a model quietly fell out of measurement.
 */
export const BACKOFF_MS: Record<ErrorKind, number> = {
  rate_limit: 10 * MIN,
  overloaded: 15 * MIN,
  server_error: HOUR,
  timeout: HOUR,
  network: HOUR,
  unknown: HOUR,
  auth: HOUR,
  billing: HOUR,
  // Ours: our request or profile needs fixing; retrying every pass would change nothing.
  bad_request: 6 * HOUR,
  context_length: 6 * HOUR,
  content_filter: 6 * HOUR,
  output_invalid: 6 * HOUR,
  model_not_found: 24 * HOUR,
  model_retired: 24 * HOUR,
  model_unavailable: 24 * HOUR,
};

/**
 * Failures of ours that the benchmark profile makes (its prompt, its output budget, its validation
 * band): under another profile the request is another one, so their backoff holds only while the
 * model's profile is the one they ran with. A wrong BENCH_PROFILE fails every model with
 * output_invalid; its fix must not wait 6 h.
 */
const PROFILE_KINDS: ReadonlySet<string> = new Set<ErrorKind>([
  "bad_request",
  "context_length",
  "content_filter",
  "output_invalid",
]);

/** True when a failure of `kind` under `failedProfile` says nothing about a run under `profile` now. */
export function profileChangedSince(
  kind: string,
  failedProfile: string | null | undefined,
  profile: string,
): boolean {
  return PROFILE_KINDS.has(kind) && typeof failedProfile === "string" && failedProfile !== profile;
}

/** When a model whose last run failed with `kind` at `at` is due again. */
export function backoffUntil(kind: string, at: Date): Date {
  const wait = isErrorKind(kind) ? BACKOFF_MS[kind] : BACKOFF_MS.unknown;
  return new Date(at.getTime() + wait);
}
