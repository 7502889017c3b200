import { spawn } from "node:child_process";
import type { Logger } from "../logger.js";
import type { ConsoleShared } from "./context.js";
import type { ConsoleLinker } from "./links.js";
import type { RunningConsole } from "./mount.js";
import { mintLink } from "./sessions.js";

/** Where `serve` listens unless told otherwise: a running `serve` on this database serves the links. */
const SERVE_DEFAULT = "http://127.0.0.1:8765";

export type BrowserOpener = (url: string) => Promise<boolean>;

export interface ConsoleEndpointOptions {
  /** Consoles to use when one answers for this database; default: `serve`'s default address. */
  candidates?: readonly string[];
  /** Opens a URL in the person's browser; default: the desktop's opener (open, xdg-open, start). */
  openBrowser?: BrowserOpener;
  logger: Logger;
}

/**
 * The console a stdio server's links point at: a `serve` on the same database if one answers on
 * loopback, else a console this process starts on a free loopback port, the first time a link is
 * needed (a session that never needs one never opens a port).
 */
export function consoleEndpoint(
  shared: ConsoleShared,
  opts: ConsoleEndpointOptions,
): ConsoleLinker & { close(): Promise<void> } {
  let origin: Promise<string> | null = null;
  let own: RunningConsole | null = null;
  const open = opts.openBrowser ?? openInBrowser;
  const find = async (): Promise<string> => {
    const { databaseTag, PING_SERVICE, startConsoleServer } = await import("./mount.js");
    const tag = await databaseTag(shared.deps.repos);
    for (const candidate of opts.candidates ?? [SERVE_DEFAULT]) {
      if (await answersFor(candidate, PING_SERVICE, tag)) return candidate;
    }
    own = await startConsoleServer(shared, { host: "127.0.0.1", port: 0 });
    opts.logger.info(`console: serving ${own.origin}/console for approval links`);
    return own.origin;
  };
  return {
    async offer(req, now, openInstead) {
      origin ??= find().catch((e: unknown) => {
        origin = null;
        throw e;
      });
      const base = await origin;
      const { path, expiresAt } = await mintLink(shared.deps.repos, req, now);
      const url = `${base}${path}`;
      const opened = await (openInstead ?? open)(url).catch(() => false);
      return { url, opened, expiresAt };
    },
    async close() {
      await own?.close();
    },
  };
}

async function answersFor(origin: string, service: string, tag: string): Promise<boolean> {
  try {
    const r = await fetch(`${origin}/console/ping`, { signal: AbortSignal.timeout(700) });
    if (!r.ok) return false;
    const body = (await r.json()) as { service?: unknown; database?: unknown };
    return body.service === service && body.database === tag;
  } catch {
    return false;
  }
}

/**
 * Opens a URL with the desktop's own opener; true when the opener ran and reported success. The URL
 * is ours (origin and a base64url secret) and goes as one argument, never through a shell.
 */
export function openInBrowser(url: string): Promise<boolean> {
  const [cmd, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["rundll32", ["url.dll,FileProtocolHandler", url]]
        : ["xdg-open", [url]];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "ignore", detached: true });
    const timer = setTimeout(() => (child.unref(), resolve(true)), 3_000);
    child.once("error", () => (clearTimeout(timer), resolve(false)));
    child.once("exit", (code) => (clearTimeout(timer), resolve(code === 0)));
  });
}
