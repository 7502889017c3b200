import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import type { Deps } from "../../deps.js";
import type { ServerShared } from "../../server/dispatch.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";
import { cliPrincipal } from "../principal.js";

/** src/cli/commands and dist/cli/commands are both three levels below the package root. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * The `claude_desktop_config.json` entry for this installation: absolute paths (the desktop app
 * does not load shell profiles, so `node` may not be on its PATH) and the database settings in
 * `env` (never in `args`, which other users can see in the process list).
 */
export function desktopConfig(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const passed: Record<string, string> = {};
  for (const name of ["MONGODB_URI", "MONGODB_DB", "BENCH_OPERATOR_DATA_DIR", "BENCH_OPERATOR_PRINCIPAL"]) {
    const value = env[name];
    if (value) passed[name] = value;
  }
  return {
    mcpServers: {
      "bench-operator": {
        command: process.execPath,
        args: [join(PACKAGE_ROOT, "dist", "cli", "main.js"), "mcp"],
        env: passed,
      },
    },
  };
}

export function registerMcpCommands(program: Command, ctx: CliContext): void {
  program
    .command("mcp")
    .description(
      "Serve the MCP tools over stdio for a local client (Claude Desktop, Claude Code), as the principal BENCH_OPERATOR_PRINCIPAL names. Stdout carries protocol messages only; logs go to stderr.",
    )
    .option("--read-only", "offer read tools only, and refuse write tools if called")
    .option("--print-config", "print a claude_desktop_config.json entry for this installation and exit")
    .action(async (opts: { readOnly?: boolean; printConfig?: boolean }) => {
      if (opts.printConfig) {
        const config = desktopConfig(ctx.env);
        if (!existsSync(join(PACKAGE_ROOT, "dist", "cli", "main.js"))) {
          process.stderr.write(
            "note: dist/cli/main.js does not exist yet; run `npm run build` before starting Claude Desktop.\n",
          );
        }
        printJson(config);
        return;
      }
      // Loaded here so that other commands do not pay for the MCP SDK at start-up.
      const [{ serveStdio }, { ToolCallAudit }, { createToolServices }] = await Promise.all([
        import("../../server/stdio.js"),
        import("../../auth/tool-call-audit.js"),
        import("../../tools/services.js"),
      ]);
      const principal = cliPrincipal(ctx);
      // The session starts at once and answers initialize and tools/list while the database
      // connects (an embedded one can take seconds; Claude Desktop's start-up timer is running).
      let provide: (shared: ServerShared) => void = () => {};
      let fail: (e: unknown) => void = () => {};
      const ready = new Promise<ServerShared>((resolve, reject) => ((provide = resolve), (fail = reject)));
      const abort = new AbortController();
      const serving = serveStdio(ready, {
        principal,
        readOnly: opts.readOnly === true,
        logger: ctx.logger(),
        signal: abort.signal,
        // Closing the database normally takes milliseconds; if anything hangs, the client
        // still sees the process gone within two seconds of stdin closing or SIGTERM.
        onStopping: () => setTimeout(() => process.exit(process.exitCode ?? 0), 1_500).unref(),
      });
      try {
        await ctx.withDatabase(async ({ config, logger, repos }) => {
          const deps: Deps = { config, logger, repos, clock: () => new Date() };
          const audit = new ToolCallAudit(repos.db);
          await audit.ensureIndexes();
          provide({ deps, services: createToolServices(deps), audit });
          await serving;
        });
      } catch (e) {
        fail(e);
        abort.abort();
        await serving;
        throw e;
      }
      // stdin may still be open (SIGTERM case); it must not keep the process alive.
      process.stdin.destroy();
    });
}
