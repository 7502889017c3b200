import { InvalidArgumentError, type Command } from "commander";
import type { Deps } from "../../deps.js";
import { AppError } from "../../errors.js";
import type { CliContext } from "../context.js";

interface ServeOptions {
  http?: boolean;
  port: number;
  host: string;
  readOnly?: boolean;
  allowedHost: string[];
}

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError("must be a port number (0-65535)");
  return n;
};

export function registerServeCommands(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description(
      "Serve the MCP tools over Streamable HTTP at /mcp: loopback by default, a bearer token (bench-operator tokens create) on every request, Host and Origin checked.",
    )
    .option("--http", "serve Streamable HTTP (the only server mode; stdio is `bench-operator mcp`)")
    .option("--port <n>", "port to listen on (0: any free port)", port, 8765)
    .option(
      "--host <address>",
      "address to bind; anything but loopback exposes the server to the network",
      "127.0.0.1",
    )
    .option("--read-only", "offer read tools only, and refuse write tools if called")
    .option(
      "--allowed-host <host:port>",
      "also accept this Host header (e.g. behind a reverse proxy); repeatable",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(async (opts: ServeOptions) => {
      if (!opts.http)
        throw new AppError(
          "invalid_input",
          "Say --http (serve Streamable HTTP), or use `bench-operator mcp` for stdio.",
        );
      const { startHttpServer } = await import("../../server/http.js");
      await ctx.withDatabase(async ({ config, logger, repos }) => {
        const deps: Deps = { config, logger, repos, clock: () => new Date() };
        const server = await startHttpServer(deps, {
          host: opts.host,
          port: opts.port,
          readOnly: opts.readOnly === true,
          allowedHosts: opts.allowedHost,
          // HEALTHZ: pass `healthz: () => …` here to serve an unauthenticated GET /healthz to loopback callers.
        });
        // JOB SCHEDULER: start the scheduler here (with `deps`), and stop it in `stop` below before server.close().
        process.stderr.write(
          `bench-operator serving MCP at ${server.url}${opts.readOnly ? " (read-only)" : ""}\n`,
        );
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            setTimeout(() => process.exit(process.exitCode ?? 0), 5_000).unref();
            server.close().then(resolve, resolve);
          };
          process.once("SIGTERM", stop);
          process.once("SIGINT", stop);
        });
      });
    });
}
