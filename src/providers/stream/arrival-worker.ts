import { RING_WRITER_SOURCE } from "./arrival-ring.js";

/**
 * The source of the arrival worker (see arrival.ts for why it exists). It is plain CommonJS run
 * with `eval: true`, so the same text runs under tsx, vitest and the compiled build without a
 * loader in the worker (Node 20 workers do not inherit tsx's hooks). Keep it small: it owns the
 * sockets, takes `process.hrtime` the moment a chunk is read, before any parsing, and hands
 * (time, bytes) to the main thread. Nothing else runs on its event loop, so a busy main thread
 * (storing results, parsing other streams, a GC pause) cannot delay the timestamp.
 *
 * Its thread asks the OS to run it ahead of other work where the OS allows it (Linux, with
 * CAP_SYS_NICE, or an RLIMIT_NICE / RLIMIT_RTPRIO that permits it): on a busy machine a thread at
 * the default priority waits for a core. Two steps, each reported (`arrivalWorkerPriority`):
 *   - nice ARRIVAL_NICE. Measured on two cores at load 12-14 (one session): the worker's 1 ms timer
 *     ran p99 20-60 ms late at nice 0, 2-7 ms at nice -10. But nice only ranks a thread against
 *     the threads of its own scheduling group: with autogroup (Linux's default, one group per
 *     session) or a container's cgroup, the worker still takes turns with every other group's
 *     work. Measured with other sessions busy (load 2-8): the worker's timer stalled up to 47 ms
 *     and TTFT error p95 at concurrency 64 was 5-15 ms, max 47-49.
 *   - the real-time policy SCHED_FIFO at priority ARRIVAL_REALTIME (the lowest), set by util-linux's
 *     `chrt` (Node has no call for it). A real-time thread runs before every normal thread of
 *     every group as soon as it wakes. Same machine, load 4.6-9, four runs: TTFT error p95 at 64
 *     0.09-0.56 ms (3.79 in one). What was left: this thread waiting for normal-priority ones (its
 *     postMessage on the main thread's port lock; V8's helper threads and their task-queue mutex),
 *     removed by the ring (arrival-ring.ts) and `ARRIVAL_V8_FLAGS` (arrival.ts). After, at load
 *     3.7-10, four runs: p95 0.10-0.17 ms, max 0.15-4.85; the worker's stalls at most 2-15 ms,
 *     asleep but not on a lock we know of, in runs where the VM's steal time was 0.01-1.8 s: a
 *     vCPU the host does not run is beyond any thread priority.
 *     It sleeps on its sockets, and the kernel caps real-time threads at 95 % of a core
 *     (sched_rt_runtime_us), so a busy worker cannot lock the machine up.
 * Refused, the worker runs as before and says why.
 *
 * Messages in: {type:"request", id, url, method, headers, body, h2}, {type:"abort", id} and
 * {type:"pauses", reset}. A request's events - sent (dispatch time), head (status and headers),
 * data (time, bytes), end, error - go through the shared ring (arrival-ring.ts says why), or,
 * without one, as messages; priority (once) and pauses always as messages, in batches (arrays).
 */
export const ARRIVAL_NICE = -10;
export const ARRIVAL_REALTIME = 1;
/** Pauses of the worker shorter than this are not kept (see `arrivalWorkerPauses`). */
export const PAUSE_MIN_MS = 1;
const PAUSE_KEEP = 2000;
const PAUSE_TICK_MS = 5;
export const ARRIVAL_WORKER_SOURCE = String.raw`
"use strict";
const { parentPort } = require("node:worker_threads");
const http = require("node:http");
const https = require("node:https");
const http2 = require("node:http2");

const hr = () => Number(process.hrtime.bigint()) / 1e6;
const agents = {
  "http:": new http.Agent({ keepAlive: true, noDelay: true }),
  "https:": new https.Agent({ keepAlive: true, noDelay: true }),
};
const H2_SESSION_WINDOW = 32 * 1024 * 1024;
const live = new Map();
const sessions = new Map();

// Messages go out in one batch per turn of this loop: at 64 streams a message per chunk costs
// the main thread more than the chunks do. Each chunk keeps its own arrival time.
let outbox = [];
function post(msg) {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push(msg);
}
${RING_WRITER_SOURCE}
function flush() {
  const batch = outbox;
  outbox = [];
  const start = hr();
  parentPort.postMessage(batch);
  const ms = hr() - start;
  pauses.counts.post++;
  pauses.counts.postMs += ms;
  pause(pauses.post, start, ms, batch.length);
}

// This thread's own pauses, where a chunk's stamp could wait (asked for with {type:"pauses"}):
// its GCs, its postMessage calls and its loop's stalls (a ${PAUSE_TICK_MS} ms timer's lateness, ticking
// only while requests are in flight). The last ${PAUSE_KEEP} of each over ${PAUSE_MIN_MS} ms, as [start, ms, n].
const pauses = { gc: [], post: [], stall: [], counts: { gc: 0, gcMs: 0, post: 0, postMs: 0 } };
function pause(list, start, ms, n, ranMs, waitedMs) {
  if (ms < ${PAUSE_MIN_MS}) return;
  if (list.length >= ${PAUSE_KEEP}) list.shift();
  list.push(ranMs === undefined ? [start, ms, n] : [start, ms, n, ranMs, waitedMs]);
}
(function watchPauses() {
  const { performance, PerformanceObserver } = require("node:perf_hooks");
  const perfToHr = hr() - performance.now();
  new PerformanceObserver((entries) => {
    for (const e of entries.getEntries()) {
      pauses.counts.gc++;
      pauses.counts.gcMs += e.duration;
      pause(pauses.gc, e.startTime + perfToHr, e.duration, e.detail ? e.detail.kind : 0);
    }
  }).observe({ entryTypes: ["gc"] });
})();
// A stall also says how the thread spent it (Linux, its schedstat): running (busy), waiting for
// a core (runnable), or neither (blocked: a lock, a page fault; or its VM's vCPU was not running).
let ticker = null;
let sched = schedstat();
function schedstat() {
  try {
    const f = require("node:fs").readFileSync("/proc/thread-self/schedstat", "utf8").split(" ");
    return [Number(f[0]) / 1e6, Number(f[1]) / 1e6];
  } catch {
    return null;
  }
}
function tick(due) {
  const now = hr();
  const was = sched;
  sched = schedstat();
  const late = now - due;
  if (late >= ${PAUSE_MIN_MS} && was && sched) pause(pauses.stall, due, late, 0, sched[0] - was[0], sched[1] - was[1]);
  else pause(pauses.stall, due, late, 0);
  ticker = live.size === 0 ? null : setTimeout(tick, ${PAUSE_TICK_MS}, now + ${PAUSE_TICK_MS});
}
function watchStalls() {
  if (ticker !== null) return;
  sched = schedstat();
  ticker = setTimeout(tick, ${PAUSE_TICK_MS}, hr() + ${PAUSE_TICK_MS});
}

// Linux: this thread's id is the last part of /proc/thread-self, and setpriority on a thread id
// (and chrt --pid on it) changes that thread alone.
(function raisePriority() {
  const os = require("node:os");
  let tid = null;
  let nice = null;
  let error;
  try {
    tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
    os.setPriority(tid, ${ARRIVAL_NICE});
    nice = os.getPriority(tid);
  } catch (e) {
    error = (e && ((e.info && e.info.code) || e.code || e.message)) || String(e);
  }
  if (tid === null) return post({ type: "priority", tid, nice, error, realtime: null, realtimeError: error });
  const args = ["--fifo", "--pid", "${ARRIVAL_REALTIME}", String(tid)];
  require("node:child_process").execFile("chrt", args, { timeout: 5000 }, (e, _out, stderr) => {
    const realtime = fifoPriority(tid);
    const realtimeError = realtime !== null ? undefined
      : (e && (e.code === "ENOENT" ? "no chrt (util-linux)" : String(stderr || e.message).trim())) || "not applied";
    post({ type: "priority", tid, nice, error, realtime, realtimeError });
  });
})();

// The thread's SCHED_FIFO priority as the kernel reports it (fields 40 and 41 of its stat), or null.
function fifoPriority(tid) {
  try {
    const stat = require("node:fs").readFileSync("/proc/self/task/" + tid + "/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[38]) === 1 ? Number(fields[37]) : null;
  } catch {
    return null;
  }
}

parentPort.on("message", (m) => {
  if (m.type === "request") {
    try {
      if (m.h2) startH2(m);
      else startH1(m);
      watchStalls();
    } catch (e) {
      fail(m.id, e);
    }
  } else if (m.type === "pauses") {
    post({ type: "pauses", gc: pauses.gc, post: pauses.post, stall: pauses.stall, counts: pauses.counts });
    if (m.reset) {
      pauses.gc = [];
      pauses.post = [];
      pauses.stall = [];
      pauses.counts = { gc: 0, gcMs: 0, post: 0, postMs: 0 };
    }
  } else if (m.type === "abort") {
    const entry = live.get(m.id);
    live.delete(m.id);
    if (entry) entry.abort();
  }
});

function fail(id, e) {
  if (!live.delete(id)) return;
  const cause = e && e.cause;
  emit({
    type: "error",
    id,
    name: (e && e.name) || "Error",
    message: (e && e.message) || String(e),
    code: e && typeof e.code === "string" ? e.code : undefined,
    cause: cause ? { name: cause.name, message: cause.message, code: cause.code } : undefined,
  });
}

function finish(id) {
  if (!live.delete(id)) return;
  emit({ type: "end", id });
}

function data(id, chunk) {
  const at = hr();
  if (!live.has(id)) return;
  emitData(id, at, chunk);
}

function startH1(m) {
  const url = new URL(m.url);
  const mod = url.protocol === "https:" ? https : http;
  const sentAt = hr();
  const req = mod.request(url, { method: m.method, headers: m.headers, agent: agents[url.protocol] });
  live.set(m.id, { abort: () => req.destroy() });
  emit({ type: "sent", id: m.id, at: sentAt });
  req.on("error", (e) => fail(m.id, e));
  req.on("response", (res) => {
    emit({
      type: "head",
      id: m.id,
      status: res.statusCode,
      statusText: res.statusMessage || "",
      headers: Object.entries(res.headers),
    });
    let ended = false;
    res.on("data", (chunk) => data(m.id, chunk));
    res.on("end", () => {
      ended = true;
      finish(m.id);
    });
    res.on("error", (e) => fail(m.id, e));
    res.on("close", () => {
      if (!ended) fail(m.id, Object.assign(new Error("terminated"), { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }));
    });
  });
  req.end(m.body);
}

function session(origin) {
  let s = sessions.get(origin);
  if (s && !s.closed && !s.destroyed) return s;
  s = http2.connect(origin);
  const mine = s;
  // All streams to one origin share this session's flow-control window, 64 KiB by default: at
  // a few dozen concurrent streams the sender exhausts it between two of our WINDOW_UPDATEs and
  // holds every stream's frames until the next one arrives (measured against the fake at
  // concurrency 64: the fake's connection window reached 0 on 2,155 writes, bursts of frames
  // arrived hundreds of ms late, and output speed came out double). The bytes are read at once,
  // so a large window costs no memory; it only stops the sender from waiting for us.
  s.on("connect", () => s.setLocalWindowSize(H2_SESSION_WINDOW));
  s.on("error", () => {});
  s.on("close", () => {
    if (sessions.get(origin) === mine) sessions.delete(origin);
  });
  sessions.set(origin, s);
  return s;
}

function startH2(m) {
  const url = new URL(m.url);
  const headers = { ...m.headers };
  delete headers.host;
  delete headers.connection;
  delete headers["transfer-encoding"];
  const sentAt = hr();
  const stream = session(url.origin).request({
    ...headers,
    ":method": m.method,
    ":path": url.pathname + url.search,
  });
  live.set(m.id, { abort: () => stream.close(http2.constants.NGHTTP2_CANCEL) });
  emit({ type: "sent", id: m.id, at: sentAt });
  let ended = false;
  stream.on("response", (h) => {
    const out = Object.entries(h).filter(([k]) => !k.startsWith(":"));
    emit({ type: "head", id: m.id, status: Number(h[":status"]), statusText: "", headers: out });
  });
  stream.on("data", (chunk) => data(m.id, chunk));
  stream.on("end", () => {
    ended = true;
    finish(m.id);
  });
  stream.on("error", (e) => fail(m.id, e));
  stream.on("close", () => {
    if (!ended) fail(m.id, new Error("HTTP/2 stream is abnormally aborted in mid-communication with result code " + stream.rstCode + "."));
  });
  stream.end(m.body);
}
`;
