import { spawn } from "node:child_process";
import type { Logger } from "../logger.js";
import type { Repositories } from "../storage/repositories.js";
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
 * The loopback port a stdio server serves its own console on for this database (`databaseTag`), the
 * same on every start: a client that restarts its server (Claude Desktop does on every relaunch) gets
 * its console back on the address the person's open page and unused links point at, and the page
 * goes on working, its session being in the database. Below Linux's ephemeral range (32768 and up),
 * so an outgoing connection seldom holds it; when something does, a free port is used instead.
 */
export function ownConsolePort(tag: string): number {
  return 20_000 + (Number.parseInt(tag.slice(0, 8), 16) % 10_000);
}

/**
 * The console a stdio server's links point at: a `serve` on the same database if one answers on
 * loopback, else another stdio server's console for this database on its port (`ownConsolePort`),
 * else one this process starts there, the first time a link is needed (a session that never needs
 * one never opens a port), or at start (`resume`) while a page a link opened may still be open.
 */
export function consoleEndpoint(
  shared: ConsoleShared,
  opts: ConsoleEndpointOptions,
): ConsoleLinker & { close(): Promise<void>; resume(now: Date): Promise<void> } {
  let origin: Promise<string> | null = null;
  let own: RunningConsole | null = null;
  const open = opts.openBrowser ?? openInBrowser;
  const find = async (): Promise<string> => {
    const { databaseTag, PING_SERVICE, startConsoleServer } = await import("./mount.js");
    const tag = await databaseTag(shared.deps.repos);
    const port = ownConsolePort(tag);
    for (const candidate of [...(opts.candidates ?? [SERVE_DEFAULT]), `http://127.0.0.1:${port}`]) {
      if (await answersFor(candidate, PING_SERVICE, tag)) return candidate;
    }
    own = await startConsoleServer(shared, { host: "127.0.0.1", port }).catch((e: unknown) => {
      if ((e as { code?: unknown }).code !== "EADDRINUSE") throw e;
      return startConsoleServer(shared, { host: "127.0.0.1", port: 0 });
    });
    opts.logger.info(`console: serving ${own.origin}/console for approval links`);
    return own.origin;
  };
  const found = (): Promise<string> =>
    (origin ??= find().catch((e: unknown) => {
      origin = null;
      throw e;
    }));
  return {
    async resume(now) {
      const { repos } = shared.deps;
      const [page, link] = await Promise.all([
        repos.consoleSessions.anyLive("link", now),
        repos.consoleLinks.anyOpen(["approve", "revert"], now),
      ]);
      if (page || link) await found();
    },
    async offer(req, now, openInstead) {
      const base = await found();
      const { path, expiresAt } = await mintLink(shared.deps.repos, req, now);
      const url = `${base}${path}`;
      const opened = await (openInstead ?? open)(url).catch(() => false);
      return { url, opened, expiresAt, servedHere: own !== null && base === own.origin };
    },
    async close() {
      await own?.close();
    },
  };
}

async function answersFor(origin: string, service: string, tag: string): Promise<boolean> {
  return (await whyNotOurs(origin, service, tag, PING_TIMEOUT_MS)) === null;
}

/** How long a ping may take before the console counts as not answering. */
const PING_TIMEOUT_MS = 700;

/**
 * Why the console at `origin` is not one a link minted on this database opens on, for a person
 * (`console --link --url`); null when it is. A link is a row in the database it was minted in, so a
 * console on another database (or nothing at all) answers it with "not valid": this is the check to
 * make before printing one. It asks `/console/ping`, which names a hash of the database's identity
 * and nothing secret.
 */
export async function consoleAtFor(
  repos: Repositories,
  origin: string,
  timeoutMs = 3_000,
): Promise<string | null> {
  const { databaseTag, PING_SERVICE } = await import("./mount.js");
  return whyNotOurs(origin, PING_SERVICE, await databaseTag(repos), timeoutMs);
}

async function whyNotOurs(
  origin: string,
  service: string,
  tag: string,
  timeoutMs: number,
): Promise<string | null> {
  let r: Response;
  try {
    r = await fetch(`${origin}/console/ping`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    return `nothing answers at ${origin} (${fetchFailure(e, timeoutMs)}): start \`bench-operator serve\` or \`bench-operator console\` there, or leave --url out and this command serves the console itself`;
  }
  const notConsole = `${origin} answers, but not as a bench-operator console`;
  if (!r.ok) return `${notConsole} (HTTP ${r.status} to /console/ping)`;
  let body: { service?: unknown; database?: unknown };
  try {
    body = (await r.json()) as typeof body;
  } catch {
    return `${notConsole} (/console/ping is not its JSON)`;
  }
  if (body.service !== service) return `${notConsole} (/console/ping names no bench-operator console)`;
  if (body.database !== tag)
    return `the console at ${origin} serves another database than this command (MONGODB_URI and MONGODB_DB here), so a link minted here would not open there; run this with the MONGODB_URI and MONGODB_DB of the process serving ${origin}`;
  return null;
}

/** What a failed fetch says about why: the connection's error code, or the timeout. */
function fetchFailure(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError"))
    return `no answer within ${timeoutMs} ms`;
  const cause =
    e instanceof Error ? (e.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === "string") return cause.code;
  return e instanceof Error ? (typeof cause?.message === "string" ? cause.message : e.message) : String(e);
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
