/** What the arrival worker (arrival-worker.ts) tells this thread, and the types arrival.ts exports with it. */

/**
 * The arrival worker thread's id (Linux), its nice value (lower runs first) and its SCHED_FIFO
 * priority (null: a normal thread), each with why it was not raised where it was not (EACCES or
 * EPERM: no CAP_SYS_NICE and no permitting RLIMIT_NICE / RLIMIT_RTPRIO; no /proc off Linux; no
 * `chrt`). arrival-worker.ts says why both.
 */
export interface ArrivalPriority {
  tid: number | null;
  nice: number | null;
  error?: string;
  realtime: number | null;
  realtimeError?: string;
}

/**
 * A pause of the worker: its start (worker hrtime, ms), length (ms), a count (batch size, GC kind);
 * for a stall, where Linux says, the thread's CPU time in the timer's interval and its time
 * runnable but waiting for a core (the rest it was blocked, or its vCPU was not running).
 */
export type ArrivalPause = [start: number, ms: number, n: number, ranMs?: number, waitedMs?: number];

/**
 * The arrival worker's own pauses since the last reset, each list the last few thousand over
 * `PAUSE_MIN_MS`: its GCs, its postMessage calls to this thread (which share a lock with this
 * thread's reading of them) and its loop's stalls (a timer's lateness while requests are in
 * flight). A chunk that arrives inside one is stamped at its end. For looking into errors.
 */
export interface ArrivalPauses {
  gc: ArrivalPause[];
  post: ArrivalPause[];
  stall: ArrivalPause[];
  counts: { gc: number; gcMs: number; post: number; postMs: number };
}

export type WorkerMessage =
  | ({ type: "priority"; id?: undefined } & ArrivalPriority)
  | ({ type: "pauses"; id?: undefined } & ArrivalPauses)
  | { type: "sent"; id: number; at: number }
  | {
      type: "head";
      id: number;
      status: number;
      statusText: string;
      headers: [string, string | string[] | number | undefined][];
    }
  | { type: "data"; id: number; at: number; bytes: Uint8Array }
  | { type: "end"; id: number }
  | {
      type: "error";
      id: number;
      name: string;
      message: string;
      code?: string;
      cause?: { name: string; message: string; code?: string };
    };

/** A chunk of body bytes and the worker's hrtime (ms) when they were read off the socket. */
export interface ArrivedBytes {
  at: number;
  bytes: Uint8Array;
}

export interface ArrivalResponse {
  status: number;
  statusText: string;
  headers: Headers;
  /** Worker hrtime (ms) just before the request was dispatched. */
  sentAt: number;
  /** The body as it arrived; iterate once. Ends with an error if the transport fails. */
  body: AsyncIterable<ArrivedBytes>;
  /** The whole body as text (error answers). */
  text(): Promise<string>;
}
