import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Logger } from "../logger.js";
import type { Principal } from "../policy/principal.js";
import { TOOL_LISTINGS } from "../tools/listings.js";
import type { SessionInfo, Tool, ToolContext } from "../tools/tool.js";
import { installTools, type ServerShared } from "./dispatch.js";
import { buildInstructions } from "./instructions.js";
import { registerPrompts } from "./prompts.js";
import { registerResources } from "./resources.js";
import { withinStartup, type DatabaseStartup } from "./startup.js";
import { lazyTools, loadedTools } from "./tool-source.js";
import { PACKAGE_VERSION } from "./version.js";

export type { ServerShared };

export interface McpSessionOptions {
  principal: Principal;
  transport: SessionInfo["transport"];
  readOnly: boolean;
  /**
   * An LLM acts under a human principal's name (stdio configured as a human operator): fleet
   * changes need that human's confirmation. Default: true for stdio with a human principal who
   * can write, false otherwise (an HTTP token holder is the principal itself).
   */
  delegated?: boolean;
  /** The transport's session id, for the audit log. */
  sessionId?: () => string | null;
  /** Tools to offer; every tool by default. Tests pass fewer. */
  tools?: readonly Tool[];
  /** Needed when `shared` is still a promise; otherwise its logger is used. */
  logger?: Logger;
  /** How long a call waits for `shared` still on its way, and what it says then. */
  startup?: DatabaseStartup;
  /** See SessionContext.wake: the session's first need of `shared`. */
  wake?: () => void;
}

/**
 * Every tool: listed from src/tools/listings.ts, loaded on the first call (or right after the
 * first tools/list), so that neither the tools' modules nor the services they import, nor the
 * zod schemas they build, are on the way to the first tools/list.
 */
const allTools = lazyTools(TOOL_LISTINGS, async () => {
  const { allTools: tools } = await import("../tools/index.js");
  return tools;
});

/**
 * One MCP server for one session. No I/O happens here. `shared` may still be on its way (the
 * database connecting): initialize, tools/list and prompts do not need it; calls wait for it.
 */
export function createMcpServer(
  shared: ServerShared | Promise<ServerShared>,
  opts: McpSessionOptions,
): McpServer {
  const { principal } = opts;
  const ready = Promise.resolve(shared);
  // A failed connection surfaces in each call's result; it must not also be an unhandled rejection.
  ready.catch(() => {});
  const logger = opts.logger ?? (shared instanceof Promise ? undefined : shared.deps.logger);
  if (!logger) throw new Error("createMcpServer: pass a logger when the shared services are still a promise");
  const delegated =
    opts.delegated ??
    (opts.transport === "stdio" && principal.kind === "human" && principal.role !== "viewer");
  const info = { transport: opts.transport, readOnly: opts.readOnly, delegated };
  const mcp = new McpServer(
    { name: "bench-operator", title: "bench-operator fleet operator", version: PACKAGE_VERSION },
    {
      instructions: buildInstructions(principal, { readOnly: opts.readOnly, delegated }),
      capabilities: { logging: {} },
    },
  );
  installTools(
    mcp,
    {
      shared: ready,
      ...(opts.startup ? { startup: opts.startup } : {}),
      ...(opts.wake ? { wake: opts.wake } : {}),
      logger,
      principal,
      info,
      sessionId: opts.sessionId ?? (() => null),
    },
    opts.tools ? loadedTools(opts.tools) : allTools,
  );
  const context = async (): Promise<ToolContext> => {
    opts.wake?.();
    const { deps, services } = await withinStartup(ready, opts.startup);
    return {
      deps,
      services,
      principal,
      session: { ...info, canConfirm: Boolean(mcp.server.getClientCapabilities()?.elicitation?.form) },
      now: deps.clock(),
      signal: new AbortController().signal,
      confirmedByHuman: false,
    };
  };
  registerResources(mcp, context);
  registerPrompts(mcp);
  return mcp;
}
