/**
 * The arrival worker's channel to the main thread for everything about a request (dispatch, head,
 * body bytes, end, error): a ring in a SharedArrayBuffer that the worker writes and this thread
 * polls. Why not postMessage: measured at concurrency 32-64 on a loaded two-core machine, the
 * worker's postMessage call blocked for up to 29 ms, and its loop sat blocked (neither running nor
 * waiting for a core) for 100+ ms per level in stalls of up to 27 ms. postMessage takes the
 * receiving port's mutex, which this thread holds while it takes each message, and this thread
 * frees each message's buffers, which the worker's allocator made, under the worker's malloc arena
 * lock. This thread runs at normal priority and, on a busy machine, is preempted while holding
 * either; the real-time worker then waits for it. The ring takes no lock: the worker writes a
 * record, then publishes its end with an atomic store; this thread reads up to it, then publishes
 * how far it read. Per chunk the worker allocates nothing (its GC ran 3-8 times per level).
 *
 * Layout: two Int32 (write and read offsets into the data), then RING_BYTES of records, each
 * [kind i32, id i32, length i32, pad i32, at f64, body] padded to 8 bytes. Kinds: data (body =
 * the bytes), message (body = JSON of a WorkerMessage), wrap (the rest of the data is unused).
 * Full, the worker keeps records in order in a backlog and retries: the stamps are taken already.
 */
export const RING_BYTES = 4 * 1024 * 1024;
export const RING_HEADER = 24;
export const RING_DATA = 0;
export const RING_MESSAGE = 1;
export const RING_WRAP = 2;
/** Larger chunks go as several records with the same time. */
export const RING_MAX_BODY = 256 * 1024;

/** The ring, or null where SharedArrayBuffer is unavailable (the worker then posts messages). */
export function createRing(): SharedArrayBuffer | null {
  if (typeof SharedArrayBuffer !== "function") return null;
  try {
    return new SharedArrayBuffer(8 + RING_BYTES);
  } catch {
    return null;
  }
}

/** The worker's side, as source for the worker's text (arrival-worker.ts). */
export const RING_WRITER_SOURCE = String.raw`
const ring = require("node:worker_threads").workerData && require("node:worker_threads").workerData.ring;
const ringCtl = ring ? new Int32Array(ring, 0, 2) : null;
const ringBytes = ring ? new Uint8Array(ring, 8, ${RING_BYTES}) : null;
const ringView = ring ? new DataView(ring, 8, ${RING_BYTES}) : null;
const backlog = [];
let backlogTimer = null;
const encoder = new TextEncoder();

// Writes one record, or returns false when the ring has no room for it now.
function ringWrite(kind, id, at, body) {
  const need = ${RING_HEADER} + ((body.length + 7) & ~7);
  let w = Atomics.load(ringCtl, 0);
  const r = Atomics.load(ringCtl, 1);
  const free = (r - w - 8 + ${RING_BYTES}) % ${RING_BYTES};
  const tail = ${RING_BYTES} - w;
  const wraps = tail < need;
  if (free < need + (wraps ? tail : 0)) return false;
  if (wraps) {
    ringView.setInt32(w, ${RING_WRAP}, true);
    w = 0;
  }
  ringView.setInt32(w, kind, true);
  ringView.setInt32(w + 4, id, true);
  ringView.setInt32(w + 8, body.length, true);
  ringView.setFloat64(w + 16, at, true);
  ringBytes.set(body, w + ${RING_HEADER});
  w = (w + need) % ${RING_BYTES};
  Atomics.store(ringCtl, 0, w);
  return true;
}

function ringSend(kind, id, at, body) {
  if (backlog.length === 0 && ringWrite(kind, id, at, body)) return;
  // Copied: Node reuses a read's memory once its 'data' handlers return.
  backlog.push([kind, id, at, kind === ${RING_DATA} ? Uint8Array.prototype.slice.call(body) : body]);
  if (backlogTimer === null) backlogTimer = setTimeout(drainBacklog, 1);
}

function drainBacklog() {
  backlogTimer = null;
  while (backlog.length > 0 && ringWrite(...backlog[0])) backlog.shift();
  if (backlog.length > 0) backlogTimer = setTimeout(drainBacklog, 1);
}

// A request's event: through the ring, in order with its bytes; else posted.
function emit(msg) {
  if (!ring) return post(msg);
  const body = encoder.encode(JSON.stringify(msg));
  if (body.length > ${RING_BYTES / 2}) throw new Error("arrival ring: a " + msg.type + " message of " + body.length + " bytes does not fit");
  ringSend(${RING_MESSAGE}, msg.id, 0, body);
}

function emitData(id, at, chunk) {
  if (!ring) return post({ type: "data", id, at, bytes: chunk });
  if (chunk.length <= ${RING_MAX_BODY}) return ringSend(${RING_DATA}, id, at, chunk);
  for (let start = 0; start < chunk.length; start += ${RING_MAX_BODY}) {
    ringSend(${RING_DATA}, id, at, chunk.subarray(start, start + ${RING_MAX_BODY}));
  }
}
`;

export type RingRecord =
  { kind: "data"; id: number; at: number; bytes: Uint8Array } | { kind: "message"; message: unknown };

/** This thread's side: reads every record published so far, in order, and frees their room. */
export function ringReader(ring: SharedArrayBuffer): () => RingRecord[] {
  const ctl = new Int32Array(ring, 0, 2);
  const bytes = new Uint8Array(ring, 8, RING_BYTES);
  const view = new DataView(ring, 8, RING_BYTES);
  const decoder = new TextDecoder();
  return () => {
    const out: RingRecord[] = [];
    const w = Atomics.load(ctl, 0);
    let r = Atomics.load(ctl, 1);
    while (r !== w) {
      const kind = view.getInt32(r, true);
      if (kind === RING_WRAP) {
        r = 0;
        continue;
      }
      const length = view.getInt32(r + 8, true);
      const body = bytes.slice(r + RING_HEADER, r + RING_HEADER + length);
      if (kind === RING_DATA) {
        out.push({
          kind: "data",
          id: view.getInt32(r + 4, true),
          at: view.getFloat64(r + 16, true),
          bytes: body,
        });
      } else {
        out.push({ kind: "message", message: JSON.parse(decoder.decode(body)) });
      }
      r = (r + RING_HEADER + ((length + 7) & ~7)) % RING_BYTES;
    }
    Atomics.store(ctl, 1, r);
    return out;
  };
}
