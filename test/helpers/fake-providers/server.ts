/**
 * Fake LLM providers in a process of their own (run with `node --import tsx`), so that their
 * timers and writes never share an event loop with the client being measured. Serves HTTP/1.1 for
 * the SSE formats and HTTP/2 cleartext for Bedrock (the AWS SDK's default handler speaks HTTP/2),
 * prints `{"port":…,"h2Port":…}` on stdout when ready, and exits when its stdin closes (the parent
 * died) or on SIGTERM.
 *
 * Control endpoints: `GET /__log[?key=k]` (the send log), `POST /__reset`, `GET /__clock`.
 */
import http from "node:http";
import http2 from "node:http2";
import net, { type AddressInfo } from "node:net";
import { setImmediate as nextTick, setTimeout as sleep } from "node:timers/promises";
import { words } from "./corpus.js";
import { refusalFor } from "./request-rules.js";
import { serveTapped } from "./send-tap.js";
import { wrap, type LogEntry, type LogWrite, type Req, type Res } from "./response.js";
import { scenarioFor, splitModelId, streamedTokens, type Scenario } from "./scenarios.js";
import { anthropicWire } from "./wire/anthropic.js";
import { bedrockWire } from "./wire/bedrock.js";
import { chatWire } from "./wire/chat.js";
import { responsesWire } from "./wire/responses.js";
import type { Frame, Wire } from "./wire/types.js";
import { vertexRoute } from "./wire/vertex.js";

const log: LogEntry[] = [];
let nextId = 1;

function hrMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

const WIRES: { suffix: string; name: string; wire: Wire }[] = [
  { suffix: "/chat/completions", name: "chat", wire: chatWire },
  { suffix: "/responses", name: "responses", wire: responsesWire },
  { suffix: "/messages", name: "anthropic", wire: anthropicWire },
];

async function handle(req: Req, res: Res): Promise<void> {
  const receivedAt = hrMs();
  const url = new URL(req.url ?? "/", "http://fake");
  if (req.method === "GET" && url.pathname === "/__log") {
    const key = url.searchParams.get("key");
    return json(res, 200, key ? log.filter((e) => e.key === key) : log);
  }
  if (req.method === "POST" && url.pathname === "/__reset") {
    log.length = 0;
    return json(res, 200, { ok: true });
  }
  if (req.method === "GET" && url.pathname === "/__clock") return json(res, 200, { now: hrMs() });

  const text = await readBody(req);
  const body = parseJson(text);
  const bedrock = /^\/model\/([^/]+)\/converse-stream$/.exec(url.pathname);
  if (req.method === "POST" && bedrock) {
    return serve(res, bedrockWire, "bedrock", decodeURIComponent(bedrock[1]!), body, receivedAt, null);
  }
  const vertex = req.method === "POST" ? vertexRoute(url.pathname, body, req.headers["authorization"]) : null;
  if (vertex && "wire" in vertex) {
    return serve(res, vertex.wire, vertex.name, vertex.model, body, receivedAt, null);
  }
  if (vertex) return json(res, vertex.status, vertex.body);
  const route = WIRES.find((w) => url.pathname.endsWith(w.suffix));
  if (req.method === "POST" && route && isRecord(body) && typeof body["model"] === "string") {
    return serve(res, route.wire, route.name, body["model"], body, receivedAt, apiKeyOf(req));
  }
  return json(res, 404, { error: { message: `no route for ${req.method} ${url.pathname}` } });
}

async function serve(
  res: Res,
  wire: Wire,
  wireName: string,
  model: string,
  request: unknown,
  receivedAt: number,
  apiKey: string | null,
): Promise<void> {
  const entry: LogEntry = {
    id: nextId++,
    key: splitModelId(model).key,
    model,
    wire: wireName,
    receivedAt,
    request,
    writes: [],
    outcome: "started",
  };
  log.push(entry);
  let closed = false;
  const closedPromise = new Promise<void>((resolve) =>
    res.onClose(() => {
      closed = true;
      resolve();
    }),
  );

  const refusal = refusalFor(wireName, model, request);
  if (refusal) {
    res.writeHead(refusal.status, refusal.headers);
    res.end(refusal.body);
    entry.outcome = `http_${refusal.status}`;
    return;
  }
  const scenario = scenarioFor(model);
  if (!scenario || scenario.before?.type === "http_error") {
    const error = wire.httpError(
      scenario?.before?.type === "http_error" ? scenario.before.failure : "not_found",
      {
        model: splitModelId(model).name,
        apiKey,
      },
    );
    res.writeHead(error.status, error.headers);
    res.end(error.body);
    entry.outcome = `http_${error.status}`;
    return;
  }
  if (scenario.before?.type === "hang_no_headers") {
    entry.outcome = "hang_no_headers";
    return closedPromise;
  }

  res.writeHead(200, { "content-type": wire.contentType, "cache-control": "no-cache" });
  const encoder = wire.encoder(splitModelId(model).name);
  const write = async (frames: Frame[], kind: string, tokens: number): Promise<void> => {
    if (closed || frames.length === 0) return;
    const data = Buffer.concat(frames.map((f) => (typeof f === "string" ? Buffer.from(f) : Buffer.from(f))));
    let rest = data;
    if (scenario.splitWrites && data.length > 1) {
      const mid = Math.floor(data.length / 2);
      res.write(data.subarray(0, mid));
      await nextTick();
      if (closed) return;
      rest = data.subarray(mid);
    }
    const logged: LogWrite = { at: hrMs(), after: 0, kind, tokens };
    res.write(rest, (sent) => (logged.sent = sent));
    logged.after = hrMs();
    entry.writes.push(logged);
    if (!res.deferredSend) return;
    const window = res.sendWindow();
    if (window !== undefined) entry.minSendWindow = Math.min(entry.minSendWindow ?? window, window);
  };

  await write(encoder.start(), "start", 0);
  let offset = 0;
  for (const step of scenario.steps) {
    const wait = receivedAt + step.at - hrMs();
    if (wait > 0) await sleep(wait);
    if (closed) break;
    switch (step.kind) {
      case "answer":
      case "reasoning":
        await write(encoder.text(step.kind, words(step.tokens, offset)), step.kind, step.tokens);
        offset += step.tokens;
        break;
      case "keepalive":
        await write(encoder.keepalive(), "keepalive", 0);
        break;
      case "empty":
        await write(encoder.empty(), "empty", 0);
        break;
      case "bad_json":
        await write(encoder.badJson(), "bad_json", 0);
        break;
    }
  }
  if (closed) {
    entry.outcome = "client_closed";
    return;
  }
  await finish(res, scenario, encoder, write, entry, closedPromise);
}

async function finish(
  res: Res,
  scenario: Scenario,
  encoder: ReturnType<Wire["encoder"]>,
  write: (frames: Frame[], kind: string, tokens: number) => Promise<void>,
  entry: LogEntry,
  closedPromise: Promise<void>,
): Promise<void> {
  const ending = scenario.ending;
  entry.outcome = ending.type;
  switch (ending.type) {
    case "complete": {
      const { answer, reasoning } = streamedTokens(scenario);
      const hidden = scenario.hiddenReasoningTokens ?? 0;
      const usage =
        scenario.usage === "none"
          ? null
          : { input: 25, output: answer + reasoning + hidden, reasoning: reasoning + hidden };
      await write(
        encoder.end(scenario.finish, usage, scenario.usage === "x_groq" ? "x_groq" : "end"),
        "end",
        0,
      );
      res.end();
      return;
    }
    case "error_event":
      await write(encoder.streamError(ending.failure), "error", 0);
      res.end();
      return;
    case "cut":
      // Let the last writes leave first: the scenario is "cut after these chunks", and destroying
      // a socket discards what Node has not yet handed to the kernel.
      await sleep(20);
      res.cut();
      return;
    case "close":
      res.end();
      return;
    case "hang":
      return closedPromise;
  }
}

function json(res: Res, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: Req): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(String(part)));
  return Buffer.concat(parts).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function apiKeyOf(req: Req): string | null {
  const auth = req.headers["authorization"];
  if (typeof auth === "string" && auth.startsWith("Bearer ")) return auth.slice("Bearer ".length);
  const key = req.headers["x-api-key"];
  return typeof key === "string" ? key : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function onRequest(req: Req, raw: http.ServerResponse | http2.Http2ServerResponse): void {
  const res = wrap(raw);
  handle(req, res).catch((error: unknown) => {
    process.stderr.write(`[fake-providers] ${String(error)}\n`);
    if (!res.headersSent) json(res, 500, { error: { message: "fake provider failure" } });
    else res.end();
  });
}

const h1 = http.createServer(onRequest);
// Small SSE writes must leave at once; Node's default is already noDelay, this makes it explicit.
h1.on("connection", (socket) => socket.setNoDelay(true));
const h2 = http2.createServer(onRequest);
// HTTP/2 over tapped sockets, so the log says when each write's bytes left (send-tap.ts).
const h2Listener = net.createServer((socket) => serveTapped(h2, socket));

await new Promise<void>((resolve) => h1.listen(0, "127.0.0.1", resolve));
await new Promise<void>((resolve) => h2Listener.listen(0, "127.0.0.1", resolve));
process.stdout.write(
  `${JSON.stringify({ port: (h1.address() as AddressInfo).port, h2Port: (h2Listener.address() as AddressInfo).port })}\n`,
);

const stop = (): void => process.exit(0);
process.on("SIGTERM", stop);
process.stdin.on("end", stop);
process.stdin.resume();
