import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { authenticateToken } from "../auth/tokens.js";
import { mountConsole } from "../console/mount.js";
import type { Deps } from "../deps.js";
import { isDatabaseUnavailable } from "../errors.js";
import type { Principal } from "../policy/principal.js";
import { INGEST_PREFIX } from "../runner/protocol.js";
import type { WorkSource } from "../runner/work-source.js";
import { createToolServices, type ToolServices } from "../tools/services.js";
import { createMcpServer, type ServerShared } from "./create-mcp-server.js";
import { createIngestApi } from "./ingest.js";
import {
  allowedHostHeaders,
  bearerToken,
  hostAllowed,
  isLoopbackPeer,
  originAllowed,
} from "./http-guards.js";
import { InFlight, SessionPool } from "./http-sessions.js";
import { heldStreams, releaseAnsweredStreams } from "./sdk-stream-release.js";

export interface HttpServerOptions {
  /** @default "127.0.0.1" */
  host: string;
  /** 0 picks a free port. */
  port: number;
  readOnly: boolean;
  /** Host header values to accept besides the bind address (e.g. a name behind a proxy). */
  allowedHosts?: readonly string[];
  /** Serves GET /healthz without authentication, to loopback callers only. */
  healthz?: () => Promise<{ ok: boolean; body: unknown }>;
  /** Sessions idle this long are closed. @default 1800000 (30 min) */
  sessionIdleMs?: number;
  /** At most this many open sessions of non-admin tokens; more initializations get 503. @default 200 */
  maxSessions?: number;
  /** At most this many open sessions per token. @default 20 */
  maxSessionsPerToken?: number;
  /** Sessions that never made a call are closed after this much idleness. @default 120000 (2 min) */
  unusedSessionIdleMs?: number;
  /** Shared services; created here when absent. */
  services?: ToolServices;
  /** Serves the remote-runner ingest API under /runner/v1 over this work source; absent: 404 there. */
  runnerWork?: WorkSource;
}

export interface RunningHttpServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:8765/mcp */
  url: string;
  /**
   * Open sessions and the JSON response entries their transports still hold (see
   * releaseAnsweredStreams; null when the SDK's internals are not the ones it knows).
   */
  stats(): { sessions: number; heldStreams: number | null };
  /**
   * Stops accepting (new requests get 503 with Retry-After), lets requests in flight finish and
   * record their audit rows for up to `graceMs` (default 10 s), then closes every session.
   */
  close(opts?: { graceMs?: number }): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

/**
 * Streamable HTTP, session-based: `initialize` opens a session bound to the bearer token's
 * principal, and every later request must carry both the session id and a token of the same
 * principal. Sessions (rather than a stateless server per request) keep the client's name and
 * version for the audit log and allow server-to-client messages; they are bounded in number and
 * closed when idle. Every request, healthz aside, is checked for Host/Origin and then for a
 * valid bearer token before the MCP transport sees it.
 */
export async function startHttpServer(deps: Deps, opts: HttpServerOptions): Promise<RunningHttpServer> {
  const shared: ServerShared = {
    deps,
    services: opts.services ?? createToolServices(deps),
    audit: deps.repos.toolCalls,
  };
  const ingest = opts.runnerWork ? createIngestApi(deps, opts.runnerWork) : null;
  const idleMs = opts.sessionIdleMs ?? 30 * 60_000;
  const sessions = new SessionPool({
    idleMs,
    unusedIdleMs: Math.min(idleMs, opts.unusedSessionIdleMs ?? 2 * 60_000),
    maxSessions: opts.maxSessions ?? 200,
    maxPerToken: opts.maxSessionsPerToken ?? 20,
  });
  const inFlight = new InFlight();
  let closing = false;
  let allowed = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req, allowed) || !originAllowed(req, allowed)) {
      return reply(res, 403, {
        error: "forbidden",
        message: "Host or Origin not allowed (DNS-rebinding protection).",
      });
    }
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/healthz" && opts.healthz && req.method === "GET" && isLoopbackPeer(req)) {
      const health = await opts.healthz();
      return reply(res, health.ok ? 200 : 503, health.body);
    }
    const isIngest = ingest !== null && path.startsWith(`${INGEST_PREFIX}/`);
    if (path !== "/mcp" && !isIngest)
      return reply(res, 404, { error: "not_found", message: "The MCP endpoint is /mcp." });

    const identity = await authenticate(req, res);
    if (!identity) return;
    // Runner tokens reach the ingest API only, and only runner tokens reach it: a runner holds
    // cloud credentials on another host and has no business with fleet tools, and no human or
    // agent token should be able to post measurements.
    if (isIngest) {
      if (identity.kind !== "runner")
        return reply(res, 403, {
          error: "forbidden",
          message: "The ingest API takes runner tokens only (bench-operator tokens create --role runner).",
        });
      return ingest.handle(identity.runner, path, req, res);
    }
    if (identity.kind === "runner") {
      return reply(res, 403, {
        error: "forbidden",
        message: `A runner token may call only the ingest API under ${INGEST_PREFIX}/, not MCP.`,
      });
    }
    await mcpRequest(identity.principal, req, res);
  };

  const authenticate = async (req: IncomingMessage, res: ServerResponse) => {
    const token = bearerToken(req);
    const identity = token ? await authenticateToken(deps.repos.apiTokens, token, deps.clock()) : null;
    if (!identity) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="bench-operator"');
      reply(res, 401, {
        error: "unauthorized",
        message:
          "A valid bearer token is required: Authorization: Bearer <token> (bench-operator tokens create).",
      });
    }
    return identity;
  };

  const mcpRequest = async (
    principal: Principal,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> => {
    const body = req.method === "POST" ? await readJson(req, res) : undefined;
    if (body === INVALID) return;
    const sessionId = req.headers["mcp-session-id"];
    if (typeof sessionId === "string") {
      const session = sessions.get(sessionId);
      if (!session) return rpcError(res, 404, "Session not found; initialize a new session.");
      if (session.principal.name !== principal.name) {
        return rpcError(res, 403, "This session belongs to another principal.");
      }
      session.lastSeen = Date.now();
      if (isCall(body)) session.calls++;
      await session.transport.handleRequest(req, res, body);
      releaseAnsweredStreams(session.transport);
      return;
    }
    if (req.method !== "POST" || !isInitializeRequest(body)) {
      return rpcError(res, 400, "No mcp-session-id header: send initialize first.");
    }
    const refusal = sessions.refusal(principal);
    if (refusal) return rpcError(res, 503, refusal);
    await openSession(principal, req, res, body);
  };

  const openSession = async (
    principal: Principal,
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
  ): Promise<void> => {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      // Runs inside handleRequest below, after `server` exists.
      onsessioninitialized: (id) => {
        sessions.set(id, { server, transport, principal, lastSeen: Date.now(), calls: 0 });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    const server = createMcpServer(shared, {
      principal,
      transport: "http",
      readOnly: opts.readOnly,
      delegated: false,
      sessionId: () => transport.sessionId ?? null,
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
    releaseAnsweredStreams(transport);
  };

  const listener = mountConsole(
    shared,
    { host: opts.host, allowedHosts: opts.allowedHosts ?? [] },
    (req, res) => void inFlight.track(handle(req, res).catch((e: unknown) => failed(deps, res, e))),
  );
  const http = createServer((req, res) => {
    if (closing) {
      res.setHeader("Retry-After", "5");
      res.setHeader("Connection", "close");
      return reply(res, 503, {
        error: "shutting_down",
        message: "The server is shutting down; retry shortly.",
      });
    }
    listener(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(opts.port, opts.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  allowed = allowedHostHeaders(opts.host, port, opts.allowedHosts ?? []);

  const sweep = setInterval(() => sessions.sweep(Date.now()), Math.min(30_000, idleMs));
  sweep.unref();

  const hostForUrl = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  deps.logger.info(
    `mcp http: listening on http://${hostForUrl}:${port}/mcp${opts.readOnly ? " (read-only)" : ""}`,
  );
  return {
    url: `http://${hostForUrl}:${port}/mcp`,
    stats() {
      let held: number | null = 0;
      for (const s of sessions.values()) {
        const n = heldStreams(s.transport);
        held = n === null || held === null ? null : held + n;
      }
      return { sessions: sessions.size, heldStreams: held };
    },
    async close(closeOpts = {}) {
      closing = true;
      clearInterval(sweep);
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      if (!(await inFlight.drained(closeOpts.graceMs ?? 10_000)))
        deps.logger.warn(`http: ${inFlight.size} request(s) still running at the end of the shutdown grace`);
      await sessions.closeAll();
      http.closeAllConnections();
      await stopped;
    },
  };
}

/**
 * The answer to a request that threw. A lost database is an outage, not a bug: 503 with
 * Retry-After, so clients back off and retry instead of reporting a server error.
 */
function failed(deps: Deps, res: ServerResponse, e: unknown): void {
  const unavailable = isDatabaseUnavailable(e);
  deps.logger.error(unavailable ? "http request failed: database unavailable" : "http request failed", {
    error: e instanceof Error ? e.message : String(e),
  });
  if (res.headersSent) {
    res.end();
    return;
  }
  if (unavailable) {
    res.setHeader("Retry-After", "15");
    return reply(res, 503, {
      error: "database_unavailable",
      message: "The fleet database cannot be reached right now; retry in a little while.",
    });
  }
  reply(res, 500, { error: "internal", message: "Internal error; see the server log." });
}

/** A JSON-RPC request other than a notification: what counts as using a session. */
function isCall(body: unknown): boolean {
  const m = (body as { method?: unknown } | null)?.method;
  return typeof m === "string" && !m.startsWith("notifications/");
}

const INVALID = Symbol("invalid body");

async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) {
      rpcError(res, 413, "Request body too large.");
      return INVALID;
    }
    chunks.push(buf);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    rpcError(res, 400, "Parse error: the body is not JSON.", -32700);
    return INVALID;
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function rpcError(res: ServerResponse, status: number, message: string, code = -32000): void {
  reply(res, status, { jsonrpc: "2.0", error: { code, message }, id: null });
}
