import { randomUUID } from "node:crypto";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { argsDigest, principalRecord, type ToolCallOutcome } from "../auth/tool-call-audit.js";
import type { Deps } from "../deps.js";
import type { Logger } from "../logger.js";
import { AppError } from "../errors.js";
import type { Principal } from "../policy/principal.js";
import type { ToolCallsRepository } from "../storage/tool-calls-repository.js";
import { operationAccess } from "../tools/access.js";
import type { ToolServices } from "../tools/services.js";
import type { AuditRefs, PreparedCall, SessionInfo, Tool, ToolContext } from "../tools/tool.js";
import { gate, type Confirmer } from "./gate.js";
import { withinStartup, type DatabaseStartup } from "./startup.js";
import { errorResult, successResult } from "./tool-result.js";
import type { ToolSource } from "./tool-source.js";

/** What the process shares between sessions: dependencies, cached services and the audit log. */
export interface ServerShared {
  deps: Deps;
  services: ToolServices;
  audit: ToolCallsRepository;
}

/** Everything one MCP session's tool calls run with. */
export interface SessionContext {
  /**
   * Resolves once the database is connected. A stdio server answers initialize and tools/list
   * before that (a client's start-up timer runs meanwhile); tool calls wait for it.
   */
  shared: Promise<ServerShared>;
  /** Bounds a call's wait for `shared` (stdio); unset, a call waits as long as it takes. */
  startup?: DatabaseStartup;
  logger: Logger;
  principal: Principal;
  info: Omit<SessionInfo, "canConfirm">;
  /** The transport's session id (known once the session is initialized); null for stdio. */
  sessionId: () => string | null;
  /**
   * Called when the session first needs `shared`: by each call, and once its first tools/list
   * has been answered (the stdio command opens the database then, so that loading the driver
   * does not hold up the handshake).
   */
  wake?: () => void;
}

/** How long the server waits for a human to answer a confirmation. */
const CONFIRM_TIMEOUT_MS = 10 * 60_000;

/**
 * tools/call with any `arguments`: the SDK's own schema turns non-object arguments into an
 * internal error (-32603), where the caller deserves invalid params (-32602).
 */
const LooseCallToolRequest = z.object({
  method: z.literal("tools/call"),
  params: z.looseObject({ name: z.string(), arguments: z.unknown().optional() }),
});

/**
 * Installs tools/list and tools/call on the session's server instead of McpServer's own tool
 * registry, so that argument validation, the policy gate, human confirmation, the audit record
 * and error conversion happen in one place for every call, including calls that fail
 * validation or name a tool this session does not list.
 */
export function installTools(mcp: McpServer, session: SessionContext, source: ToolSource): void {
  const server = mcp.server;
  let databaseReady = false;
  session.shared.then(
    () => (databaseReady = true),
    () => {},
  );
  server.registerCapabilities({ tools: { listChanged: false } });
  let listed = false;
  server.setRequestHandler(ListToolsRequestSchema, () => {
    if (!listed) {
      listed = true;
      // After the answer is written: the tools' modules and the database load meanwhile.
      setImmediate(() => {
        source.tools().catch(() => {});
        session.wake?.();
      });
    }
    return {
      tools: source.listings
        .filter((t) => operationAccess(session.principal.role, t.operation, session.info.readOnly).allowed)
        .map((t) => t.listing),
    };
  });
  server.setRequestHandler(LooseCallToolRequest, (request, extra) => {
    const args = request.params.arguments;
    // Arguments that are not an object are the caller's mistake: JSON-RPC's invalid params.
    if (args !== undefined && (args === null || typeof args !== "object" || Array.isArray(args)))
      throw new McpError(ErrorCode.InvalidParams, "Tool arguments must be a JSON object.");
    session.wake?.();
    return callTool(mcp, session, source, request.params.name, args, {
      signal: extra.signal,
      requestId: extra.requestId,
      databaseReady: () => databaseReady,
    });
  });
}

async function callTool(
  mcp: McpServer,
  session: SessionContext,
  source: ToolSource,
  name: string,
  rawArgs: unknown,
  extra: { signal: AbortSignal; requestId: string | number; databaseReady: () => boolean },
): Promise<CallToolResult> {
  const started = performance.now();
  let result: CallToolResult;
  let outcome: ToolCallOutcome = "ok";
  let code: string | null = null;
  let refs: AuditRefs = {};
  let confirmed = false;
  let tool: Tool | undefined;
  try {
    tool = (await source.tools()).get(name);
    if (!tool)
      throw new AppError(
        "invalid_input",
        `There is no tool named ${name}; tools/list shows the tools you may use.`,
        { nextStepGiven: true },
      );
    const call = tool.prepare(rawArgs);
    const { deps, services } = await withinStartup(session.shared, session.startup);
    const canConfirm = Boolean(mcp.server.getClientCapabilities()?.elicitation?.form);
    const canShowUrl = Boolean(mcp.server.getClientCapabilities()?.elicitation?.url);
    const ctx: ToolContext = {
      deps,
      services,
      principal: session.principal,
      session: { ...session.info, canConfirm },
      now: deps.clock(),
      signal: extra.signal,
      confirmedByHuman: false,
      ...(canShowUrl ? { showUrl: urlShower(mcp, extra.requestId, extra.signal) } : {}),
    };
    try {
      const passed = await gate(tool, call, ctx, canConfirm ? confirmer(mcp, extra.requestId) : null);
      confirmed = passed.confirmedByHuman;
      ctx.confirmedByHuman = confirmed;
      const executed =
        passed.handedOff === undefined ? await call.execute(ctx) : await handOff(call, ctx, passed.handedOff);
      if (passed.handedOff !== undefined) outcome = "handed_off";
      refs = executed.refs;
      // A JSON round trip makes the structured content plain JSON (dates as strings), identical
      // over every transport, the in-memory one included.
      result = successResult(JSON.parse(JSON.stringify(executed.output)) as Record<string, unknown>);
    } finally {
      // Whatever happened, a write may have landed: later reads in this process must see it.
      if (tool.operation !== "read") services.invalidate();
    }
  } catch (e) {
    const failed = errorResult(e, name, session.logger);
    ({ result, outcome, code } = failed);
  }
  const recording = recordCall(mcp, session, {
    name,
    rawArgs,
    outcome,
    code,
    refs,
    confirmed,
    durationMs: performance.now() - started,
  });
  // Without a database yet, the record is written once it is up (or its failure is logged);
  // the answer must not wait for that, or a call during a first build would hang for minutes.
  if (extra.databaseReady()) await recording;
  return result;
}

/**
 * A change the gate handed to the person (its page opened for them): the tool's answer says so, or,
 * for a tool with no such answer, the refusal that says where the person decides.
 */
async function handOff(
  call: PreparedCall,
  ctx: ToolContext,
  text: string,
): Promise<{ output: Record<string, unknown>; refs: AuditRefs }> {
  const handed = await call.handOff(ctx, text);
  if (!handed) throw new AppError("forbidden", text);
  return handed;
}

function confirmer(mcp: McpServer, requestId: string | number): Confirmer {
  return async (message, signal) => {
    try {
      const answer = await mcp.server.elicitInput(
        {
          mode: "form",
          message,
          requestedSchema: {
            type: "object",
            properties: {
              confirm: {
                type: "boolean",
                title: "Confirm",
                description: "Tick to confirm this change in your name.",
              },
            },
            required: ["confirm"],
          },
        },
        { relatedRequestId: requestId, signal, timeout: CONFIRM_TIMEOUT_MS },
      );
      return answer.action === "accept" && answer.content?.["confirm"] === true ? "confirmed" : "unanswered";
    } catch {
      // A failed or timed-out question is not a yes: fail closed.
      return "unanswered";
    }
  };
}

/** URL elicitation: the client shows the human the URL and asks before opening it. */
function urlShower(
  mcp: McpServer,
  requestId: string | number,
  signal: AbortSignal,
): (message: string, url: string) => Promise<boolean> {
  return async (message, url) => {
    try {
      const answer = await mcp.server.elicitInput(
        { mode: "url", message, url, elicitationId: randomUUID() },
        { relatedRequestId: requestId, signal, timeout: CONFIRM_TIMEOUT_MS },
      );
      return answer.action === "accept";
    } catch {
      return false;
    }
  };
}

async function recordCall(
  mcp: McpServer,
  session: SessionContext,
  c: {
    name: string;
    rawArgs: unknown;
    outcome: ToolCallOutcome;
    code: string | null;
    refs: AuditRefs;
    confirmed: boolean;
    durationMs: number;
  },
): Promise<void> {
  const client = mcp.server.getClientVersion();
  let shared: ServerShared;
  try {
    shared = await session.shared;
  } catch {
    // The database never opened; why was logged once when it failed.
    session.logger.warn(`tool call ${c.name} not audited: no database`);
    return;
  }
  try {
    const { audit, deps } = shared;
    await audit.record({
      at: deps.clock(),
      principal: principalRecord(session.principal),
      transport: session.info.transport,
      session_id: session.sessionId(),
      client: client ? { name: client.name, version: client.version } : null,
      tool: c.name.slice(0, 128),
      args_sha256: argsDigest(c.rawArgs),
      outcome: c.outcome,
      error_code: c.code,
      decision_id: c.refs.decisionId ?? null,
      batch_id: c.refs.batchId ?? null,
      run_id: c.refs.runId ?? null,
      confirmed_by: c.confirmed ? "elicitation" : null,
      duration_ms: Math.round(c.durationMs * 10) / 10,
    });
  } catch (e) {
    session.logger.error("could not record a tool call in the audit log", {
      tool: c.name,
      error: e instanceof Error ? e.message : String(e),
    });
  }
}
