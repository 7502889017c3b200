import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import type { ArrivalPauses, ArrivalPriority, ArrivalResponse, WorkerMessage } from "./arrival-messages.js";
import { Pending } from "./arrival-pending.js";
import { createRing, ringReader, type RingRecord } from "./arrival-ring.js";
import { ARRIVAL_NICE, ARRIVAL_REALTIME, ARRIVAL_WORKER_SOURCE } from "./arrival-worker.js";

export type {
  ArrivalPause,
  ArrivalPauses,
  ArrivalPriority,
  ArrivalResponse,
  ArrivedBytes,
} from "./arrival-messages.js";

/**
 * The one transport every streaming adapter measures through. A sweep runs ~40 streams in one
 * process while storing results, so the main event loop is often busy for milliseconds at a
 * time; a timestamp taken there (at fetch's chunk, or even at the socket's 'data' event, which
 * is dispatched by the same loop) waits for that work. Measured at concurrency 32 on two cores:
 * chunk detection lag p95 16-30 ms. So the sockets live in a worker thread whose loop does
 * nothing else: it reads `process.hrtime` the moment bytes arrive, before any parsing, and hands
 * (time, bytes) to this thread, where the adapters parse at leisure. A blocked main thread then
 * delays when a measurement is *computed*, never what it says. The same worker dispatches the
 * request, so the send is not queued behind the main thread's work either.
 *
 * Times from the worker are `process.hrtime` in milliseconds; `clockBridge` converts them to the
 * caller's clock (`performance.now()` by default), which reads the same monotonic clock.
 */

export interface ArrivalRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** HTTP/2 (one session per origin, reused), as the AWS SDK speaks to Bedrock. */
  http2?: boolean;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
let priority: Promise<ArrivalPriority> | null = null;
let gotPriority: (p: ArrivalPriority) => void = () => {};
const pauseWaiters: ((p: ArrivalPauses) => void)[] = [];

/** Reads the worker's ring (null: it posts messages instead); polled while requests are in flight. */
let readRing: (() => RingRecord[]) | null = null;
let poller: ReturnType<typeof setInterval> | null = null;
const POLL_MS = 1;

function drainRing(): void {
  if (!readRing) return;
  for (const record of readRing()) {
    if (record.kind === "data")
      onMessage({ type: "data", id: record.id, at: record.at, bytes: record.bytes });
    else onMessage(record.message as WorkerMessage);
  }
}

/**
 * The worker asks nothing of V8's helper threads. They run at normal priority and share a task
 * queue (Node's platform, one mutex) with every thread; on a busy machine a starved helper, or a
 * thread preempted holding that mutex, made the real-time worker wait. Traced (strace on its
 * thread at concurrency 64): it slept 2-35 ms at a time on the queue's mutex, queueing TurboFan
 * jobs (concurrent recompilation) and its array-buffer sweeps; and its parallel scavenges waited
 * for helpers (1-11 ms at load 5, where the largest TTFT errors fell). So: optimizing compiles,
 * scavenges and the sweeping of dead socket buffers run on the worker itself (a scavenge of its
 * small young space takes well under a millisecond; compiles happen while it warms up). The
 * flags are V8's: set before the worker's isolate exists, they hold for the whole process, whose
 * other GCs do this work themselves too (on two busy cores the helpers gave little).
 */
export const ARRIVAL_V8_FLAGS = [
  "--no-parallel-scavenge",
  "--no-concurrent-array-buffer-sweeping",
  "--no-concurrent-recompilation",
];

function ensureWorker(): Worker {
  if (worker) return worker;
  for (const flag of ARRIVAL_V8_FLAGS) setFlagsFromString(flag);
  const ring = createRing();
  const w = new Worker(ARRIVAL_WORKER_SOURCE, { eval: true, workerData: { ring } });
  readRing = ring ? ringReader(ring) : null;
  priority = new Promise((resolve) => (gotPriority = resolve));
  w.on("message", (batch: WorkerMessage[]) => {
    drainRing();
    for (const m of batch) onMessage(m);
  });
  w.on("error", (e) => {
    drainRing();
    failAll(e);
  });
  w.on("exit", () => {
    drainRing();
    if (worker === w) worker = null;
    failAll(new Error("the arrival worker exited"));
  });
  // Idle, the worker must not keep the process alive; with requests in flight it must.
  w.unref();
  worker = w;
  return w;
}

/** With requests in flight: keep the process alive and poll the ring. */
function busy(w: Worker): void {
  w.ref();
  if (readRing && poller === null) poller = setInterval(drainRing, POLL_MS);
}

function idle(w: Worker): void {
  w.unref();
  if (poller !== null) clearInterval(poller);
  poller = null;
}

function failAll(error: Error): void {
  for (const p of [...pending.values()]) p.end(error);
  pending.clear();
}

/** The priority the arrival worker asked for (`wanted`) and got; starts the worker if needed. */
export function arrivalWorkerPriority(): Promise<
  ArrivalPriority & { wanted: number; wantedRealtime: number; channel: string }
> {
  ensureWorker();
  // Without a SharedArrayBuffer the worker posts its events, and its postMessage can wait for this thread.
  const channel = readRing ? "shared ring" : "postMessage (no SharedArrayBuffer)";
  return priority!.then((p) => ({ ...p, wanted: ARRIVAL_NICE, wantedRealtime: ARRIVAL_REALTIME, channel }));
}

/** The worker's pauses (see `ArrivalPauses`); `reset` starts the next count afresh. */
export function arrivalWorkerPauses(options: { reset?: boolean } = {}): Promise<ArrivalPauses> {
  const w = ensureWorker();
  return new Promise((resolve) => {
    pauseWaiters.push(resolve);
    w.postMessage({ type: "pauses", reset: options.reset === true });
  });
}

function onMessage(m: WorkerMessage): void {
  if (m.type === "priority") {
    const { type: _type, id: _id, ...got } = m;
    return gotPriority(got);
  }
  if (m.type === "pauses") {
    const { type: _type, id: _id, ...got } = m;
    return pauseWaiters.shift()?.(got);
  }
  const p = pending.get(m.id);
  if (!p) return;
  switch (m.type) {
    case "sent":
      p.sentAt = m.at;
      break;
    case "head": {
      const headers = new Headers();
      for (const [name, value] of m.headers) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, String(v));
        else if (value !== undefined) headers.set(name, String(value));
      }
      p.onHead(m.status, m.statusText, headers);
      break;
    }
    case "data":
      p.onData({ at: m.at, bytes: m.bytes });
      break;
    case "end":
      p.end();
      break;
    case "error":
      p.end(transportError(m));
      break;
  }
}

/** The worker's error, rebuilt with its name, code and cause so `transportMessage` reads it. */
function transportError(m: Extract<WorkerMessage, { type: "error" }>): Error {
  const cause = m.cause
    ? Object.assign(new Error(m.cause.message), { name: m.cause.name, code: m.cause.code })
    : undefined;
  const error = new Error(m.message, cause ? { cause } : undefined);
  error.name = m.name;
  if (m.code) Object.assign(error, { code: m.code });
  return error;
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException("This operation was aborted", "AbortError");
}

/**
 * Sends one request through the arrival worker. Resolves at the response headers; rejects with
 * the signal's reason when aborted (before or after the headers, the body then throws it) and
 * with the transport's error when the connection fails. No retry, no redirect.
 */
export function arrivalRequest(request: ArrivalRequest, signal: AbortSignal): Promise<ArrivalResponse> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  const w = ensureWorker();
  const id = nextId++;
  return new Promise<ArrivalResponse>((resolve, reject) => {
    const onAbort = (): void => {
      w.postMessage({ type: "abort", id });
      const p = pending.get(id);
      pending.delete(id);
      p?.end(abortReason(signal));
    };
    const release = (): void => {
      signal.removeEventListener("abort", onAbort);
      pending.delete(id);
      if (pending.size === 0) idle(w);
    };
    const cancel = (): void => w.postMessage({ type: "abort", id });
    pending.set(id, new Pending({ resolve, reject }, release, cancel));
    signal.addEventListener("abort", onAbort, { once: true });
    busy(w);
    w.postMessage({
      type: "request",
      id,
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: request.body,
      h2: request.http2 === true,
    });
  });
}
