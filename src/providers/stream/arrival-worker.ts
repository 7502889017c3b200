/**
 * The source of the arrival worker (see arrival.ts for why it exists). It is plain CommonJS run
 * with `eval: true`, so the same text runs under tsx, vitest and the compiled build without a
 * loader in the worker (Node 20 workers do not inherit tsx's hooks). Keep it small: it owns the
 * sockets, takes `process.hrtime` the moment a chunk is read, before any parsing, and hands
 * (time, bytes) to the main thread. Nothing else runs on its event loop, so a busy main thread
 * (storing results, parsing other streams, a GC pause) cannot delay the timestamp.
 *
 * Its thread asks the OS for a higher scheduling priority (nice ARRIVAL_NICE) where the OS allows
 * it (Linux, with CAP_SYS_NICE or an RLIMIT_NICE that permits it): on a busy machine a thread at the
 * default priority waits for a core. Measured on two cores at load 12-14 with bench:measurement
 * at concurrency 64: the worker's 1 ms timer ran p99 20-60 ms late (max 150) at nice 0, and the
 * TTFT error p95 was 31 ms; at nice -10, p99 2-7 ms and TTFT error p95 5.5 ms. It sleeps on its
 * sockets, so the priority costs the rest of the machine almost nothing. Refused, the worker runs
 * as before and says so (see `arrivalWorkerPriority`).
 *
 * Messages in: {type:"request", id, url, method, headers, body, h2} and {type:"abort", id}.
 * Messages out, in batches (arrays): priority (once, first), sent (dispatch time), head (status
 * and headers), data (time, bytes), end, error.
 */
export const ARRIVAL_NICE = -10;
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
function flush() {
  const batch = outbox;
  outbox = [];
  parentPort.postMessage(batch);
}

// Linux: this thread's id is the last part of /proc/thread-self, and setpriority on a thread id
// changes that thread alone.
(function raisePriority() {
  let tid = null;
  try {
    tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
    require("node:os").setPriority(tid, ${ARRIVAL_NICE});
    post({ type: "priority", tid, nice: require("node:os").getPriority(tid) });
  } catch (e) {
    post({ type: "priority", tid, nice: null, error: (e && ((e.info && e.info.code) || e.code || e.message)) || String(e) });
  }
})();

parentPort.on("message", (m) => {
  if (m.type === "request") {
    try {
      if (m.h2) startH2(m);
      else startH1(m);
    } catch (e) {
      fail(m.id, e);
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
  post({
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
  post({ type: "end", id });
}

function data(id, chunk) {
  const at = hr();
  if (!live.has(id)) return;
  post({ type: "data", id, at, bytes: chunk });
}

function startH1(m) {
  const url = new URL(m.url);
  const mod = url.protocol === "https:" ? https : http;
  const sentAt = hr();
  const req = mod.request(url, { method: m.method, headers: m.headers, agent: agents[url.protocol] });
  live.set(m.id, { abort: () => req.destroy() });
  post({ type: "sent", id: m.id, at: sentAt });
  req.on("error", (e) => fail(m.id, e));
  req.on("response", (res) => {
    post({
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
  post({ type: "sent", id: m.id, at: sentAt });
  let ended = false;
  stream.on("response", (h) => {
    const out = Object.entries(h).filter(([k]) => !k.startsWith(":"));
    post({ type: "head", id: m.id, status: Number(h[":status"]), statusText: "", headers: out });
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
