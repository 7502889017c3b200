import { createHash, randomBytes } from "node:crypto";
import { authenticateToken } from "../auth/tokens.js";
import type { Principal } from "../policy/principal.js";
import type { ConsoleLinkDoc } from "../storage/console-links-repository.js";
import type { ConsoleScope, ConsoleSessionDoc } from "../storage/console-sessions-repository.js";
import type { Repositories } from "../storage/repositories.js";

/**
 * Who is at the console. A person signs in with their own bearer token (viewer, operator or
 * admin; agent and runner tokens are refused: the console is for humans) or opens a one-time link.
 * Both give a session whose cookie value is a fresh random secret; only its hash is stored.
 */

export const SESSION_TTL_MS = 8 * 3_600_000;
/** A session opened by an approval link lives long enough to read the evidence, no longer. */
export const LINK_SESSION_TTL_MS = 30 * 60_000;
/** Approval and sign-in links expire within minutes (issue 15). */
export const LINK_TTL_MS = 10 * 60_000;

export const LINK_PATH = "/console/link/";

const secret = (): string => randomBytes(32).toString("base64url");
const digest = (s: string): string => createHash("sha256").update(s).digest("hex");

export interface OpenedSession {
  cookie: string;
  session: ConsoleSessionDoc;
}

async function openSession(
  repos: Repositories,
  principal: ConsoleSessionDoc["principal"],
  scope: ConsoleScope,
  via: ConsoleSessionDoc["via"],
  now: Date,
): Promise<OpenedSession> {
  const cookie = secret();
  const session: ConsoleSessionDoc = {
    _id: digest(cookie),
    principal,
    scope,
    csrf: secret(),
    via,
    created_at: now,
    expires_at: new Date(
      now.getTime() + (via === "link" && scope.kind !== "all" ? LINK_SESSION_TTL_MS : SESSION_TTL_MS),
    ),
    ended_at: null,
  };
  await repos.consoleSessions.insert(session);
  return { cookie, session };
}

/** Signs in with a bearer token; a string says why not. */
export async function signInWithToken(
  repos: Repositories,
  token: string,
  now: Date,
): Promise<OpenedSession | string> {
  const identity = await authenticateToken(repos.apiTokens, token.trim(), now);
  if (!identity) return "That token is unknown or revoked.";
  if (identity.kind !== "principal" || identity.principal.kind !== "human")
    return "The console is for people: sign in with a viewer, operator or admin token, not an agent's or a runner's.";
  await repos.consoleSessions.prune(now); // a small collection: expired sessions go at each sign-in
  return openSession(repos, identity.principal, { kind: "all" }, "token", now);
}

export async function currentSession(
  repos: Repositories,
  cookie: string | undefined,
  now: Date,
): Promise<ConsoleSessionDoc | null> {
  if (!cookie || cookie.length > 100) return null;
  const s = await repos.consoleSessions.get(digest(cookie));
  if (!s || s.ended_at || s.expires_at.getTime() <= now.getTime()) return null;
  return s;
}

export async function endSession(repos: Repositories, cookie: string, now: Date): Promise<void> {
  await repos.consoleSessions.end(digest(cookie), now);
}

/** Mints a one-time link for `principal`; returns the path with the secret (`/console/link/...`). */
export async function mintLink(
  repos: Repositories,
  req: { principal: Principal; scope: ConsoleScope; purpose: ConsoleLinkDoc["purpose"] },
  now: Date,
): Promise<{ path: string; expiresAt: Date }> {
  const token = secret();
  const expiresAt = new Date(now.getTime() + LINK_TTL_MS);
  await repos.consoleLinks.insert({
    _id: digest(token),
    principal: { name: req.principal.name, role: req.principal.role, kind: req.principal.kind },
    scope: req.scope,
    purpose: req.purpose,
    created_at: now,
    expires_at: expiresAt,
    used_at: null,
  });
  return { path: `${LINK_PATH}${token}`, expiresAt };
}

/** Why a link opened nothing, and the page of a scoped link already used (this browser may hold its session). */
export interface RefusedLink {
  refused: string;
  usedPage: string | null;
}

/**
 * Uses a link: once, before it expires. Of two concurrent uses exactly one wins (a claim is an
 * insert of a unique key). Opening a link only starts a session; it never approves anything.
 */
export async function useLink(
  repos: Repositories,
  token: string,
  now: Date,
): Promise<OpenedSession | RefusedLink> {
  const refused = (usedPage: string | null = null): RefusedLink => ({
    refused:
      "This link is not valid: links work once and expire within minutes. For a new one, ask your MCP client " +
      "again (approve_decision or revert_batch opens a new link), or run `bench-operator console --link`.",
    usedPage,
  });
  if (token.length === 0 || token.length > 100) return refused();
  const hash = digest(token);
  const link = await repos.consoleLinks.get(hash);
  if (!link) return refused();
  // Opened again after its use (a second click on it): the session it opened may still
  // be in this browser, under its page's Path, so the page is named; it needs that session to show.
  const used = (): RefusedLink =>
    refused(
      now.getTime() < (link.used_at ?? now).getTime() + LINK_SESSION_TTL_MS ? scopePath(link.scope) : null,
    );
  if (link.used_at) return used();
  if (link.expires_at.getTime() <= now.getTime()) return refused();
  if (!(await repos.claims.claimOnce(`console-link:${hash}:used`, now, link.principal.name))) return used();
  await repos.consoleLinks.markUsed(hash, now);
  return openSession(repos, link.principal, link.scope, "link", now);
}

/**
 * The page a scoped session (an approval link's) was made for, and the Path of its cookie: the browser
 * sends it to that page and its forms only, so it neither replaces nor is replaced by the cookie of a
 * person's signed-in session or of another link's page. Null for a session that reaches everything.
 */
export function scopePath(scope: ConsoleScope): string | null {
  if (scope.kind === "all") return null;
  return `${scope.kind === "decision" ? "/console/decisions/" : "/console/batches/"}${scope.id}`;
}

/** Where a session's sign-out form posts: under its own page for a scoped session (its cookie's Path). */
export function signOutPath(scope: ConsoleScope): string {
  const page = scopePath(scope);
  return page === null ? "/console/sign-out" : `${page}/sign-out`;
}

/** May this session see `path`? A link's session sees its one page (and can sign out), nothing else. */
export function scopeAllows(scope: ConsoleScope, path: string): boolean {
  const page = scopePath(scope);
  return page === null || path === page || path.startsWith(`${page}/`);
}
