import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Writable } from "node:stream";
import type { Command } from "commander";
import type { Deps } from "../../deps.js";
import type { Logger } from "../../logger.js";
import { AppError } from "../../errors.js";
import type { ServerShared } from "../../server/dispatch.js";
import { databaseStartup, type EmbeddedStartup } from "../../server/startup.js";
import { guardStdout } from "../../server/stdout-guard.js";
import type { CliContext } from "../context.js";
import { MCP_CLIENTS, type McpClient } from "../mcp-clients.js";
import { cliPrincipal } from "../principal.js";

/** src/cli/commands and dist/cli/commands are both three levels below the package root. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const MAIN_JS = join(PACKAGE_ROOT, "dist", "cli", "main.js");

/**
 * How long a tool call waits for a database that is still starting before it answers with an
 * error: a normal start takes a second or two, and clients give up on a call after about 60 s.
 */
const STARTUP_WAIT_MS = 20_000;

/**
 * The database opens once the session has answered its first tools/list, or a call needs it, or
 * this long after the start (a client that lists nothing): loading the driver takes a core for
 * 100-200 ms, and the client's initialize and tools/list should not wait behind it.
 */
const DATABASE_AFTER_MS = 500;

interface McpOptions {
  readOnly?: boolean;
  printConfig?: boolean;
  client?: string;
}

export function registerMcpCommands(program: Command, ctx: CliContext): void {
  program
    .command("mcp")
    .description(
      "Serve the MCP tools over stdio for a local client (Claude Desktop, Claude Code, VS Code, Cursor), as the principal BENCH_OPERATOR_PRINCIPAL names. Stdout carries protocol messages only; logs go to stderr.",
    )
    .option("--read-only", "offer read tools only, and refuse write tools if called")
    .option(
      "--print-config",
      "print the client configuration that starts this server on this database, and exit",
    )
    .option("--client <name>", `the client --print-config writes for: ${MCP_CLIENTS.join(", ")}`)
    .action(async (opts: McpOptions) => {
      if (opts.printConfig) return printConfig(ctx, opts);
      if (opts.client !== undefined) {
        throw new AppError("invalid_input", "--client goes with --print-config.");
      }
      const guard = guardStdout();
      try {
        await serve(ctx, opts, guard.protocol);
      } finally {
        guard.restore();
      }
    });
}

async function printConfig(ctx: CliContext, opts: McpOptions): Promise<void> {
  const { clientConfig, serverEntry } = await import("../mcp-config.js");
  const client = (opts.client ?? "claude-desktop") as McpClient;
  if (!MCP_CLIENTS.includes(client)) {
    throw new AppError("invalid_input", `--client must be one of ${MCP_CLIENTS.join(", ")}.`);
  }
  const { entry, notes } = serverEntry(ctx.config(), ctx.env, {
    node: process.execPath,
    mainJs: MAIN_JS,
    readOnly: opts.readOnly === true,
  });
  if (!existsSync(MAIN_JS)) {
    notes.push(
      "dist/cli/main.js does not exist yet; run `npm run build` before the client starts the server.",
    );
  }
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  process.stdout.write(`${clientConfig(client, entry)}\n`);
}

async function serve(ctx: CliContext, opts: McpOptions, stdout: Writable): Promise<void> {
  // Loaded here so that other commands do not pay for the MCP SDK at start-up.
  const { serveStdio } = await import("../../server/stdio.js");
  const principal = cliPrincipal(ctx);
  const logger = ctx.logger();
  // The session starts at once and answers initialize and tools/list while the database
  // connects, or is built for the first time (Claude Desktop's start-up timer is running).
  let provide: (shared: ServerShared) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const ready = new Promise<ServerShared>((resolve, reject) => ((provide = resolve), (fail = reject)));
  let wake: () => void = () => {};
  const woken = new Promise<void>((resolve) => (wake = resolve));
  const fallback = setTimeout(() => wake(), DATABASE_AFTER_MS);
  // The build's texts are filled in when the database opens (openDatabase), the first moment a
  // build can start: the modules they come from are not on the way to the first tools/list.
  const build = { waitMs: STARTUP_WAIT_MS, buildTime: "", buildCommand: "" };
  const startup = databaseStartup(build);
  const serving = serveStdio(ready, {
    principal,
    readOnly: opts.readOnly === true,
    logger,
    stdout,
    startup,
    wake: () => wake(),
    // Closing the database normally takes milliseconds; if anything hangs, the client
    // still sees the process gone within two seconds of stdin closing or SIGTERM.
    onStopping: () => setTimeout(() => process.exit(process.exitCode ?? 0), 1_500).unref(),
  });
  // A session that ends before it needed the database never opens it.
  const ended = serving.then(
    () => true,
    () => true,
  );
  const endedFirst = await Promise.race([woken.then(() => false), ended]);
  clearTimeout(fallback);
  if (!endedFirst) await openDatabase(ctx, { serving, provide, fail, startup, build, logger });
  else await serving;
  // stdin may still be open (SIGTERM case); it must not keep the process alive.
  process.stdin.destroy();
}

/** Opens the database for a session already serving, and hands the session its services. */
async function openDatabase(
  ctx: CliContext,
  s: {
    serving: Promise<void>;
    provide: (shared: ServerShared) => void;
    fail: (e: unknown) => void;
    startup: EmbeddedStartup;
    build: { buildTime: string; buildCommand: string };
    logger: Logger;
  },
): Promise<void> {
  const { serving, provide, fail, startup, logger } = s;
  // The services load while the database connects.
  const services = import("../../tools/services.js");
  services.catch(() => {});
  try {
    const [{ LAUNCHER_BUILD_TIME }, { shellQuote }] = await Promise.all([
      import("../../db/ferretdb.js"),
      import("../mcp-config.js"),
    ]);
    s.build.buildTime = LAUNCHER_BUILD_TIME;
    s.build.buildCommand = `${shellQuote(process.execPath)} ${shellQuote(MAIN_JS)} db build`;
    await ctx.withDatabase(
      async ({ config, logger, repos }) => {
        const { createToolServices } = await services;
        const deps: Deps = { config, logger, repos, clock: () => new Date() };
        // The fleet picture loads right after tools/list rather than in the first call.
        provide({ deps, services: createToolServices(deps, { warmAfterMs: 200 }), audit: repos.toolCalls });
        await serving;
      },
      { onBuildStart: startup.buildStarted },
    );
  } catch (e) {
    // The session stays up: the client's tool calls then say why, where a vanished server
    // would only show "disconnected". The error ends the command once the client leaves.
    const failure = startFailure(e, ctx.config().mongodb.uri !== undefined);
    logger.error(failure.message);
    fail(failure);
    await serving;
    throw e;
  }
}

function startFailure(e: unknown, uriSet: boolean): AppError {
  const reason = e instanceof Error ? e.message : String(e);
  const what = uriSet
    ? "Check MONGODB_URI in the client's configuration for this server and that its database is running."
    : "";
  return new AppError(
    "unavailable",
    [
      "The database could not be opened, so no tool can run in this session.",
      reason,
      what,
      "Then restart this MCP server (in Claude Desktop: quit and reopen it).",
    ]
      .filter(Boolean)
      .join("\n"),
  );
}
