import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import type { Logger } from "../logger.js";
import type { Principal } from "../policy/principal.js";
import { createMcpServer, type ServerShared } from "./create-mcp-server.js";
import type { SessionPool } from "./http-sessions.js";
import { releaseAnsweredStreams } from "./sdk-stream-release.js";

const MAX_BODY_BYTES = 1_000_000;

export type McpRequestHandler = (
  principal: Principal,
  req: IncomingMessage,
  res: ServerResponse,
) => Promise<void>;

/**
 * The /mcp endpoint for an authenticated principal: a request carrying a session id goes to that
 * session (which must belong to the same principal); an `initialize` without one opens a session,
 * if the pool has room for it.
 */
export function createMcpRequestHandler(
  shared: ServerShared | Promise<ServerShared>,
  sessions: SessionPool,
  readOnly: boolean,
  /** Needed when `shared` may still be loading: see McpSessionOptions.logger and wake. */
  loading: { logger?: Logger; wake?: () => void } = {},
): McpRequestHandler {
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
      readOnly,
      delegated: false,
      sessionId: () => transport.sessionId ?? null,
      ...loading,
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
    releaseAnsweredStreams(transport);
  };

  return async (principal, req, res) => {
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
      // A GET without a session is how a client of the older HTTP+SSE transport starts.
      return rpcError(
        res,
        400,
        req.method === "GET"
          ? "No mcp-session-id header. This server speaks Streamable HTTP: POST an initialize request to /mcp first; the older HTTP+SSE transport (a GET that opens the session) is not served."
          : "No mcp-session-id header: send initialize first.",
      );
    }
    const refusal = sessions.refusal(principal);
    if (refusal) return rpcError(res, 503, refusal);
    await openSession(principal, req, res, body);
  };
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

export function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function rpcError(res: ServerResponse, status: number, message: string, code = -32000): void {
  reply(res, status, { jsonrpc: "2.0", error: { code, message }, id: null });
}
