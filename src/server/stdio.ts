import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { consoleEndpoint, ConsoleEndpointOptions } from "../console/endpoint.js";
import type { Logger } from "../logger.js";
import type { Principal } from "../policy/principal.js";
import { createMcpServer, type ServerShared } from "./create-mcp-server.js";
import type { DatabaseStartup } from "./startup.js";

export interface StdioOptions {
  principal: Principal;
  readOnly: boolean;
  /** Defaults to the process's own streams; tests may pass others. */
  stdin?: Readable;
  stdout?: Writable;
  /** Called once when shutdown begins (the CLI arms an exit deadline here). */
  onStopping?: () => void;
  logger: Logger;
  /** Aborting it ends the session. */
  signal?: AbortSignal;
  /** Bounds how long a tool call waits for a database still starting. */
  startup?: DatabaseStartup;
  /** Called when the session first needs the database (see McpSessionOptions.wake). */
  wake?: () => void;
  /**
   * The console for approval links when the client cannot ask its human (a `serve` on the same
   * database, else one started here on loopback when first needed); false: no links.
   */
  console?: false | Omit<ConsoleEndpointOptions, "logger">;
}

/**
 * Serves one MCP session over stdio until the client goes away (stdin ends or closes) or the
 * process is asked to stop (SIGTERM, SIGINT). Stdout carries protocol messages only: every log
 * line goes to stderr through the logger, and the `mcp` command hands in a guarded stdout
 * (stdout-guard.ts) so that nothing else reaches it. The SDK's transport does not notice the end of stdin
 * by itself, so that is watched here. Resolves once the session is closed; the caller then
 * closes the database.
 */
export async function serveStdio(
  shared: ServerShared | Promise<ServerShared>,
  opts: StdioOptions,
): Promise<void> {
  const stdin = opts.stdin ?? process.stdin;
  const { logger } = opts;
  let endpoint = null as ReturnType<typeof consoleEndpoint> | null;
  const consoleOpts = opts.console;
  const withConsole =
    consoleOpts === false
      ? shared
      : Promise.all([shared, import("../console/endpoint.js")]).then(([s, { consoleEndpoint }]) => {
          endpoint = consoleEndpoint(s, { ...consoleOpts, logger });
          // A page an approval link opened before the client restarted this server answers again.
          endpoint
            .resume(new Date())
            // A session the client ends at once closes the database under it: nothing to say then.
            .catch((e: unknown) => {
              if (!stopping) logger.warn(`console: not resumed: ${String(e)}`);
            });
          return { ...s, services: { ...s.services, console: endpoint } };
        });
  const server = createMcpServer(withConsole, {
    principal: opts.principal,
    transport: "stdio",
    readOnly: opts.readOnly,
    logger,
    ...(opts.startup ? { startup: opts.startup } : {}),
    ...(opts.wake ? { wake: opts.wake } : {}),
  });
  const transport = new StdioServerTransport(stdin, opts.stdout ?? process.stdout);
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  let stopping = false;
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    opts.onStopping?.();
    logger.info(`mcp stdio: stopping (${why})`);
    server.close().then(finish, finish);
  };
  const onSignal = (signal: NodeJS.Signals): void => stop(signal);
  stdin.on("end", () => stop("stdin ended"));
  stdin.on("close", () => stop("stdin closed"));
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  transport.onclose = () => stop("transport closed");
  const onAbort = (): void => stop("aborted");
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  await server.connect(transport);
  // A signal aborted before the listener was added never fires it.
  if (opts.signal?.aborted) stop("aborted");
  logger.info(
    `mcp stdio: serving as ${opts.principal.name} (${opts.principal.role})${opts.readOnly ? ", read-only" : ""}`,
  );
  try {
    await done;
  } finally {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
    opts.signal?.removeEventListener("abort", onAbort);
    await endpoint?.close();
  }
}
