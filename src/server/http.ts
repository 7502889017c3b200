import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { authenticateToken } from "../auth/tokens.js";
import { mountConsole } from "../console/mount.js";
import type { Deps } from "../deps.js";
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
  /** At most this many open sessions; more initializations get 503. @default 200 */
  maxSessions?: number;
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
  close(): Promise<void>;
}

interface Session {
  server: McpServer;
  transport: StreamableHTTPServerTransport;
  principal: Principal;
  lastSeen: number;
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
  const tokens = deps.repos.apiTokens;
  const shared: ServerShared = {
    deps,
    services: opts.services ?? createToolServices(deps),
    audit: deps.repos.toolCalls,
  };
  const ingest = opts.runnerWork ? createIngestApi(deps, opts.runnerWork) : null;
  const sessions = new Map<string, Session>();
  const idleMs = opts.sessionIdleMs ?? 30 * 60_000;
  const maxSessions = opts.maxSessions ?? 200;
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

    const token = bearerToken(req);
    const identity = token ? await authenticateToken(tokens, token, deps.clock()) : null;
    if (!identity) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="bench-operator"');
      return reply(res, 401, {
        error: "unauthorized",
        message:
          "A valid bearer token is required: Authorization: Bearer <token> (bench-operator tokens create).",
      });
    }
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
    const principal = identity.principal;

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
      await session.transport.handleRequest(req, res, body);
      releaseAnsweredStreams(session.transport);
      return;
    }
    if (req.method !== "POST" || !isInitializeRequest(body)) {
      return rpcError(res, 400, "No mcp-session-id header: send initialize first.");
    }
    if (sessions.size >= maxSessions)
      return rpcError(res, 503, "Too many open sessions; close one or retry later.");
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
        sessions.set(id, { server, transport, principal, lastSeen: Date.now() });
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

  const http = createServer(
    mountConsole(shared, { host: opts.host, allowedHosts: opts.allowedHosts ?? [] }, (req, res) => {
      handle(req, res).catch((e: unknown) => {
        deps.logger.error("http request failed", { error: e instanceof Error ? e.message : String(e) });
        if (!res.headersSent)
          reply(res, 500, { error: "internal", message: "Internal error; see the server log." });
        else res.end();
      });
    }),
  );
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(opts.port, opts.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  allowed = allowedHostHeaders(opts.host, port, opts.allowedHosts ?? []);

  const sweep = setInterval(
    () => {
      const cutoff = Date.now() - idleMs;
      for (const [id, s] of sessions) {
        if (s.lastSeen < cutoff) {
          sessions.delete(id);
          s.server.close().catch(() => {});
        }
      }
    },
    Math.min(60_000, idleMs),
  );
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
    async close() {
      clearInterval(sweep);
      await Promise.all([...sessions.values()].map((s) => s.server.close().catch(() => {})));
      sessions.clear();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
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
