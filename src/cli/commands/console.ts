import type { Command } from "commander";
import type { Deps } from "../../deps.js";
import { AppError, asListenRefusal } from "../../errors.js";
import type { Repositories } from "../../storage/repositories.js";
import type { CliContext } from "../context.js";
import { portArg } from "../options.js";
import { cliPrincipal } from "../principal.js";

interface ConsoleCliOptions {
  port: number;
  host: string;
  link?: boolean;
  url?: string;
}

export function registerConsoleCommands(program: Command, ctx: CliContext): void {
  program
    .command("console")
    .description(
      "Serve the web console for people (review and approve decisions, revert batches, the fleet) on loopback. `serve` also serves it at /console. Sign in with a viewer, operator or admin token, or with --link.",
    )
    .option("--port <n>", "port to listen on (0: any free port)", portArg, 8766)
    .option(
      "--host <address>",
      "address to bind; anything but loopback exposes the console to the network",
      "127.0.0.1",
    )
    .option("--link", "print a one-time sign-in link for BENCH_OPERATOR_PRINCIPAL (single use, 10 minutes)")
    .option(
      "--url <origin>",
      "with --link: mint the link for a console already running there on this database (e.g. http://127.0.0.1:8765 of `serve`) and exit; refused when nothing answers there or it serves another database",
    )
    .action(async (opts: ConsoleCliOptions) => {
      if (opts.url !== undefined && !opts.link)
        throw new AppError("invalid_input", "--url goes with --link.");
      const principal = cliPrincipal(ctx);
      if (opts.link && principal.kind !== "human")
        throw new AppError(
          "invalid_input",
          "Sign-in links are for people: set BENCH_OPERATOR_PRINCIPAL=name:operator.",
        );
      const [{ startConsoleServer }, { mintLink }, { createToolServices }] = await Promise.all([
        import("../../console/mount.js"),
        import("../../console/sessions.js"),
        import("../../tools/services.js"),
      ]);
      await ctx.withDatabase(async ({ config, logger, repos }) => {
        const deps: Deps = { config, logger, repos, clock: () => new Date() };
        const link = async (origin: string): Promise<void> => {
          const { path, expiresAt } = await mintLink(
            repos,
            { principal, scope: { kind: "all" }, purpose: "sign-in" },
            deps.clock(),
          );
          process.stdout.write(`${origin}${path}\n`);
          process.stderr.write(
            `one-time sign-in link for ${principal.name} (${principal.role}), valid until ${expiresAt.toISOString()}\n`,
          );
        };
        if (opts.url !== undefined) return link(await checkedOrigin(repos, opts.url));
        let running;
        try {
          running = await startConsoleServer(
            { deps, services: createToolServices(deps) },
            { host: opts.host, port: opts.port },
          );
        } catch (e) {
          // The port is taken: when by a console on this database (a `console` left running),
          // --link wants a link for it, which is what `--link --url` mints.
          const there = `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${opts.port}`;
          if (!opts.link || (e as { code?: unknown }).code !== "EADDRINUSE") throw asListenRefusal(e);
          const origin = await checkedOrigin(repos, there).catch(() => null);
          if (origin === null) throw asListenRefusal(e);
          process.stderr.write(
            `a console for this database already runs at ${origin}/console: a link for it\n`,
          );
          return link(origin);
        }
        process.stderr.write(`bench-operator console at ${running.origin}/console\n`);
        if (opts.link) await link(running.origin);
        // Until SIGINT or SIGTERM; then the listener closes and withDatabase closes the database.
        await new Promise<void>((resolve) => {
          process.once("SIGINT", () => resolve());
          process.once("SIGTERM", () => resolve());
        });
        await running.close();
      });
    });
}

/**
 * The origin of `--url`, once the console there answers for this command's database: a link is a
 * row in the database it is minted in, so one printed for a console that is not running, or that
 * serves another database, only ever answered "links work once and expire within minutes".
 */
async function checkedOrigin(repos: Repositories, url: string): Promise<string> {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    throw new AppError("invalid_input", `--url ${url} is not a URL (e.g. http://127.0.0.1:8765).`);
  }
  const { consoleAtFor } = await import("../../console/endpoint.js");
  const why = await consoleAtFor(repos, origin);
  if (why) throw new AppError("unavailable", `No link was minted: ${why}.`);
  return origin;
}
