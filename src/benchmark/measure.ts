import { ProviderStreamError } from "../providers/stream/errors.js";
import { parseModelMetadata } from "../providers/stream/model-metadata.js";
import type { RequestMode, StreamAdapter } from "../providers/stream/types.js";
import { warmTokenizer } from "../providers/tokenizer.js";
import type { ErrorDoc, MetricDoc } from "../storage/documents.js";
import { METRICS_SCHEMA_VERSION, PROTOCOL_VERSION, type SampleRole } from "./contract.js";
import { RunDeadline } from "./deadline.js";
import { failureDoc, type FailureInput } from "../taxonomy/failure-doc.js";
import { measure, newRecording, record, type Measurement, type Recording } from "./metrics.js";
import { validationPolicy, type BenchmarkProfile } from "./profiles.js";
import { buildRequest } from "./request.js";
import { validate } from "./validate.js";

/** What to measure: one catalog model. `metadata` is `ModelDoc.model_metadata`. */
export interface BenchmarkTarget {
  provider: string;
  model: string;
  metadata?: Record<string, unknown> | null;
}

export interface RunOptions {
  /** The whole run, request to end of stream; a hung connection ends as a `timeout` error here. */
  deadlineMs: number;
  /** 1 for the first attempt at this work item. */
  attempt: number;
  sampleRole: SampleRole;
  /** Cancels the run (shutdown, lost lease); the run ends as an error marked `cancelled`. */
  signal?: AbortSignal;
  /** Monotonic clock in milliseconds. Default `performance.now()`. */
  now?: () => number;
  /** Wall clock for `run_ts`, `gen_ts` and `ts`. Default `new Date()`. */
  wallClock?: () => Date;
  /** The prompt's unique prefix; default random (tests fix it). */
  nonce?: string;
}

export type RunResult = { ok: true; metric: MetricDoc } | { ok: false; error: ErrorDoc };

/**
 * Loads the one tokenizer (a few hundred ms of CPU and its garbage) before any run's clock starts.
 * Whatever dispatches runs concurrently (the sweep, the remote runner) calls it before the first
 * dispatch, so that no run's first-token window catches the load; `runBenchmark` calls it too,
 * for single runs. Not at import: `serve` loads this module with its jobs at start, and the load
 * then slowed the first calls a freshly started server answered.
 */
export function prepareMeasurement(): void {
  warmTokenizer();
}

/**
 * Runs one benchmark: sends the profile's request through the adapter, records the event stream
 * on a monotonic clock started when the request is sent (the transport's dispatch stamp), computes the metric contract and
 * validates it. Never throws for anything a provider or the network does: every failure comes
 * back as an ErrorDoc ready to insert, so a caller looping over targets simply stores the result
 * and moves on. Nothing here retries; retrying is the scheduler's decision, by error kind.
 */
export async function runBenchmark(
  adapter: StreamAdapter,
  target: BenchmarkTarget,
  profile: BenchmarkProfile,
  opts: RunOptions,
): Promise<RunResult> {
  prepareMeasurement();
  const now = opts.now ?? (() => performance.now());
  const wallClock = opts.wallClock ?? (() => new Date());
  const runTs = wallClock();
  const provenance: Record<string, unknown> = {
    benchmark_profile_id: profile.id,
    protocol_version: PROTOCOL_VERSION,
    attempt: opts.attempt,
    sample_role: opts.sampleRole,
    requested_tokens: profile.maxOutputTokens,
  };
  const fail = (input: Failure): RunResult => ({
    ok: false,
    error: failureDoc({ ...input, provider: target.provider, model: target.model, ts: wallClock() }),
  });

  const parsed = parseModelMetadata(target.metadata);
  if (!parsed.ok) {
    return fail({
      stage: "load_provider",
      message: `invalid model_metadata: ${parsed.problem}`,
      knownKind: "bad_request",
      extra: provenance,
    });
  }
  const request = buildRequest(profile, target.model, parsed.metadata, opts.nonce);
  const requestMode = adapter.requestMode(parsed.metadata, target.model);
  provenance["request_mode"] = requestMode;

  const rec = await recordStream(adapter, request, opts, now);
  if ("failure" in rec) return fail({ ...rec.failure, extra: { ...provenance, ...rec.failure.extra } });

  const m = measure(rec, now());
  const finish = rec.finish?.reason ?? null;
  const invalid = validate(m, finish, profile);
  if (invalid) return fail(invalidOutput(invalid, m, finish, provenance));
  const run: CompletedRun = {
    target,
    profile,
    opts,
    temperature: request.temperature,
    requestMode,
    rec,
    m,
    runTs,
  };
  return { ok: true, metric: metricDoc(run, wallClock()) };
}

/**
 * Streams the request and records its events on the run's clock, started when the request is
 * sent; whatever ends the stream early comes back as the failure to store.
 */
async function recordStream(
  adapter: StreamAdapter,
  request: ReturnType<typeof buildRequest>,
  opts: RunOptions,
  now: () => number,
): Promise<Recording | { failure: Failure }> {
  const deadline = new RunDeadline(opts.deadlineMs, opts.signal);
  // An adapter's preparation (a Vertex access token) ends before the run's clock starts.
  if (adapter.prepare) {
    try {
      await deadline.race(adapter.prepare(deadline.signal));
    } catch (error) {
      deadline.dispose();
      return { failure: streamFailure(error, deadline, newRecording(now()), now(), {}) };
    }
  }
  const rec = newRecording(now());
  // The clock starts when the transport dispatched the request, where the adapter reports it: the
  // serialising, signing and event-loop turns before it are this process's time, not the
  // provider's. A report before the start (a test's transport) or after the first token is ignored.
  const sent = (at: number): void => {
    if (Number.isFinite(at) && at >= rec.t0 && rec.chunks.length === 0) rec.t0 = at;
  };
  try {
    const events = adapter.stream(request, { signal: deadline.signal, now, sent })[Symbol.asyncIterator]();
    for (;;) {
      const step = await deadline.race(events.next());
      if (step.done) break;
      record(rec, step.value);
    }
    return rec;
  } catch (error) {
    return { failure: streamFailure(error, deadline, rec, now(), {}) };
  } finally {
    deadline.dispose();
  }
}

type Failure = Omit<FailureInput, "provider" | "model" | "ts">;

function invalidOutput(
  invalid: NonNullable<ReturnType<typeof validate>>,
  m: Measurement,
  finish: string | null,
  provenance: Record<string, unknown>,
): Failure {
  return {
    stage: "validate",
    message: `output_invalid: ${invalid.message}`,
    exceptionType: "OutputInvalid",
    knownKind: "output_invalid",
    extra: {
      ...provenance,
      validation_reason: invalid.reason,
      time_to_first_token: m.time_to_first_token,
      output_tokens: m.output_tokens,
      reasoning_tokens: m.reasoning_tokens,
      visible_output_tokens: m.visible_output_tokens,
      token_source: m.token_source,
      finish_reason: finish,
    },
  };
}

interface CompletedRun {
  target: BenchmarkTarget;
  profile: BenchmarkProfile;
  opts: RunOptions;
  temperature: number | null;
  requestMode: RequestMode;
  rec: Recording;
  m: Measurement;
  runTs: Date;
}

function metricDoc(run: CompletedRun, genTs: Date): MetricDoc {
  const { target, profile, opts, temperature, requestMode, rec, runTs } = run;
  const { answer_text_empty: _empty, ...measured } = run.m;
  return {
    provider: target.provider,
    model_name: target.model,
    run_ts: runTs,
    gen_ts: genTs,
    ...(temperature === null ? {} : { temperature }),
    requested_tokens: profile.maxOutputTokens,
    ...measured,
    metrics_schema_version: METRICS_SCHEMA_VERSION,
    benchmark_profile_id: profile.id,
    protocol_version: PROTOCOL_VERSION,
    sample_role: opts.sampleRole,
    attempt: opts.attempt,
    finish_reason: rec.finish?.reason ?? null,
    provider_finish_reason: rec.finish?.raw ?? null,
    request_mode: requestMode,
    validation_policy: validationPolicy(profile),
  };
}

/** Maps whatever ended the stream to a stored failure, keeping the partial timings it had. */
function streamFailure(
  error: unknown,
  deadline: RunDeadline,
  rec: Recording,
  at: number,
  provenance: Record<string, unknown>,
): Omit<FailureInput, "provider" | "model" | "ts"> {
  const first = rec.chunks[0];
  const extra = {
    ...provenance,
    time_to_first_token: first ? (first.at - rec.t0) / 1000 : null,
    chunks_received: rec.chunks.length,
    elapsed_s: (at - rec.t0) / 1000,
  };
  if (deadline.expired) {
    const what = first ? `stream unfinished after ${rec.chunks.length} chunks` : "no first token";
    return {
      stage: "timeout",
      message: `timed out after ${deadline.deadlineMs} ms: ${what}`,
      exceptionType: "TimeoutError",
      knownKind: "timeout",
      extra,
    };
  }
  if (deadline.cancelled) {
    return {
      stage: "generate",
      message: "run cancelled by the caller",
      exceptionType: "AbortError",
      extra: { ...extra, cancelled: true },
    };
  }
  if (error instanceof ProviderStreamError) {
    return {
      stage: error.point === "setup" ? "load_provider" : "generate",
      message: error.message,
      httpStatus: error.httpStatus,
      statusEquivalent: error.statusEquivalent,
      exceptionType: error.errorType,
      knownKind: error.kind,
      extra: {
        ...extra,
        failure_point: error.point,
        retry_after_s: error.retryAfterSeconds,
        request_id: error.requestId,
      },
    };
  }
  // Anything else is a defect in an adapter; it is still stored, so it is seen.
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  return { stage: "generate", message: `${name}: ${message}`, exceptionType: name, extra };
}
