import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { principalOf, type ConsoleShared, type PageContext } from "./context.js";
import {
  cookieHeader,
  cookies,
  cookieValues,
  FormTooLarge,
  hostAndOriginOk,
  PAGE_COOKIE,
  postOriginOk,
  PRE_COOKIE,
  readForm,
  redirect,
  sameSecret,
  send,
  SESSION_COOKIE,
} from "./http-util.js";
import { messagePage, STYLESHEET } from "./layout.js";
import type { Repositories } from "../storage/repositories.js";
import { consolePath } from "./path.js";
import { linkLandingPage, signInPage } from "./pages/sign-in.js";
import { errorPage, routeGet, routePost } from "./routes.js";
import {
  currentSession,
  endSession,
  LINK_PATH,
  scopeAllows,
  scopePath,
  SESSION_TTL_MS,
  signInWithToken,
  signOutPath,
  useLink,
} from "./sessions.js";
import type { ConsoleSessionDoc } from "../storage/console-sessions-repository.js";

export interface ConsoleOptions {
  /** The address the listener is bound to; loopback names are accepted as Host when it is loopback. */
  host: string;
  /** More Host header values to accept (a name behind a proxy). */
  allowedHosts?: readonly string[];
}

/** What `GET /console/ping` answers, so a stdio server can tell a console on its own database. */
export const PING_SERVICE = "bench-operator-console";

/**
 * What the ping says about the database: a hash of its identity (a random id stored in it, see
 * `DatabaseRepository.identity`), never of its name, which most installations share (`llm-bench`).
 */
export async function databaseTag(repos: Repositories): Promise<string> {
  const identity = await repos.database.identity();
  return createHash("sha256").update(`bench-operator database ${identity}`).digest("hex").slice(0, 16);
}

/**
 * Serves the console under /console on an HTTP listener and hands every other request to `next`.
 * Every console request passes the Host and Origin checks (DNS rebinding); every page but sign-in,
 * a link and the stylesheet needs a session; every POST needs our Origin and the session's CSRF
 * token; a link's session reaches only its own page.
 */
export function mountConsole(
  shared: ConsoleShared | Promise<ConsoleShared>,
  opts: ConsoleOptions,
  next: RequestListener,
): RequestListener {
  const ready = Promise.resolve(shared);
  return (req, res) => {
    const path = consolePath(req.url);
    if (path === null) {
      next(req, res);
      return;
    }
    ready
      .then((s) => handle(s, opts, path, req, res))
      .catch((e: unknown) => {
        if (e instanceof FormTooLarge)
          return res.headersSent ? res.end() : send(res, 413, "The form is too large.");
        if (!res.headersSent) errorPage(e, null, res);
        else res.end();
        ready.then(
          (s) => s.deps.logger.error("console request failed", { error: String(e) }),
          () => {},
        );
      });
  };
}

async function handle(
  shared: ConsoleShared,
  opts: ConsoleOptions,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const extra = opts.allowedHosts ?? [];
  if (!hostAndOriginOk(req, opts.host, extra))
    return send(res, 403, "Host or Origin not allowed (DNS-rebinding protection).");
  const { repos } = shared.deps;
  const now = shared.deps.clock();
  if (req.method !== "GET" && req.method !== "POST")
    return send(res, 405, "Only GET and POST.", { allow: "GET, POST" });
  if (req.method === "POST" && !postOriginOk(req, opts.host, extra))
    return send(
      res,
      403,
      messagePage(
        "Refused",
        "This form did not come from a page of this console (Origin). Nothing was changed.",
        null,
      ),
    );
  if (path === "/console/ping")
    return send(res, 200, JSON.stringify({ service: PING_SERVICE, database: await databaseTag(repos) }));
  if (path === "/console/static/console.css")
    return send(res, 200, STYLESHEET, { "content-type": "text/css; charset=utf-8" });
  if (path === "/console/sign-in") return signIn(shared, req, res, now);
  if (path.startsWith(LINK_PATH) && req.method === "GET")
    return openLink(shared, path.slice(LINK_PATH.length), res, now);

  return signedIn(shared, path, req, res, now);
}

/**
 * Everything behind a session: the scope of a link's session, then CSRF on every form. A browser may
 * send several sessions (a signed-in one, and one per page a link opened, each under its page's Path);
 * a page is served by one that reaches it, a link's first (it was made for that page and principal),
 * and a form is judged by the one whose CSRF token it carries, so no session's page stops working
 * because another opened beside it.
 */
async function signedIn(
  shared: ConsoleShared,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  now: Date,
): Promise<void> {
  const { repos } = shared.deps;
  const sent = [...cookieValues(req, PAGE_COOKIE), ...cookieValues(req, SESSION_COOKIE)].slice(
    0,
    MAX_SESSIONS_READ,
  );
  const live: Sent[] = [];
  for (const cookie of sent) {
    const session = await currentSession(repos, cookie, now);
    if (session) live.push({ cookie, session });
  }
  if (live.length === 0) {
    if (req.method === "GET") return redirect(res, signInFor(path));
    return send(
      res,
      403,
      messagePage(
        "Refused",
        "You are not signed in (or the session expired). Nothing was changed. Sign in again, or, for a page a " +
          "one-time link opened, ask your MCP client again (approve_decision or revert_batch opens a new link).",
        null,
      ),
    );
  }
  const reach = live.filter((s) => scopeAllows(s.session.scope, path));
  if (reach.length === 0)
    return send(
      res,
      403,
      messagePage(
        "Refused",
        "This session was opened by a one-time link and reaches only the page it was made for.",
        live[0]!.session,
      ),
    );
  const serve = async (chosen: Sent, form?: URLSearchParams): Promise<void> => {
    const { session } = chosen;
    const c: PageContext = { shared, session, principal: principalOf(session), now };
    try {
      if (req.method === "GET") return await routeGet(c, path, res, queryOf(req.url));
      if (path === signOutPath(session.scope)) {
        await endSession(repos, chosen.cookie, now);
        const page = scopePath(session.scope);
        return redirect(res, "/console/sign-in", {
          "set-cookie": cookieHeader(page ? PAGE_COOKIE : SESSION_COOKIE, "", 0, page ?? undefined),
        });
      }
      return await routePost(c, path, form ?? new URLSearchParams(), res);
    } catch (e) {
      const status = errorPage(e, c, res);
      if (status === 500) shared.deps.logger.error("console request failed", { path, error: String(e) });
    }
  };
  if (req.method === "GET") return serve(reach[0]!);
  let form: URLSearchParams;
  try {
    form = await readForm(req);
  } catch (e) {
    if (e instanceof FormTooLarge)
      return send(res, 413, messagePage("Refused", "The form is too large.", reach[0]!.session));
    throw e;
  }
  const csrf = form.get("csrf") ?? "";
  const chosen = reach.find((s) => sameSecret(csrf, s.session.csrf));
  if (!chosen)
    return send(
      res,
      403,
      messagePage(
        "Refused",
        "The form's CSRF token is missing or wrong: reload the page and try again. Nothing was changed.",
        reach[0]!.session,
      ),
    );
  return serve(chosen, form);
}

/** A session cookie the browser sent, and the live session it opens. */
interface Sent {
  cookie: string;
  session: ConsoleSessionDoc;
}

/** At most this many sent cookies are looked up per request (a browser holds one per page a link opened). */
const MAX_SESSIONS_READ = 8;

function queryOf(url: string | undefined): URLSearchParams {
  const q = (url ?? "").indexOf("?");
  return new URLSearchParams(q < 0 ? "" : (url ?? "").slice(q + 1));
}

/**
 * A console page a person asked for before signing in (a decision's page an agent's answer named,
 * a model's page, the costs): sign-in returns to it. Only a path under /console/ made of plain
 * segments is taken (no `.` or `..`, written out or percent-encoded, no `//`, no query), and not the
 * sign-in or link pages, so the parameter cannot send anyone off the console or round in circles.
 */
const RETURN_PAGE =
  /^\/console\/(?!sign-in|sign-out|link\/)[A-Za-z0-9_~%:@-][A-Za-z0-9._~%:@-]*(?:\/[A-Za-z0-9._~%:@-]+)*$/;

function returnPage(path: string | null | undefined): string | null {
  if (!path || !RETURN_PAGE.test(path) || /%2e/i.test(path)) return null;
  return path.split("/").some((s) => s === "." || s === "..") ? null : path;
}

/** The sign-in page, asked to come back to `path` when it is a page sign-in returns to. */
function signInFor(path: string): string {
  const back = returnPage(path);
  // The decisions list is where sign-in lands anyway.
  return back && back !== "/console/decisions"
    ? `/console/sign-in?next=${encodeURIComponent(back)}`
    : "/console/sign-in";
}

/** What `fresh` mints: 24 random bytes, base64url. */
const PRE_VALUE = /^[A-Za-z0-9_-]{32}$/;

async function signIn(
  shared: ConsoleShared,
  req: IncomingMessage,
  res: ServerResponse,
  now: Date,
): Promise<void> {
  const pre = cookies(req).get(PRE_COOKIE);
  // A pre-session the browser still holds is kept: another tab's GET of this page, a prefetch or a
  // stray request must not invalidate the form already on the screen. The browser drops it after
  // its Max-Age; a value that is not one of ours is replaced.
  const kept = pre !== undefined && PRE_VALUE.test(pre) ? pre : null;
  let next = returnPage(queryOf(req.url).get("next"));
  const fresh = (error: string | null, status = 200): void => {
    const csrf = kept ?? randomBytes(24).toString("base64url");
    send(res, status, signInPage(csrf, error, next), {
      "set-cookie": cookieHeader(PRE_COOKIE, csrf, 3_600),
    });
  };
  if (req.method === "GET") return fresh(null);
  const form = await readForm(req);
  next = returnPage(form.get("next"));
  if (!pre || !sameSecret(form.get("csrf") ?? "", pre))
    return fresh("The sign-in form expired or did not come from this page; try again.", 403);
  const opened = await signInWithToken(shared.deps.repos, form.get("token") ?? "", now);
  if (typeof opened === "string") return fresh(opened, 403);
  redirect(res, next ?? "/console/decisions", {
    "set-cookie": [
      cookieHeader(SESSION_COOKIE, opened.cookie, SESSION_TTL_MS / 1000),
      cookieHeader(PRE_COOKIE, "", 0),
    ],
  });
}

async function openLink(shared: ConsoleShared, token: string, res: ServerResponse, now: Date): Promise<void> {
  const opened = await useLink(shared.deps.repos, token, now);
  if ("refused" in opened) {
    const back = opened.usedPage
      ? {
          href: opened.usedPage,
          label: "If this browser opened it before, its page may still be open to you",
        }
      : undefined;
    return send(res, 410, messagePage("Link not valid", opened.refused, null, back));
  }
  const { scope } = opened.session;
  const page = scopePath(scope);
  const target = page ?? "/console/decisions";
  const ttl = Math.round((opened.session.expires_at.getTime() - now.getTime()) / 1000);
  const cookie = page
    ? cookieHeader(PAGE_COOKIE, opened.cookie, ttl, page)
    : cookieHeader(SESSION_COOKIE, opened.cookie, ttl);
  send(res, 200, linkLandingPage(target), { "set-cookie": cookie });
}

export interface RunningConsole {
  /** e.g. http://127.0.0.1:8766 (no path). */
  origin: string;
  close(): Promise<void>;
}

/** A listener serving only the console (`bench-operator console`, and a stdio server without `serve`). */
export async function startConsoleServer(
  shared: ConsoleShared | Promise<ConsoleShared>,
  opts: ConsoleOptions & { port: number },
): Promise<RunningConsole> {
  const server = createServer(
    // Only the root leads into the console. Anything else (the browser's own /favicon.ico above
    // all) is not found: redirected into the console it would land on the sign-in page, whose
    // every GET used to replace the sign-in form's CSRF cookie.
    mountConsole(shared, opts, (req, res) => {
      if ((req.url ?? "/").split("?")[0] === "/") redirect(res, "/console/decisions");
      else send(res, 404, "Not found: the console is at /console.");
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  return {
    origin: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
