import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { authenticateToken } from "../auth/tokens.js";
import { consolePath } from "../console/path.js";
import type { Deps } from "../deps.js";
import { isDatabaseUnavailable } from "../errors.js";
import { INGEST_PREFIX } from "../runner/protocol.js";
import type { WorkSource } from "../runner/work-source.js";
import type { ToolServices } from "../tools/services.js";
import type { ServerShared } from "./create-mcp-server.js";
import type { IngestApi } from "./ingest.js";
import { allowedHostHeaders, bearerToken, hostOrOriginRefusal, isLoopbackPeer } from "./http-guards.js";
import { createMcpRequestHandler, type McpRequestHandler, reply } from "./http-mcp.js";
import { InFlight, SessionPool } from "./http-sessions.js";
import { heldStreams } from "./sdk-stream-release.js";

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
  /**
   * Shared services, or how to load them. A loader (or nothing: then the default services) runs on
   * the first need (a tool call, a resource, the console, or right after a session's first
   * tools/list) or `loadServicesAfterMs` after listening, whichever comes first, so that the first
   * initialize and tools/list wait only for the MCP SDK and the token check.
   */
  services?: ToolServices | (() => Promise<ToolServices>);
  /** When the services and the console load if no request needed them before. @default 1000 */
  loadServicesAfterMs?: number;
  /**
   * Serves the remote-runner ingest API under /runner/v1 over this work source (a loader: called on
   * the first ingest request); absent: 404 there.
   */
  runnerWork?: WorkSource | (() => Promise<WorkSource>);
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

/**
 * Streamable HTTP, session-based: `initialize` opens a session bound to the bearer token's
 * principal, and every later request must carry both the session id and a token of the same
 * principal. Sessions (rather than a stateless server per request) keep the client's name and
 * version for the audit log and allow server-to-client messages; they are bounded in number and
 * closed when idle. Every request, healthz aside, is checked for Host/Origin and then for a
 * valid bearer token before the MCP transport sees it.
 */
export async function startHttpServer(deps: Deps, opts: HttpServerOptions): Promise<RunningHttpServer> {
  const shared = sharedOnDemand(deps, opts.services);
  const idleMs = opts.sessionIdleMs ?? 30 * 60_000;
  const sessions = new SessionPool({
    idleMs,
    unusedIdleMs: Math.min(idleMs, opts.unusedSessionIdleMs ?? 2 * 60_000),
    maxSessions: opts.maxSessions ?? 200,
    maxPerToken: opts.maxSessionsPerToken ?? 20,
  });
  const inFlight = new InFlight();
  const state = { closing: false, allowed: new Set<string>() };
  const handle = createRequestRouter(deps, opts, {
    ingest: opts.runnerWork ? ingestOnDemand(deps, opts.runnerWork) : null,
    mcp: createMcpRequestHandler(shared.ready, sessions, opts.readOnly, {
      logger: deps.logger,
      wake: shared.load,
    }),
    allowed: () => state.allowed,
  });
  const mcpAndIngest = (req: IncomingMessage, res: ServerResponse): void => {
    const handled = handle(req, res).catch((e: unknown) => failed(deps, res, e));
    // A session's GET event stream (which SDK clients open after initialize) stays open for the
    // session's life and carries no call: shutdown ends it with the session instead of waiting
    // for it, which would hold every stop for the whole grace while a client is connected.
    if (!isSessionStream(req)) void inFlight.track(handled);
  };
  const consoleSite = consoleOnDemand(shared, opts, mcpAndIngest, deps.logger);
  const http = createServer((req, res) => {
    if (state.closing) return refuseWhileClosing(res);
    if (consolePath(req.url) !== null) consoleSite.listener(req, res);
    else mcpAndIngest(req, res);
  });
  const port = await listen(http, opts.port, opts.host);
  state.allowed = allowedHostHeaders(opts.host, port, opts.allowedHosts ?? []);
  // Whatever no request has needed yet loads a little later, so that later requests find it ready
  // (a stdio server's console ping, for one, waits 700 ms at most).
  const loadSoon = setTimeout(() => {
    consoleSite.load().catch(() => {});
  }, opts.loadServicesAfterMs ?? 1_000);
  loadSoon.unref();

  const sweep = setInterval(() => sessions.sweep(Date.now()), Math.min(30_000, idleMs));
  sweep.unref();

  const hostForUrl = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  deps.logger.info(
    `mcp http: listening on http://${hostForUrl}:${port}/mcp${opts.readOnly ? " (read-only)" : ""}`,
  );
  return {
    url: `http://${hostForUrl}:${port}/mcp`,
    stats: () => sessionStats(sessions),
    async close(closeOpts = {}) {
      state.closing = true;
      clearInterval(sweep);
      clearTimeout(loadSoon);
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
 * The shared services as a promise that settles once they are loaded, and `load`, which starts
 * loading them (idempotent). Services passed in are ready at once.
 */
function sharedOnDemand(
  deps: Deps,
  services: HttpServerOptions["services"],
): { ready: Promise<ServerShared>; load: () => void } {
  let provide: (shared: ServerShared) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const ready = new Promise<ServerShared>((resolve, reject) => ((provide = resolve), (fail = reject)));
  // A failed load surfaces in each call's answer; it must not also be an unhandled rejection.
  ready.catch(() => {});
  let started = false;
  const load = (): void => {
    if (started) return;
    started = true;
    const loading =
      typeof services === "function"
        ? services()
        : services
          ? Promise.resolve(services)
          : import("../tools/services.js").then(({ createToolServices }) => createToolServices(deps));
    loading.then((s) => provide({ deps, services: s, audit: deps.repos.toolCalls }), fail);
  };
  if (typeof services === "object") load();
  return { ready, load };
}

/** The console's listener, loaded with its pages on the first request under /console (or `load`). */
function consoleOnDemand(
  shared: { ready: Promise<ServerShared>; load: () => void },
  opts: HttpServerOptions,
  next: RequestListener,
  logger: Deps["logger"],
): { listener: RequestListener; load: () => Promise<RequestListener> } {
  let mounted: Promise<RequestListener> | undefined;
  const load = (): Promise<RequestListener> => {
    shared.load();
    mounted ??= import("../console/mount.js").then(({ mountConsole }) =>
      mountConsole(shared.ready, { host: opts.host, allowedHosts: opts.allowedHosts ?? [] }, next),
    );
    // A failed load is said to each console request (below) and retried by the next one.
    mounted.catch(() => (mounted = undefined));
    return mounted;
  };
  return {
    load,
    listener: (req, res) =>
      void load().then(
        (l) => l(req, res),
        (e: unknown) => {
          logger.error("the console failed to load", { error: e instanceof Error ? e.message : String(e) });
          reply(res, 500, { error: "internal", message: "The console failed to load; see the server log." });
        },
      ),
  };
}

/** The runner ingest API, loaded with its work source on the first ingest request. */
function ingestOnDemand(deps: Deps, work: NonNullable<HttpServerOptions["runnerWork"]>): IngestApi {
  let api: Promise<IngestApi> | undefined;
  return {
    async handle(runner, path, req, res) {
      api ??= Promise.all([import("./ingest.js"), typeof work === "function" ? work() : work]).then(
        ([{ createIngestApi }, source]) => createIngestApi(deps, source),
      );
      // A failed load is retried by the next request rather than remembered.
      api.catch(() => (api = undefined));
      return (await api).handle(runner, path, req, res);
    },
  };
}

interface RouterParts {
  ingest: IngestApi | null;
  mcp: McpRequestHandler;
  /** The Host header values accepted; known only once the server listens. */
  allowed: () => Set<string>;
}

/**
 * Host/Origin check, unauthenticated healthz, then a bearer token, and by path and token kind
 * either the runner ingest API or the MCP endpoint.
 */
function createRequestRouter(
  deps: Deps,
  opts: HttpServerOptions,
  { ingest, mcp, allowed }: RouterParts,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const refusal = hostOrOriginRefusal(req, allowed());
    if (refusal) return reply(res, 403, { error: "forbidden", message: refusal });
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/healthz" && opts.healthz && req.method === "GET" && isLoopbackPeer(req)) {
      const health = await opts.healthz();
      return reply(res, health.ok ? 200 : 503, health.body);
    }
    const isIngest = ingest !== null && path.startsWith(`${INGEST_PREFIX}/`);
    if (path !== "/mcp" && !isIngest)
      return reply(res, 404, { error: "not_found", message: "The MCP endpoint is /mcp." });

    const identity = await authenticate(deps, req, res);
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
    await mcp(identity.principal, req, res);
  };
}

/** The bearer token's identity, or null after answering 401. */
async function authenticate(deps: Deps, req: IncomingMessage, res: ServerResponse) {
  const token = bearerToken(req);
  const identity = token ? await authenticateToken(deps.repos.apiTokens, token, deps.clock()) : null;
  if (!identity) {
    res.setHeader("WWW-Authenticate", 'Bearer realm="bench-operator"');
    reply(res, 401, {
      error: "unauthorized",
      // A token sent and refused is most often one made for another database: say so, as the
      // sender cannot tell that from a missing header otherwise.
      message: token
        ? "This bearer token is not valid here: this server's database does not know it, or it was revoked. Tokens " +
          "belong to one database: one made with another MONGODB_URI or MONGODB_DB is unknown here. " +
          "`bench-operator tokens list`, run with the server's settings, shows its tokens and which are revoked."
        : "A bearer token is required: Authorization: Bearer <token> (bench-operator tokens create).",
    });
  }
  return identity;
}

function isSessionStream(req: IncomingMessage): boolean {
  return req.method === "GET" && (req.url ?? "/").split("?")[0] === "/mcp";
}

function refuseWhileClosing(res: ServerResponse): void {
  res.setHeader("Retry-After", "5");
  res.setHeader("Connection", "close");
  reply(res, 503, {
    error: "shutting_down",
    message: "The server is shutting down; retry shortly.",
  });
}

/** Listens and returns the bound port (the chosen one when `port` is 0). */
async function listen(http: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, host, () => resolve());
  });
  return (http.address() as AddressInfo).port;
}

function sessionStats(sessions: SessionPool): { sessions: number; heldStreams: number | null } {
  let held: number | null = 0;
  for (const s of sessions.values()) {
    const n = heldStreams(s.transport);
    held = n === null || held === null ? null : held + n;
  }
  return { sessions: sessions.size, heldStreams: held };
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
